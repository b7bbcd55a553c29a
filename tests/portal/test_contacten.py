"""Mijn contacten over HTTP against the local ZGW register (C6278, R10, R12): a document of
one's own contact is served through Klantbeeld, anyone else's is the portal's 404; a
question with an attachment stores it in the Documenten API; every read is logged; a
too-low level of assurance may look but not ask."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.module_loading import import_string

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import (
    Actor,
    Betrokkene,
    Bijlage,
    InterneTaak,
    Klantcontact,
    Partij,
    Vertegenwoordigden,
)
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.identiteit import Identiteit, partij_van
from klantbeeld.integrations.zgw.client import ZgwClient
from klantbeeld.portal.identiteit import SESSIE_SLEUTEL, Ingelogde, Middel
from klantbeeld.portal.niveaus import Niveau
from klantbeeld.privacy.models import Verwerkingsactie
from standins.zgw import LocalZgw
from tests.integrations.conftest import zgw  # noqa: F401

pytestmark = pytest.mark.django_db
BY = ChangeContext(applicatie="test")
JAN, ANNA = bsn(101), bsn(102)


def portaal(bsn_: str, niveau: Niveau = Niveau.MIDDEN, *, door: str = "") -> Client:
    """A browser signed in to the portal as the resident with ``bsn_`` (or as ``door``,
    acting for them with DigiD Machtigen)."""
    store = import_string(django_settings.SESSION_ENGINE + ".SessionStore")()
    wie = Ingelogde(
        middel=Middel.DIGID,
        klant=Identiteit(bsn=bsn_),
        niveau=niveau,
        gemachtigde=Identiteit(bsn=door) if door else None,
    )
    store[SESSIE_SLEUTEL] = wie.als_sessie()
    store.save()
    client = Client()
    client.cookies[django_settings.KLANTBEELD_MIJN_SESSIE_COOKIE] = store.session_key
    return client


def partij(bsn_: str) -> Partij:
    gevonden = partij_van(Identiteit(bsn=bsn_), BY)
    assert gevonden is not None
    return gevonden


def contact_met_document(
    register: LocalZgw, van: Partij, inhoud: bytes, vertrouwelijkheid: str = "openbaar"
) -> tuple[Klantcontact, Bijlage]:
    kc = Klantcontact.objects.create(
        kanaal="post", onderwerp="Brief", taal="nld", vertrouwelijk=False
    )
    Betrokkene.objects.create(had_klantcontact=kc, was_partij=van, rol="klant", initiator=False)
    iot = register.objects("informatieobjecttypen")[0]["url"]
    eio = _document(register, iot, inhoud, vertrouwelijkheid)
    bijlage = Bijlage.objects.create(
        was_bijlage_van_klantcontact=kc,
        bijlageidentificator_code_objecttype="zgw-EnkelvoudigInformatieObject",
        bijlageidentificator_code_register="openzaak",
        bijlageidentificator_code_soort_object_id="uuid",
        bijlageidentificator_object_id=eio["url"].rstrip("/").rsplit("/", 1)[1],
    )
    return kc, bijlage


def _document(
    register: LocalZgw, iot: str, inhoud: bytes, vertrouwelijkheid: str
) -> dict[str, Any]:
    with ZgwClient() as client:
        return client.post(
            f"{register.documenten_root.rstrip('/')}/enkelvoudiginformatieobjecten",
            {
                "bronorganisatie": "002220647",
                "creatiedatum": "2026-12-01",
                "titel": "Besluit parkeervergunning",
                "auteur": "Gemeente",
                "taal": "dut",
                "formaat": "application/pdf",
                "bestandsnaam": "besluit.pdf",
                "inhoud": base64.b64encode(inhoud).decode(),
                "informatieobjecttype": iot,
                "vertrouwelijkheidaanduiding": vertrouwelijkheid,
                "indicatieGebruiksrecht": False,
            },
        )


def test_a_document_only_of_ones_own_contact(zgw: LocalZgw):  # noqa: F811
    jan, anna = partij(JAN), partij(ANNA)
    eigen, document = contact_met_document(zgw, jan, b"%PDF-1.4 van Jan")
    ander, van_anna = contact_met_document(zgw, anna, b"%PDF-1.4 van Anna")
    _, geheim = contact_met_document(zgw, jan, b"%PDF-1.4 geheim", "zeer_geheim")
    browser = portaal(JAN)

    pagina = browser.get(f"/mijn/contacten/{eigen.uuid}/")
    assert pagina.status_code == 200
    assert "Besluit parkeervergunning" in pagina.content.decode()
    antwoord = browser.get(f"/mijn/contacten/{eigen.uuid}/documenten/{document.uuid}/")
    assert antwoord.status_code == 200
    assert antwoord.content == b"%PDF-1.4 van Jan"
    assert "besluit.pdf" in antwoord["Content-Disposition"]
    assert "no-store" in antwoord["Cache-Control"]

    for pad in (
        f"/mijn/contacten/{ander.uuid}/documenten/{van_anna.uuid}/",
        f"/mijn/contacten/{eigen.uuid}/documenten/{van_anna.uuid}/",
        f"/mijn/contacten/{ander.uuid}/",
        f"/mijn/contacten/{geheim.was_bijlage_van_klantcontact.uuid}/documenten/{geheim.uuid}/",
    ):
        geweigerd = browser.get(pad)
        assert geweigerd.status_code == 404, pad
        assert b"Niet gevonden" in geweigerd.content
        assert b"van Anna" not in geweigerd.content
    # The too-confidential document is not even listed.
    pagina = browser.get(f"/mijn/contacten/{geheim.was_bijlage_van_klantcontact.uuid}/")
    assert f"/documenten/{geheim.uuid}/" not in pagina.content.decode()

    handelingen = list(
        Verwerkingsactie.objects.filter(gebruiker="DigiD betrokkene zelf").values_list(
            "handeling_naam", flat=True
        )
    )
    assert "Contact bekijken" in handelingen
    assert "Document bij contact downloaden" in handelingen


def test_every_read_is_logged(zgw: LocalZgw):  # noqa: F811
    partij(JAN)
    browser = portaal(JAN)
    for pad in ("/mijn/contacten/", "/mijn/berichten/"):
        assert browser.get(pad).status_code == 200
    handelingen = set(Verwerkingsactie.objects.values_list("handeling_naam", flat=True))
    assert {"Mijn contacten", "Berichten"} <= handelingen


def test_a_question_with_an_attachment(zgw: LocalZgw, settings):  # noqa: F811
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = zgw.objects("informatieobjecttypen")[0][
        "url"
    ]
    team = Actor.objects.create(
        naam="KCC", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )
    settings.KLANTBEELD_MIJN_TEAM = str(team.uuid)
    browser = portaal(bsn(104))
    assert not Partij.objects.exists()

    antwoord = browser.post(
        "/mijn/vraag/",
        {
            "onderwerp": "Bouwtekening",
            "vraag": "Klopt deze tekening?",
            "bijlage": SimpleUploadedFile("tekening.pdf", b"%PDF-1.4 tekening", "application/pdf"),
        },
    )

    vraag = Klantcontact.objects.get(onderwerp="Bouwtekening")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"/mijn/contacten/{vraag.uuid}/?verstuurd=1"
    # The partij is made now, with only its identificator (R3).
    assert vraag.betrokkenen.get().was_partij == Partij.objects.get()
    bijlage = vraag.bijlagen.get()
    download = browser.get(f"/mijn/contacten/{vraag.uuid}/documenten/{bijlage.uuid}/")
    assert download.content == b"%PDF-1.4 tekening"
    taak = InterneTaak.objects.get(aanleidinggevend_klantcontact=vraag)
    assert list(taak.toegewezen_aan_actoren.all()) == [team]


def test_asking_needs_a_team(zgw: LocalZgw, settings):  # noqa: F811
    settings.KLANTBEELD_MIJN_TEAM = ""
    browser = portaal(JAN)
    antwoord = browser.post("/mijn/vraag/", {"onderwerp": "Vraag", "vraag": "Iets"})
    assert antwoord.status_code == 503
    assert "Vragen stellen kan nu niet" in antwoord.content.decode()
    assert not Klantcontact.objects.exists()


def test_a_low_level_of_assurance_may_look_but_not_ask(zgw: LocalZgw, settings):  # noqa: F811
    settings.KLANTBEELD_MIJN_TEAM = "KCC"
    browser = portaal(JAN, Niveau.BASIS)
    assert browser.get("/mijn/contacten/").status_code == 200
    assert browser.get("/mijn/vraag/").status_code == 403
    assert browser.post("/mijn/vraag/", {"onderwerp": "V", "vraag": "V"}).status_code == 403
    assert not Klantcontact.objects.exists()


def test_c4823_a_question_asked_for_someone_else(zgw: LocalZgw, settings):  # noqa: F811
    """The representative started it for the represented person: in both histories, the
    representation recorded, and not a message to the represented person."""
    Actor.objects.create(naam="KCC", soort_actor="organisatorische_eenheid", indicatie_actief=True)
    settings.KLANTBEELD_MIJN_TEAM = "KCC"
    piet = bsn(103)
    antwoord = portaal(ANNA, door=piet).post(
        "/mijn/vraag/", {"onderwerp": "Huurtoeslag", "vraag": "Namens mijn moeder."}
    )
    assert antwoord.status_code == 302
    vraag = Klantcontact.objects.get()
    anna, vertegenwoordiger = partij(ANNA), partij(piet)
    rollen = {(b.was_partij, b.rol, b.initiator) for b in vraag.betrokkenen.all()}
    assert rollen == {(vertegenwoordiger, "vertegenwoordiger", True), (anna, "klant", False)}
    assert Vertegenwoordigden.objects.filter(
        vertegenwoordigende_partij=vertegenwoordiger, vertegenwoordigde_partij=anna
    ).exists()
    for wie in (portaal(ANNA, door=piet), portaal(ANNA), portaal(piet)):
        assert wie.get(f"/mijn/contacten/{vraag.uuid}/").status_code == 200
    berichten = portaal(ANNA).get("/mijn/berichten/").content.decode()
    assert "Huurtoeslag" not in berichten
    assert "U heeft 0 ongelezen berichten." in berichten
