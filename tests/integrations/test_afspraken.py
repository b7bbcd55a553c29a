"""Future appointments from the appointment system (the local Qmatic stand-in over real
HTTP), found only by the resident's verified e-mail addresses."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import DigitaalAdres
from klantbeeld.domain.services.common import SYSTEM
from klantbeeld.domain.services.identiteit import Identiteit, partij_van
from klantbeeld.integrations.afspraken.qmatic import (
    geverifieerde_adressen,
    toekomstige_afspraken,
)
from standins.afspraken import Afspraak, LocalAfspraken
from tests.support.objecten import over_een_week

pytestmark = pytest.mark.django_db


def test_future_appointments_soonest_first(afspraken: LocalAfspraken) -> None:
    later = afspraken.boek("jan@example.nl", Afspraak("Rijbewijs", over_een_week(14)))
    eerder = afspraken.boek("jan@example.nl", Afspraak("Paspoort", over_een_week(9)))
    afspraken.boek(
        "jan@example.nl", Afspraak("Voorbij", over_een_week() - datetime.timedelta(days=30))
    )
    afspraken.boek("anna@example.nl", Afspraak("Van Anna", over_een_week()))

    overzicht = toekomstige_afspraken(["jan@example.nl"])

    assert overzicht.storingen == []
    assert [a.dienst for a in overzicht.afspraken] == ["Paspoort", "Rijbewijs"]
    eerste = overzicht.afspraken[0]
    assert eerste.start == over_een_week(9)
    assert eerste.locatie == "Stadskantoor"
    assert eerste.adres == "Markt 1, 1234 AB, Gemeentestad"
    assert eerste.beheren == f"https://afspraken.example.nl/beheer/{eerder.public_id}"
    assert later.public_id != eerder.public_id


def test_an_unknown_customer_has_none(afspraken: LocalAfspraken) -> None:
    overzicht = toekomstige_afspraken(["niemand@example.nl"])
    assert overzicht.afspraken == [] and overzicht.storingen == []


def test_a_failing_system_gives_a_storing(afspraken: LocalAfspraken) -> None:
    afspraken.failing = 503
    [storing] = toekomstige_afspraken(["jan@example.nl"]).storingen
    assert storing.melding == "antwoordde met HTTP 503"


def test_a_wrong_key_gives_a_storing(afspraken: LocalAfspraken, settings: Any) -> None:
    settings.KLANTBEELD_AFSPRAKEN_API_KEY = "fout"
    [storing] = toekomstige_afspraken(["jan@example.nl"]).storingen
    assert "401" in storing.melding


def test_not_configured_shows_none(settings: Any) -> None:
    settings.KLANTBEELD_AFSPRAKEN_API_ROOT = ""
    overzicht = toekomstige_afspraken(["jan@example.nl"])
    assert overzicht.afspraken == [] and overzicht.storingen == []


def test_only_verified_addresses_are_asked_for() -> None:
    partij = partij_van(Identiteit(bsn=bsn(101)), SYSTEM)
    for adres, geverifieerd in (("Jan@Example.nl", True), ("ongecontroleerd@example.nl", False)):
        DigitaalAdres.objects.create(
            verstrekt_door_partij=partij,
            adres=adres,
            soort_digitaal_adres="email",
            verificatie_datum=datetime.date(2026, 1, 1) if geverifieerd else None,
        )
    assert geverifieerde_adressen(partij) == ["jan@example.nl"]
    assert geverifieerde_adressen(None) == []
