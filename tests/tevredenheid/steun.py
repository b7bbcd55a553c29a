"""Shared pieces of the satisfaction tests: a survey, a team, a contact registered through
the intake service, and the invitation the worker makes of it."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from klantbeeld.domain.models import Actor, DigitaalAdres, Klantcontact, Partij, Teamlid
from klantbeeld.domain.models.tevredenheid import Vragenlijst
from klantbeeld.domain.services.intake import (
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    registreer_contact,
)
from tests.domain.test_opvolging import BY, actor
from tests.domain.test_zoeken import persoon

MAIL = "fatima@example.org"


def vragenlijst(naam: str = "Na contact", **velden: Any) -> Vragenlijst:
    gegevens: dict[str, Any] = {
        "vraag": "Hoe tevreden bent u over uw contact met ons?",
        "open_vraag": "Wat kan beter?",
        "kanalen": ["telefoon", "e-mail"],
        "steekproef_procent": 100,
        "rust_dagen": 30,
        **velden,
    }
    return Vragenlijst.objects.create(naam=naam, **gegevens)


def team_met_medewerker(team: str = "Klantcontactcentrum") -> tuple[Actor, Actor]:
    eenheid = actor(team, "organisatorische_eenheid")
    sanne = actor("Sanne de Vries")
    Teamlid.objects.create(team=eenheid, medewerker=sanne)
    return eenheid, sanne


def klant(adres: str = MAIL, *, voorkeur: bool = True) -> Partij:
    partij = persoon("Fatima", "El Amrani")
    if adres:
        digitaal = DigitaalAdres.objects.create(
            verstrekt_door_partij=partij,
            soort_digitaal_adres="email" if "@" in adres else "telefoonnummer",
            adres=adres,
            verificatie_datum=timezone.localdate(),
        )
        if voorkeur:
            partij.voorkeurs_digitaal_adres = digitaal
            partij.save()
    return partij


def contact(
    partij: Partij | None,
    medewerker: Actor,
    *,
    kanaal: str = "telefoon",
    onderwerp: str = "Afvalkalender",
    adressen: tuple[Contactadres, ...] = (),
    **velden: Any,
) -> Klantcontact:
    registratie = registreer_contact(
        Contactaanmelding(
            kanaal=kanaal,
            onderwerp=onderwerp,
            inhoud="Wanneer wordt het oud papier opgehaald?",
            deelnemers=[Deelnemer(partij=partij, adressen=adressen)],
            actoren=[medewerker],
            **velden,
        ),
        BY,
    )
    assert registratie.klantcontact is not None
    return registratie.klantcontact
