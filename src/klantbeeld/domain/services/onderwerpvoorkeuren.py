"""A preferred channel per topic (cases.md C1924: "belastingen per post, vergunningen per
e-mail"), kept by Klantbeeld beside the partij's default, which it never changes.

**How the topic of a follow-up is known.** The topics are a configured list
(``KLANTBEELD_MIJN_ONDERWERPEN``): each a name and the words that recognise it. A
follow-up's topic is the first topic in that list of which a word occurs (ignoring case)
in the onderwerp of the klantcontact the task arises from, or in the task's
``gevraagdeHandeling``; a word that is a URL (a zaaktype) matches the contact's
``hoofdOnderwerpType`` exactly (R10 sets it to the zaaktype of a zaak made from the
contact). No word found: no topic, and R7 goes on to the partij's default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from klantbeeld.domain.models import DigitaalAdres, InterneTaak, Onderwerpvoorkeur, Partij
from klantbeeld.domain.models.eigen_gegevens import Voorkeurskanaal
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.services.common import (
    ChangeContext,
    delete_audited,
    save_audited,
    snapshot,
)

_KANAAL_VAN_SOORT = {
    SoortDigitaalAdres.EMAIL: Voorkeurskanaal.EMAIL,
    SoortDigitaalAdres.TELEFOONNUMMER: Voorkeurskanaal.TELEFOON,
}


@dataclass(frozen=True)
class Onderwerp:
    sleutel: str
    naam: str
    woorden: tuple[str, ...]

    def past_bij(self, *teksten: str, onderwerptype: str = "") -> bool:
        for woord in self.woorden:
            if woord.startswith(("http://", "https://")):
                if onderwerptype and onderwerptype == woord:
                    return True
            elif any(woord.lower() in tekst.lower() for tekst in teksten if tekst):
                return True
        return False


def onderwerpen() -> list[Onderwerp]:
    """The configured topics, in their order (the first that fits a follow-up wins)."""
    lijst = []
    for deel in str(settings.KLANTBEELD_MIJN_ONDERWERPEN).split(";"):
        naam, _, woorden = deel.partition("=")
        naam = naam.strip()
        if not naam:
            continue
        gevonden = tuple(w.strip() for w in woorden.split("|") if w.strip()) or (naam,)
        lijst.append(Onderwerp(sleutel=_sleutel(naam), naam=naam, woorden=gevonden))
    return lijst


def _sleutel(naam: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", naam.lower()).strip("-")[:40]


def onderwerp_met(sleutel: str) -> Onderwerp | None:
    return next((o for o in onderwerpen() if o.sleutel == sleutel), None)


def onderwerp_van_taak(taak: InterneTaak) -> Onderwerp | None:
    """The topic of a follow-up (see the module's docstring)."""
    contact = taak.aanleidinggevend_klantcontact
    return next(
        (
            o
            for o in onderwerpen()
            if o.past_bij(
                contact.onderwerp,
                taak.gevraagde_handeling,
                onderwerptype=contact.hoofd_onderwerp_type,
            )
        ),
        None,
    )


def voorkeuren_van(partij: Partij) -> dict[str, Onderwerpvoorkeur]:
    """The partij's preferences by topic key, for topics still configured."""
    sleutels = {o.sleutel for o in onderwerpen()}
    return {
        v.onderwerp: v
        for v in Onderwerpvoorkeur.objects.filter(partij=partij).select_related("digitaal_adres")
        if v.onderwerp in sleutels
    }


def voorkeur_voor(partij: Partij, onderwerp: Onderwerp) -> Onderwerpvoorkeur | None:
    return (
        Onderwerpvoorkeur.objects.filter(partij=partij, onderwerp=onderwerp.sleutel)
        .select_related("digitaal_adres")
        .first()
    )


def zet_voorkeur(
    partij: Partij,
    onderwerp: Onderwerp,
    *,
    kanaal: str,
    digitaal_adres: DigitaalAdres | None,
    by: ChangeContext,
) -> Onderwerpvoorkeur:
    """Hear about ``onderwerp`` by post, or at one of the partij's own addresses (an
    e-mail address only once it is verified: it must reach her)."""
    _controleer(partij, kanaal, digitaal_adres)
    with transaction.atomic():
        voorkeur = (
            Onderwerpvoorkeur.objects.select_for_update()
            .filter(partij=partij, onderwerp=onderwerp.sleutel)
            .first()
        )
        oud = snapshot(voorkeur) if voorkeur is not None else None
        if voorkeur is None:
            voorkeur = Onderwerpvoorkeur(partij=partij, onderwerp=onderwerp.sleutel)
        voorkeur.kanaal = kanaal
        voorkeur.digitaal_adres = digitaal_adres if kanaal != Voorkeurskanaal.POST else None
        return save_audited(voorkeur, by, oud)


def _controleer(partij: Partij, kanaal: str, adres: DigitaalAdres | None) -> None:
    if kanaal not in Voorkeurskanaal.values:
        raise ValidationError({"kanaal": gettext("Kies hoe u bericht wilt krijgen.")})
    if kanaal == Voorkeurskanaal.POST:
        return
    if adres is None or adres.verstrekt_door_partij_id != partij.pk:
        raise ValidationError({"digitaal_adres": gettext("Kies een van uw eigen adressen.")})
    if _KANAAL_VAN_SOORT.get(SoortDigitaalAdres(adres.soort_digitaal_adres)) != kanaal:
        raise ValidationError({"digitaal_adres": gettext("Dit adres past niet bij dit kanaal.")})
    if adres.soort_digitaal_adres == SoortDigitaalAdres.EMAIL and adres.verificatie_datum is None:
        raise ValidationError(
            {"digitaal_adres": gettext("Bevestig eerst dit e-mailadres met de link in de mail.")}
        )


def kanaal_van(adres: DigitaalAdres) -> str:
    """The channel an address of this kind stands for in a preference."""
    return _KANAAL_VAN_SOORT.get(
        SoortDigitaalAdres(adres.soort_digitaal_adres), Voorkeurskanaal.EMAIL
    )


def verwijder_voorkeur(partij: Partij, onderwerp: Onderwerp, by: ChangeContext) -> None:
    """No preference for this topic any more: the default holds again."""
    with transaction.atomic():
        for voorkeur in Onderwerpvoorkeur.objects.select_for_update().filter(
            partij=partij, onderwerp=onderwerp.sleutel
        ):
            delete_audited(voorkeur, by)


def verwijder_voorkeuren_met(adres: DigitaalAdres, by: ChangeContext) -> None:
    """An address that goes takes the preferences that named it (audited; the database's
    cascade would drop them unrecorded)."""
    for voorkeur in Onderwerpvoorkeur.objects.select_for_update().filter(digitaal_adres=adres):
        delete_audited(voorkeur, by)
