"""Zaakmeldingen: a zaak's status changed, and the partijen involved are to hear of it."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q

from klantbeeld.domain.models import DigitaalAdres, Onderwerpobject, Partij, Zaakmelding
from klantbeeld.domain.models.meldingen import Berichtkanaal
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.services.common import ChangeContext, save_audited

_KANAAL: dict[str, str] = {
    SoortDigitaalAdres.EMAIL: Berichtkanaal.EMAIL,
    SoortDigitaalAdres.TELEFOONNUMMER: Berichtkanaal.SMS,
}


def betrokken_partijen(zaak: str, identificatoren: Iterable[tuple[str, str]] = ()) -> list[Partij]:
    """The partijen with a klantcontact about ``zaak`` (its URL; an onderwerpobject may name
    it by URL or by uuid), and those known by one of ``identificatoren`` (soort, waarde:
    the betrokkenen the zaak's rollen name)."""
    uuid = zaak.rstrip("/").rsplit("/", 1)[-1]
    over_zaak = Onderwerpobject.objects.filter(
        onderwerpobjectidentificator_object_id__in=[zaak, uuid],
        onderwerpobjectidentificator_code_objecttype__icontains="zaak",
    )
    wie = Q(betrokkenen__had_klantcontact__onderwerpobjecten__in=over_zaak)
    for soort, waarde in identificatoren:
        wie |= Q(
            partij_identificatoren__partij_identificator_code_soort_object_id=soort,
            partij_identificatoren__partij_identificator_object_id=waarde,
        )
    return list(
        Partij.objects.filter(wie)
        .distinct()
        .order_by("pk")
        .select_related("voorkeurs_digitaal_adres")
    )


def zaakstatus_gewijzigd(
    zaak: str,
    status: str,
    zaaktype: str,
    by: ChangeContext,
    identificatoren: Iterable[tuple[str, str]] = (),
) -> list[Zaakmelding]:
    """Record the new status for every partij involved, with the channel to tell them by.
    A status already recorded for a partij is not recorded again (notifications arrive at
    least once)."""
    meldingen = []
    with transaction.atomic():
        for partij in betrokken_partijen(zaak, identificatoren):
            if Zaakmelding.objects.filter(partij=partij, status=status).exists():
                continue
            kanaal, adres = _voorkeur(partij)
            melding = Zaakmelding(
                partij=partij,
                zaak=zaak,
                status=status,
                zaaktype=zaaktype,
                berichtkanaal=kanaal,
                bericht_adres=adres,
            )
            meldingen.append(save_audited(melding, by, None))
    return meldingen


def _voorkeur(partij: Partij) -> tuple[str, str]:
    """The partij's preferred digital address if it can carry a message, else their first
    e-mail address, else a letter."""
    voorkeur = partij.voorkeurs_digitaal_adres
    if voorkeur is not None and voorkeur.soort_digitaal_adres in _KANAAL:
        return _KANAAL[voorkeur.soort_digitaal_adres], voorkeur.adres
    email = (
        DigitaalAdres.objects.filter(
            verstrekt_door_partij=partij, soort_digitaal_adres=SoortDigitaalAdres.EMAIL
        )
        .order_by("pk")
        .first()
    )
    if email is not None:
        return Berichtkanaal.EMAIL, email.adres
    return Berichtkanaal.POST, ""
