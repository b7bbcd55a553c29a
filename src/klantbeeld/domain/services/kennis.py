"""The knowledge base's business actions: writing and publishing articles (each save of a
published article keeps what it said before, with who replaced it and when), feedback on
an article for its owner, and the articles due for review.

Every save ends in ``opgeslagen``, whether it came from these functions or from the admin's
forms (domain/admin_kennis.py), so the rules, the versions, the audit trail and the search
index are kept in one place."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from klantbeeld.domain.models import Actor, Artikel, Artikelfeedback, Artikelversie, Sectie
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.kennis import Status
from klantbeeld.domain.services import kennis_index
from klantbeeld.domain.services.common import ChangeContext, audit, collect, snapshot

MAX_FEEDBACK = 2000


@dataclass(frozen=True)
class Vorige:
    """An article as it was stored before a change."""

    inhoud: dict[str, Any]
    status: str
    versie: int
    gewijzigd_op: datetime.datetime
    gewijzigd_door: str
    rij: dict[str, Any]  # for the audit trail


def inhoud(artikel: Artikel) -> dict[str, Any]:
    """What an article says and for whom, as kept in a version."""
    return {
        "soort": artikel.soort,
        "titel": artikel.titel,
        "samenvatting": artikel.samenvatting,
        "trefwoorden": artikel.trefwoorden,
        "secties": [{"kop": s.kop, "tekst": s.tekst} for s in artikel.secties.all()],
        "doelgroep": sorted(str(pk) for pk in artikel.doelgroep.values_list("pk", flat=True)),
        "eigenaar": str(artikel.eigenaar_id),
        "herzien_op": artikel.herzien_op.isoformat() if artikel.herzien_op else None,
    }


def vorige(artikel_pk: Any) -> Vorige | None:
    """The stored article before a change is saved (None for a new one)."""
    opgeslagen_artikel = Artikel.objects.filter(pk=artikel_pk).first()
    if opgeslagen_artikel is None:
        return None
    return Vorige(
        inhoud=inhoud(opgeslagen_artikel),
        status=opgeslagen_artikel.status,
        versie=opgeslagen_artikel.versie,
        gewijzigd_op=opgeslagen_artikel.gewijzigd_op,
        gewijzigd_door=opgeslagen_artikel.gewijzigd_door,
        rij=snapshot(opgeslagen_artikel),
    )


def controleer(artikel: Artikel) -> None:
    """The rules an article meets before it is stored."""

    def titel() -> None:
        if not artikel.titel.strip():
            raise ValidationError({"titel": "Geef het artikel een titel."})

    def samenvatting() -> None:
        if not artikel.samenvatting.strip():
            raise ValidationError({"samenvatting": "Vat het antwoord in een paar zinnen samen."})

    def eigenaar() -> None:
        if artikel.eigenaar_id is None:
            raise ValidationError({"eigenaar": "Kies wie het artikel bijhoudt."})
        if artikel.eigenaar.soort_actor not in (
            SoortActor.MEDEWERKER,
            SoortActor.ORGANISATORISCHE_EENHEID,
        ):
            raise ValidationError({"eigenaar": "De eigenaar is een team of een medewerker."})

    def herzien_op() -> None:
        if artikel.herzien_op is None:
            raise ValidationError({"herzien_op": "Kies wanneer het artikel wordt nagekeken."})

    collect(titel, samenvatting, eigenaar, herzien_op)


@transaction.atomic
def opgeslagen(artikel: Artikel, voor: Vorige | None, door: ChangeContext) -> Artikel:
    """Finish a save of ``artikel`` (its row and sections are stored): keep the version it
    replaced when that was published and the content changed, number the new one, record
    who did it, and put it in or out of the search index."""
    nu = timezone.now()
    if voor is not None and voor.status == Status.GEPUBLICEERD and _veranderd(artikel, voor):
        Artikelversie.objects.create(
            artikel=artikel,
            versie=voor.versie,
            inhoud=voor.inhoud,
            status=voor.status,
            opgeslagen_op=voor.gewijzigd_op,
            opgeslagen_door=voor.gewijzigd_door,
            vervangen_op=nu,
            vervangen_door=door.gebruikers_weergave,
        )
        artikel.versie = voor.versie + 1
    artikel.gewijzigd_op = nu
    artikel.gewijzigd_door = door.gebruikers_weergave or door.applicatie
    Artikel.objects.filter(pk=artikel.pk).update(
        versie=artikel.versie, gewijzigd_op=nu, gewijzigd_door=artikel.gewijzigd_door
    )
    audit(artikel, "create" if voor is None else "update", door, voor.rij if voor else None)
    kennis_index.indexeer_artikel(artikel)
    return artikel


def _veranderd(artikel: Artikel, voor: Vorige) -> bool:
    return inhoud(artikel) != voor.inhoud or artikel.status != voor.status


@dataclass(frozen=True)
class Sectietekst:
    kop: str
    tekst: str


@transaction.atomic
def bewaar_artikel(
    artikel: Artikel,
    wijzigingen: dict[str, Any],
    door: ChangeContext,
    *,
    secties: list[Sectietekst] | None = None,
    doelgroep: list[Actor] | None = None,
) -> Artikel:
    """Create (an unsaved ``artikel``) or change an article: fields from ``wijzigingen``,
    and when given the sections (in order) and the teams it is for."""
    voor = vorige(artikel.pk) if not artikel._state.adding else None
    for naam, waarde in wijzigingen.items():
        setattr(artikel, naam, waarde)
    controleer(artikel)
    artikel.full_clean(exclude=["doelgroep"])
    artikel.save()
    if secties is not None:
        artikel.secties.all().delete()
        Sectie.objects.bulk_create(
            [
                Sectie(artikel=artikel, volgorde=i, kop=s.kop, tekst=s.tekst)
                for i, s in enumerate(secties)
            ]
        )
    if doelgroep is not None:
        if any(t.soort_actor != SoortActor.ORGANISATORISCHE_EENHEID for t in doelgroep):
            raise ValidationError({"doelgroep": "Een doelgroep bestaat uit teams."})
        artikel.doelgroep.set(doelgroep)
    return opgeslagen(artikel, voor, door)


def publiceer(artikel: Artikel, door: ChangeContext) -> Artikel:
    return bewaar_artikel(artikel, {"status": Status.GEPUBLICEERD}, door)


@transaction.atomic
def verwijder_artikel(artikel: Artikel, door: ChangeContext) -> None:
    kennis_index.verwijder_artikel(artikel)
    audit(artikel, "destroy", door, snapshot(artikel))
    artikel.delete()


# -- feedback ---------------------------------------------------------------------------


def geef_feedback(
    artikel: Artikel, tekst: str, door: ChangeContext, gebruikersnaam: str = ""
) -> Artikelfeedback:
    """A colleague's remark on ``artikel``; its owner finds it among their open feedback
    (``open_feedback``) and the kennisbeheerder in the admin."""
    tekst = tekst.strip()
    if not tekst:
        raise ValidationError({"tekst": "Schrijf wat er niet klopt of ontbreekt."})
    if len(tekst) > MAX_FEEDBACK:
        raise ValidationError({"tekst": f"Gebruik hoogstens {MAX_FEEDBACK} tekens."})
    return Artikelfeedback.objects.create(
        artikel=artikel,
        versie=artikel.versie,
        tekst=tekst,
        gegeven_door=door.gebruikers_weergave or door.applicatie,
        gebruikersnaam=gebruikersnaam[:150],
    )


def handel_feedback_af(feedback: Artikelfeedback, door: ChangeContext) -> Artikelfeedback:
    if not feedback.afgehandeld:
        feedback.afgehandeld = True
        feedback.afgehandeld_op = timezone.now()
        feedback.afgehandeld_door = door.gebruikers_weergave or door.applicatie
        feedback.save(update_fields=["afgehandeld", "afgehandeld_op", "afgehandeld_door"])
    return feedback


def open_feedback(eigenaren: list[Any]) -> QuerySet[Artikelfeedback]:
    """Feedback not yet handled on the articles owned by any of ``eigenaren`` (actor pks:
    an employee and the teams they are in)."""
    return (
        Artikelfeedback.objects.filter(afgehandeld=False, artikel__eigenaar_id__in=eigenaren)
        .select_related("artikel")
        .order_by("gegeven_op")
    )


def te_herzien(op: datetime.date | None = None) -> QuerySet[Artikel]:
    """Published articles whose review date has come."""
    dag = op or timezone.localdate()
    return Artikel.objects.filter(status=Status.GEPUBLICEERD, herzien_op__lte=dag).order_by(
        "herzien_op", "titel"
    )
