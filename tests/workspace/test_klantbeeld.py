"""The integral customer view (C4161): everything on one screen, only what the viewer may
see (also when guessing URLs), zaken from the registers with a partial result marked, a
fixed number of queries, and one verwerkingenlogging record per view."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import (
    Actor,
    Betrokkene,
    DigitaalAdres,
    InterneTaak,
    Klantcontact,
    Partij,
    Vertegenwoordigden,
)
from klantbeeld.integrations.models import ZgwService
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.roles import Rol
from standins.zgw import LocalZgw
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


def contact(partij: Partij, onderwerp: str, *, vertrouwelijk: bool = False) -> Klantcontact:
    kc = Klantcontact.objects.create(
        kanaal="telefoon",
        onderwerp=onderwerp,
        inhoud=f"Vraag over {onderwerp.lower()}",
        taal="nld",
        vertrouwelijk=vertrouwelijk,
        indicatie_contact_gelukt=True,
    )
    Betrokkene.objects.create(had_klantcontact=kc, was_partij=partij, rol="klant", initiator=True)
    return kc


@pytest.fixture
def jan() -> Partij:
    jan = persoon(
        "Jan",
        "Jansen",
        bezoekadres_straatnaam="Dorpsstraat",
        bezoekadres_huisnummer=5,
        bezoekadres_postcode="1234 AB",
        bezoekadres_stad="Ons Dorp",
    )
    nummer(jan, "bsn", bsn(1))
    DigitaalAdres.objects.create(
        verstrekt_door_partij=jan, soort_digitaal_adres="email", adres="jan@example.nl"
    )
    afval = contact(jan, "Afvalkalender")
    contact(jan, "Schuldhulp", vertrouwelijk=True)
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=afval,
        gevraagde_handeling="Terugbellen",
        status="te_verwerken",
    )
    taak.toegewezen_aan_actoren.add(
        Actor.objects.create(naam="Team Afval", soort_actor="organisatorische_eenheid")
    )
    dochter = persoon("Els", "Jansen")
    Vertegenwoordigden.objects.create(
        vertegenwoordigende_partij=dochter, vertegenwoordigde_partij=jan
    )
    return jan


def test_everything_on_one_screen(jan: Partij, zgw: LocalZgw) -> None:
    zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning Dorpsstraat", bsn=bsn(1))
    page = medewerker(Rol.KCC_MEDEWERKER).get(f"/werkplek/klanten/{jan.uuid}/").content.decode()
    for expected in (
        "Jan Jansen",
        bsn(1),
        "Dorpsstraat 5, 1234 AB Ons Dorp",
        "jan@example.nl",
        "Mag optreden voor deze klant",
        "Els Jansen",
        "Vergunning Dorpsstraat",
        "Parkeervergunning aanvragen",
        "Terugbellen",
        "Team Afval",
        "Afvalkalender",
    ):
        assert expected in page, expected
    assert "niet volledig" not in page
    assert "Schuldhulp" not in page  # confidential contact: not for a KCC employee


def test_confidential_contacts_for_team_leads(jan: Partij, db) -> None:
    page = medewerker(Rol.TEAMLEIDER).get(f"/werkplek/klanten/{jan.uuid}/").content.decode()
    assert "Schuldhulp" in page
    assert Verwerkingsactie.objects.get().vertrouwelijkheid == "vertrouwelijk"


def test_a_confidential_partij_does_not_exist_for_who_may_not_see_it(db) -> None:
    geheim = persoon("Geert", "Geheim", indicatie_geheimhouding=True)
    assert (
        medewerker(Rol.KCC_MEDEWERKER).get(f"/werkplek/klanten/{geheim.uuid}/").status_code == 404
    )
    assert (
        medewerker(Rol.BEHANDELAAR, naam="ahmed")
        .get(f"/werkplek/klanten/{geheim.uuid}/")
        .status_code
        == 200
    )
    assert [a.gebruiker for a in Verwerkingsactie.objects.all()] == ["ahmed"]


def test_each_view_is_logged_once_with_the_person_and_purpose(jan: Partij, db) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    kcc.get(f"/werkplek/klanten/{jan.uuid}/")
    [actie] = Verwerkingsactie.objects.all()
    assert (actie.actie_naam, actie.handeling_naam, actie.gebruiker) == (
        "Raadplegen",
        "Klantbeeld bekijken",
        "sanne",
    )
    assert actie.activiteit.standaard_voor == ["zoeken", "klantbeeld"]
    objecten = {
        (o.soort_object_id, o.object_id): (o.betrokkenheid, o.verwerkte_soorten_gegevens)
        for o in actie.verwerkte_objecten.all()
    }
    dochter = Partij.objects.get(contactnaam_voornaam="Els")
    assert set(objecten) == {("BSN", bsn(1)), ("partij", str(dochter.uuid))}
    assert "klantcontacten" in objecten[("BSN", bsn(1))][1]
    # The representative's name was shown too, and only that.
    assert objecten[("partij", str(dochter.uuid))] == ("vertegenwoordiger", ["naam"])
    kcc.get(f"/werkplek/klanten/{jan.uuid}/")
    assert Verwerkingsactie.objects.count() == 2


def test_a_register_that_fails_is_named_and_the_rest_is_shown(jan: Partij, zgw: LocalZgw) -> None:
    zgw.failing = True
    response = medewerker(Rol.KCC_MEDEWERKER).get(f"/werkplek/klanten/{jan.uuid}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit overzicht is niet volledig" in page
    assert "Open Zaak zaken: antwoordde met HTTP 503" in page
    assert "Afvalkalender" in page


def test_roles_without_access_and_unknown_partijen(jan: Partij, db) -> None:
    assert (
        medewerker(Rol.FUNCTIONEEL_BEHEERDER).get(f"/werkplek/klanten/{jan.uuid}/").status_code
        == 403
    )
    assert (
        medewerker(Rol.KCC_MEDEWERKER, naam="x")
        .get("/werkplek/klanten/00000000-0000-0000-0000-000000000000/")
        .status_code
        == 404
    )
    assert not Verwerkingsactie.objects.exists()


def test_the_number_of_queries_does_not_grow_with_the_history(jan: Partij, db) -> None:
    ZgwService.objects.all().delete()
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    kcc.get(f"/werkplek/klanten/{jan.uuid}/")  # sessions, groups: warmed
    with CaptureQueriesContext(connection) as few:
        kcc.get(f"/werkplek/klanten/{jan.uuid}/")
    from klantbeeld.domain.models import Bijlage, Onderwerpobject

    team = Actor.objects.create(naam="Team", soort_actor="organisatorische_eenheid")
    for n in range(10):
        kc = contact(jan, f"Vraag {n}")
        taak = InterneTaak.objects.create(
            aanleidinggevend_klantcontact=kc,
            gevraagde_handeling="Terugbellen",
            status="te_verwerken",
        )
        taak.toegewezen_aan_actoren.add(team)
        kc.actoren.add(team)
        # More of everything the page shows per item.
        vertegenwoordiger = persoon(f"Vertegenwoordiger{n}", "Jansen")
        Vertegenwoordigden.objects.create(
            vertegenwoordigende_partij=vertegenwoordiger, vertegenwoordigde_partij=jan
        )
        Partij.objects.create(
            soort_partij="contactpersoon",
            indicatie_actief=True,
            contactnaam_voornaam=f"Contact{n}",
            contactnaam_achternaam="Persoon",
            werkte_voor_partij=jan,
        )
        DigitaalAdres.objects.create(
            verstrekt_door_partij=jan, soort_digitaal_adres="email", adres=f"jan{n}@example.nl"
        )
        Bijlage.objects.create(
            was_bijlage_van_klantcontact=kc,
            bijlageidentificator_code_objecttype="productaanvraag",
            bijlageidentificator_object_id=f"aanvraag-{n}",
        )
        Onderwerpobject.objects.create(
            klantcontact=kc,
            onderwerpobjectidentificator_code_objecttype="afspraak",
            onderwerpobjectidentificator_object_id=f"afspraak-{n}",
        )
    with CaptureQueriesContext(connection) as many:
        kcc.get(f"/werkplek/klanten/{jan.uuid}/")
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_product_requests_and_appointments_of_the_contacts_are_shown(jan: Partij, db) -> None:
    from klantbeeld.domain.models import Bijlage, Onderwerpobject

    aanvraag_contact, geheim = (
        Klantcontact.objects.get(onderwerp=o) for o in ("Afvalkalender", "Schuldhulp")
    )
    Bijlage.objects.create(
        was_bijlage_van_klantcontact=aanvraag_contact,
        bijlageidentificator_code_objecttype="productaanvraag",
        bijlageidentificator_code_register="objecten",
        bijlageidentificator_code_soort_object_id="uuid",
        bijlageidentificator_object_id="1f9e5b55-8d3a-4b5e-9d1e-3a5f2c4b6d7e",
    )
    Onderwerpobject.objects.create(
        klantcontact=geheim,
        onderwerpobjectidentificator_code_objecttype="afspraak",
        onderwerpobjectidentificator_code_register="qmatic",
        onderwerpobjectidentificator_code_soort_object_id="id",
        onderwerpobjectidentificator_object_id="AFS-778",
    )
    kcc = medewerker(Rol.KCC_MEDEWERKER).get(f"/werkplek/klanten/{jan.uuid}/").content.decode()
    assert "productaanvraag" in kcc and "1f9e5b55-8d3a-4b5e-9d1e-3a5f2c4b6d7e" in kcc
    assert "AFS-778" not in kcc  # on a confidential contact
    leider = medewerker(Rol.TEAMLEIDER, naam="ruud").get(f"/werkplek/klanten/{jan.uuid}/")
    assert "AFS-778" in leider.content.decode()


def test_c1923_planned_address_changes_show_with_their_label_and_date(jan: Partij) -> None:
    import datetime

    from django.utils import timezone

    from klantbeeld.domain.services.adreswijzigingen import plan_adreswijziging
    from klantbeeld.domain.services.common import SYSTEM

    vanaf = timezone.localdate() + datetime.timedelta(days=10)
    plan_adreswijziging(
        jan,
        soort="correspondentieadres",
        omschrijving="Nieuwe woning",
        geldig_vanaf=vanaf,
        adres={"straatnaam": "Kade", "huisnummer": 3, "postcode": "4321 BA", "stad": "Havenstad"},
        by=SYSTEM,
    )
    page = medewerker(Rol.KCC_MEDEWERKER).get(f"/werkplek/klanten/{jan.uuid}/").content.decode()
    assert "Dorpsstraat 5, 1234 AB Ons Dorp" in page  # the current one, until the date
    assert "Nieuwe woning: Kade 3, 4321 BA Havenstad" in page
    assert f"Correspondentieadres vanaf {vanaf.day} " in page
