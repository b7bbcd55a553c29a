"""A complaint as a zaak of the configured zaaktype (docs/klachten.md), in the local ZGW
register over real HTTP; a register that refuses leaves the complaint registered, with the
reason on its history."""

from __future__ import annotations

from typing import Any

import pytest

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.klachten import Klachtgebeurtenissoort
from klantbeeld.domain.services import klachten
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Contactaanmelding, Deelnemer, registreer_contact
from klantbeeld.domain.services.klachthistorie import tijdlijn
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from standins.zgw import LocalZgw
from tests.domain.test_zoeken import nummer, persoon

pytestmark = pytest.mark.django_db
BY = ChangeContext(applicatie="Werkplek", gebruikers_id="fatima")


def telefoontje() -> Any:
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    sanne = Actor.objects.create(
        naam="Sanne de Vries",
        soort_actor="medewerker",
        indicatie_actief=True,
        telefoonnummer="0201234567",
    )
    aanmelding = Contactaanmelding(
        kanaal="telefoon",
        onderwerp="Klacht over de afhandeling",
        inhoud="Mijn bezwaar is zoekgeraakt.",
        deelnemers=[Deelnemer(partij=jan)],
        actoren=[sanne],
    )
    return registreer_contact(aanmelding, BY).klantcontact, sanne


def test_a_complaint_becomes_a_zaak_of_the_configured_zaaktype(
    zgw: LocalZgw, settings: Any
) -> None:
    settings.KLANTBEELD_KLACHT_ZAAKTYPE = zgw.zaaktype("BEZWAAR")["url"]
    contact, sanne = telefoontje()
    with ZgwZakenregister(by=BY) as register:
        klacht = klachten.registreer_klacht(contact, door=sanne, by=BY, register=register)
    [zaak] = zgw.objects("zaken")
    assert klacht.zaak_url == zaak["url"]
    assert zaak["zaaktype"] == settings.KLANTBEELD_KLACHT_ZAAKTYPE
    assert zaak["omschrijving"].startswith(f"Klacht {klacht.nummer}")
    assert klacht.gebeurtenissen.filter(
        soort=Klachtgebeurtenissoort.NOTITIE, toelichting__contains=zaak["identificatie"]
    ).exists()
    # The zaak's history is part of the complaint's timeline: the contact linked to it is
    # the complaint's receipt, shown once, as the event.
    regels = tijdlijn(klacht)
    assert [r.klantcontact for r in regels if r.klantcontact] == []
    assert regels[0].gebeurtenis is not None and regels[0].gebeurtenis.klantcontact == contact


def test_a_refused_zaak_leaves_the_complaint_registered_with_the_reason(
    zgw: LocalZgw, settings: Any
) -> None:
    settings.KLANTBEELD_KLACHT_ZAAKTYPE = "https://elders.example.nl/catalogi/api/v1/zaaktypen/1"
    contact, sanne = telefoontje()
    with ZgwZakenregister(by=BY) as register:
        klacht = klachten.registreer_klacht(contact, door=sanne, by=BY, register=register)
    assert klacht.zaak_url == "" and zgw.objects("zaken") == []
    notitie = klacht.gebeurtenissen.get(soort=Klachtgebeurtenissoort.NOTITIE)
    assert notitie.toelichting.startswith("Er is geen zaak aangemaakt:")
