"""The export of everything Klantbeeld holds about one person (AVG art. 15,
privacy/inzageverzoek.py) and its two forms (privacy/afschrift.py): their own data, the
team not the employee, never an interne notitie, an interne taak or another person."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from pypdf import PdfReader

from klantbeeld.channels.post.brief import Lettertype
from klantbeeld.demo.numbers import bsn, kvk_nummer
from klantbeeld.domain.models import (
    Actor,
    ActorKlantcontact,
    Betrokkene,
    CategorieRelatie,
    DigitaalAdres,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
    Partij,
    Rekeningnummer,
    Teamlid,
)
from klantbeeld.domain.models.partijen import Categorie
from klantbeeld.privacy import afschrift
from klantbeeld.privacy.inzageverzoek import SECTIES, Onderwerp, Sectie, stel_samen
from klantbeeld.privacy.models import Verwerkingsactiviteit
from klantbeeld.privacy.verwerkingen import log_verwerking
from tests.domain.test_zoeken import nummer, persoon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _organisatie(settings: Any) -> None:
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Ons Dorp"


def contact(partij: Partij, onderwerp: str, **velden: Any) -> Klantcontact:
    kc = Klantcontact.objects.create(
        kanaal="telefoon",
        onderwerp=onderwerp,
        inhoud=f"Vraag over {onderwerp.lower()}",
        reactie="Beantwoord.",
        taal="nld",
        vertrouwelijk=velden.pop("vertrouwelijk", False),
        indicatie_contact_gelukt=True,
    )
    Betrokkene.objects.create(
        had_klantcontact=kc,
        was_partij=partij,
        rol="klant",
        initiator=True,
        contactnaam_voornaam=partij.contactnaam_voornaam,
        contactnaam_achternaam=partij.contactnaam_achternaam,
        **velden,
    )
    return kc


@pytest.fixture
def jan() -> Partij:
    jan = persoon(
        "Łukasz",
        "Jansen",
        bezoekadres_straatnaam="Dorpsstraat",
        bezoekadres_huisnummer=5,
        bezoekadres_postcode="1234 AB",
        bezoekadres_stad="Ons Dorp",
        interne_notitie="Belt vaak boos op; let op.",
    )
    nummer(jan, "bsn", bsn(1))
    email = DigitaalAdres.objects.create(
        verstrekt_door_partij=jan, soort_digitaal_adres="email", adres="jan@example.nl"
    )
    jan.voorkeurs_digitaal_adres = email
    jan.save()
    Rekeningnummer.objects.create(partij=jan, iban="NL91ABNA0417164300")
    CategorieRelatie.objects.create(
        partij=jan, categorie=Categorie.objects.create(naam="Mantelzorger")
    )
    return jan


@pytest.fixture
def marie() -> Partij:
    marie = persoon("Marie", "Pieters")
    nummer(marie, "bsn", bsn(2))
    return marie


def test_the_export_holds_the_persons_data_and_nothing_of_others(jan: Partij, marie: Partij):
    team = Actor.objects.create(naam="Klantcontactcentrum", soort_actor="organisatorische_eenheid")
    sanne = Actor.objects.create(naam="Sanne de Vries", soort_actor="medewerker")
    Teamlid.objects.create(team=team, medewerker=sanne)
    kc = contact(jan, "Afvalkalender")
    ActorKlantcontact.objects.create(actor=sanne, klantcontact=kc)
    # Marie called about Jan with him: her part of the contact is hers, not his.
    Betrokkene.objects.create(
        had_klantcontact=kc,
        was_partij=marie,
        rol="vertegenwoordiger",
        initiator=False,
        contactnaam_voornaam="Marie",
        contactnaam_achternaam="Pieters",
    )
    Onderwerpobject.objects.create(
        klantcontact=kc,
        onderwerpobjectidentificator_code_objecttype="zgw-Zaak",
        onderwerpobjectidentificator_code_register="openzaak",
        onderwerpobjectidentificator_code_soort_object_id="uuid",
        onderwerpobjectidentificator_object_id="0c7f4a6e-zaak",
    )
    InterneTaak.objects.create(
        aanleidinggevend_klantcontact=kc,
        gevraagde_handeling="Terugbellen",
        toelichting="Geheime toelichting voor collega",
        status="te_verwerken",
    )
    contact(jan, "Schuldhulp", vertrouwelijk=True)
    contact(marie, "Paspoort van Marie")
    log_verwerking(
        actie="Raadplegen",
        handeling="Klantbeeld bekijken",
        activiteit=Verwerkingsactiviteit.objects.first(),
        gebruiker="sanne",
        uitvoerder="Sanne de Vries",
        partijen=[jan],
        soorten_gegevens=["naam"],
        organisatie_eenheid="Klantcontactcentrum",
    )

    inzage = stel_samen(Onderwerp(partij=jan, bsn=bsn(1)))
    secties = {s["sleutel"]: s for s in inzage["secties"]}
    assert inzage["grondslag"] == "AVG artikel 15"
    [gegevens] = secties["partij"]["items"]
    assert (gegevens["voornaam"], gegevens["achternaam"]) == ("Łukasz", "Jansen")
    assert gegevens["bezoekadres"]["straatnaam"] == "Dorpsstraat"
    assert gegevens["identificatoren"][0]["nummer"] == bsn(1)
    [email] = secties["digitale_adressen"]["items"]
    assert (email["adres"], email["voorkeur"]) == ("jan@example.nl", True)
    assert secties["rekeningnummers"]["items"][0]["iban"] == "NL91ABNA0417164300"
    assert secties["categorieen"]["items"][0]["categorie"] == "Mantelzorger"
    contacten = {c["onderwerp"]: c for c in secties["klantcontacten"]["items"]}
    # Their own confidential contact too (C6278); never Marie's own contact.
    assert set(contacten) == {"Afvalkalender", "Schuldhulp"}
    afval = contacten["Afvalkalender"]
    assert afval["team"] == "Klantcontactcentrum"
    assert afval["naam_bij_contact"] == "Łukasz Jansen"
    assert afval["gaat_over"] == [
        {"register": "openzaak", "soort": "zgw-Zaak", "kenmerk": "0c7f4a6e-zaak"}
    ]
    assert contacten["Schuldhulp"]["team"] == "Gemeente Ons Dorp"
    [verwerking] = secties["verwerkingen"]["items"]
    assert (verwerking["eenheid"], verwerking["uitgevoerd_door"]) == (
        "Klantcontactcentrum",
        "medewerker",
    )
    assert secties["elders"]["items"][0]["verwijzingen"] == ["0c7f4a6e-zaak"]

    geheel = afschrift.als_json(inzage).decode()
    json.loads(geheel)
    for nooit in (
        "Belt vaak boos",  # interneNotitie
        "Geheime toelichting",  # an interne taak
        "Terugbellen",
        "Sanne",  # the employee
        "Marie",  # another person, also on a shared contact
        "Pieters",
        bsn(2),
        "Paspoort",
    ):
        assert nooit not in geheel, nooit


def test_without_a_partij_there_is_still_the_log_and_the_explanation():
    inzage = stel_samen(Onderwerp(partij=None, bsn=bsn(3)))
    secties = {s["sleutel"]: s for s in inzage["secties"]}
    assert secties["partij"]["items"] == []
    assert "geen klantgegevens" in secties["partij"]["leeg"]
    assert secties["klantcontacten"]["items"] == []
    assert secties["verwerkingen"]["leeg"] == "Geen."


def test_a_company_gets_its_data_and_an_explanation_instead_of_a_log():
    bakkerij = Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Bakkerij De Korenschoof"
    )
    nummer(bakkerij, "kvk_nummer", kvk_nummer(1), objecttype="niet_natuurlijk_persoon")
    inzage = stel_samen(Onderwerp(partij=bakkerij, kvk_nummer=kvk_nummer(1)))
    secties = {s["sleutel"]: s for s in inzage["secties"]}
    assert secties["partij"]["items"][0]["naam"] == "Bakkerij De Korenschoof"
    assert secties["verwerkingen"]["items"] == []
    assert "bedrijven" in secties["verwerkingen"]["toelichting"]


def test_a_section_is_one_small_function():
    def extra(onderwerp: Onderwerp) -> Sectie:
        return Sectie("berichten", "Berichten", {"aantal": "Aantal"}, [{"aantal": 2}])

    inzage = stel_samen(Onderwerp(partij=None, bsn=bsn(3)), [*SECTIES, extra])
    assert inzage["secties"][-1]["items"] == [{"aantal": 2}]


def test_the_pdf_reads_as_the_export_with_every_letter(jan: Partij):
    contact(jan, "Afvalkalender")
    inzage = stel_samen(Onderwerp(partij=jan, bsn=bsn(1)))
    pdf = afschrift.als_pdf(inzage)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    tekst = "\n".join(page.extract_text() for page in reader.pages)
    for verwacht in (
        "Uw gegevens bij Gemeente Ons Dorp",
        "Łukasz",
        "Dorpsstraat",
        "jan@example.nl",
        "Afvalkalender",
        "Gegevens die niet in het klantregister staan",
    ):
        assert verwacht in tekst, verwacht
    assert "Belt vaak boos" not in tekst
    assert reader.metadata is not None and reader.metadata.title == inzage["titel"]


def test_without_a_unicode_font_the_pdf_still_prints(jan: Partij):
    pdf = afschrift.als_pdf(stel_samen(Onderwerp(partij=jan, bsn=bsn(1))), Lettertype(None))
    tekst = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Lukasz" in tekst
