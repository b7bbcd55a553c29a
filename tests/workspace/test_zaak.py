"""The zaak page (GEMMA flows 1 to 4; C9127, C8404): the zaak from the local ZGW register
with its status history, hoofdzaak and deelzaken, besluiten, betrokkenen and documents
within the viewer's confidentiality, one timeline of its contacts, follow-ups and tasks;
the two writes (a contact, a late document) only while it runs; a zaak the viewer may not
see is a 404; every look-up, download and write is logged with its purpose."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import (
    Actor,
    Betrokkene,
    Bijlage,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
    Partij,
)
from klantbeeld.events.models import OutboxMessage
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.privacy.models import Verwerkingsactie, Verwerkingsactiviteit
from klantbeeld.workspace.roles import Rol
from standins.zgw import LocalZgw
from tests.domain.test_zoeken import nummer, persoon
from tests.integrations.conftest import drain
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


def register_id() -> int:
    return ZgwService.objects.get(soort=Soort.ZAKEN).pk


def pagina(zaak: dict[str, Any], rest: str = "") -> str:
    return f"/werkplek/zaken/{register_id()}/{zaak['uuid']}/{rest}"


def contact(
    partij: Partij | None,
    onderwerp: str,
    *,
    zaak: dict[str, Any] | None = None,
    vervolg_op: Klantcontact | None = None,
    vertrouwelijk: bool = False,
    dagen_geleden: int = 0,
) -> Klantcontact:
    kc = Klantcontact.objects.create(
        nummer=str(8000 + Klantcontact.objects.count()),
        kanaal="telefoon",
        onderwerp=onderwerp,
        inhoud=f"Vraag: {onderwerp.lower()}",
        taal="nld",
        vertrouwelijk=vertrouwelijk,
        indicatie_contact_gelukt=True,
        plaatsgevonden_op=timezone.now() - datetime.timedelta(days=dagen_geleden),
    )
    Betrokkene.objects.create(had_klantcontact=kc, was_partij=partij, rol="klant", initiator=True)
    if zaak is not None:
        Onderwerpobject.objects.create(
            klantcontact=kc,
            onderwerpobjectidentificator_code_objecttype="zgw-Zaak",
            onderwerpobjectidentificator_code_register="openzaak",
            onderwerpobjectidentificator_code_soort_object_id="uuid",
            onderwerpobjectidentificator_object_id=zaak["uuid"],
        )
    if vervolg_op is not None:
        Onderwerpobject.objects.create(klantcontact=kc, was_klantcontact=vervolg_op)
    return kc


@pytest.fixture
def jan() -> Partij:
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    return jan


@pytest.fixture
def aanvraag(zgw: LocalZgw, jan: Partij) -> dict[str, Any]:
    """A parkeervergunning (zaakvertrouwelijk) with history, documents, a besluit and a
    deelzaak (C8404)."""
    zaak = zgw.add_zaak(
        "PARKEERVERGUNNING",
        omschrijving="Bewonersvergunning Dorpsstraat",
        bsn=bsn(1),
        vertrouwelijkheid="zaakvertrouwelijk",
        startdatum="2026-10-01",
    )
    zgw.add_status(zaak, "In behandeling", "Behandelaar: De Vries", datum="2026-10-05T08:30:00Z")
    zgw.add_rol(
        zaak,
        "behandelaar",
        "organisatorische_eenheid",
        {"identificatie": "VERG", "naam": "Team Vergunningen"},
    )
    zgw.add_document(zaak, "Aanvraagformulier", vertrouwelijkheid="zaakvertrouwelijk")
    zgw.add_document(zaak, "Medische verklaring", vertrouwelijkheid="vertrouwelijk")
    zgw.add_besluit(zaak, toelichting="Verleend volgens het mandaatbesluit.")
    zgw.add_zaak(
        "SUBSIDIE",
        omschrijving="Subsidie laadpaal",
        hoofdzaak=zaak,
        vertrouwelijkheid="intern",
        startdatum="2026-10-02",
    )
    return zaak


def test_the_page_shows_the_zaak_its_history_betrokkenen_documents_and_deelzaken(
    zgw: LocalZgw, jan: Partij, aanvraag: dict[str, Any]
) -> None:
    response = medewerker(Rol.KCC_MEDEWERKER).get(pagina(aanvraag))
    page = response.content.decode()
    assert response.status_code == 200, page
    for expected in (
        f"Zaak {aanvraag['identificatie']}: Bewonersvergunning Dorpsstraat",
        "Parkeervergunning aanvragen",
        "In behandeling",
        "5 oktober 2026 10:30",  # 08:30 UTC is 10:30 in Dutch summer time
        "Behandelaar: De Vries",
        "Team Vergunningen",
        f'href="/werkplek/klanten/{jan.uuid}/',  # the initiator, known in Klantbeeld
        "Aanvraagformulier",
        "Parkeervergunning verlenen",  # the besluit's type
        "Verleend volgens het mandaatbesluit.",
        "Subsidie laadpaal",  # the deelzaak, with its own status
        f'data-belpaneel-zaak="{aanvraag["url"]}"',
        f'data-belpaneel-label="{aanvraag["identificatie"]} — Bewonersvergunning Dorpsstraat"',
    ):
        assert expected in page, expected
    assert "Medische verklaring" not in page  # above a KCC employee's level
    assert "Nagekomen stuk toevoegen" in page and "Contact over deze zaak vastleggen" in page

    [deel] = [z for z in zgw.objects("zaken") if z["hoofdzaak"] == aanvraag["url"]]
    deelpagina = medewerker(Rol.KCC_MEDEWERKER, naam="kees").get(pagina(deel)).content.decode()
    assert "Deelzaak van" in deelpagina and aanvraag["identificatie"] in deelpagina
    leider = medewerker(Rol.TEAMLEIDER, naam="ruud").get(pagina(aanvraag)).content.decode()
    assert "Medische verklaring" in leider


def test_c9127_one_timeline_of_contacts_follow_ups_and_tasks(
    zgw: LocalZgw, jan: Partij, aanvraag: dict[str, Any]
) -> None:
    eerste = contact(jan, "Vraag over de vergunning", zaak=aanvraag, dagen_geleden=3)
    terugbellen = InterneTaak.objects.create(
        nummer="7001",
        aanleidinggevend_klantcontact=eerste,
        gevraagde_handeling="Terugbellen",
        status="te_verwerken",
        toegewezen_op=timezone.now() - datetime.timedelta(days=2),
    )
    team = Actor.objects.create(naam="Team Vergunningen", soort_actor="organisatorische_eenheid")
    terugbellen.toegewezen_aan_actoren.add(team)
    vervolg = contact(jan, "Teruggebeld", vervolg_op=eerste, dagen_geleden=1)
    contact(jan, "Nog een vervolg", vervolg_op=vervolg)  # follow-up of a follow-up
    contact(jan, "Schuldhulp en de vergunning", zaak=aanvraag, vertrouwelijk=True)
    contact(jan, "Over iets anders")

    kcc = medewerker(Rol.KCC_MEDEWERKER).get(pagina(aanvraag)).content.decode()
    tijdlijn = kcc[kcc.index('id="tijdlijn"') :]
    volgorde = ["Vraag over de vergunning", "Terugbellen", "Teruggebeld", "Nog een vervolg"]
    assert [tijdlijn.index(t) for t in volgorde] == sorted(tijdlijn.index(t) for t in volgorde)
    assert f"vervolg op contact {eerste.nummer}" in tijdlijn
    assert "Team Vergunningen" in tijdlijn and "taak 7001: Terugbellen (te verwerken" in tijdlijn
    assert "Over iets anders" not in tijdlijn
    assert "Schuldhulp" not in kcc  # confidential: only with the role (R12)
    # Not theirs to handle: the task is named, not linked (no link to a page they may not open).
    assert f'href="/werkplek/taken/{terugbellen.uuid}/"' not in kcc

    leider = medewerker(Rol.TEAMLEIDER, naam="ruud").get(pagina(aanvraag)).content.decode()
    assert "Schuldhulp en de vergunning" in leider
    assert f'href="/werkplek/taken/{terugbellen.uuid}/"' in leider
    assert Verwerkingsactie.objects.get(gebruiker="ruud").vertrouwelijkheid == "vertrouwelijk"


def test_the_look_up_is_logged_with_its_purpose(
    zgw: LocalZgw, jan: Partij, aanvraag: dict[str, Any]
) -> None:
    klacht = Verwerkingsactiviteit.objects.create(naam="Klachtbehandeling")
    onbekend = zgw.add_zaak("MOR", omschrijving="Losse tegel", bsn=bsn(2))
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.get(pagina(aanvraag), {"doel": klacht.pk}).content.decode()
    assert "Opgezocht voor: Klachtbehandeling." in page
    kcc.get(pagina(onbekend))
    eerste, tweede = Verwerkingsactie.objects.order_by("pk")
    assert (eerste.actie_naam, eerste.handeling_naam, eerste.activiteit) == (
        "Raadplegen",
        "Zaak bekijken",
        klacht,
    )
    assert {(o.soort_object_id, o.object_id) for o in eerste.verwerkte_objecten.all()} == {
        ("BSN", bsn(1))
    }
    assert "zaken" in eerste.verwerkte_objecten.get().verwerkte_soorten_gegevens
    # Someone who is no partij in Klantbeeld is logged by the BSN their rol holds.
    assert tweede.activiteit.standaard_voor == ["zoeken", "klantbeeld"]
    assert [o.object_id for o in tweede.verwerkte_objecten.all()] == [bsn(2)]


def test_a_zaak_the_viewer_may_not_see_is_a_404_without_a_hint(zgw: LocalZgw, jan: Partij) -> None:
    bezwaar = zgw.add_zaak(
        "BEZWAAR", omschrijving="Bezwaar WOZ", bsn=bsn(1), vertrouwelijkheid="vertrouwelijk"
    )
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    onbekend = {**bezwaar, "uuid": "00000000-0000-4000-8000-000000000000"}
    for url in (
        pagina(bezwaar),
        pagina(onbekend),
        f"/werkplek/zaken/{register_id() + 100}/{bezwaar['uuid']}/",
        pagina(bezwaar, "contact/"),
    ):
        response = kcc.get(url) if not url.endswith("contact/") else kcc.post(url, {})
        assert response.status_code == 404, url
        assert b"Bezwaar WOZ" not in response.content

    # The same 404 as for a page that does not exist at all.
    def zonder_kenmerken(zaak: dict[str, Any]) -> str:
        page = kcc.get(pagina(zaak)).content.decode().replace(zaak["uuid"], "…")
        # Per-request tokens: the CSRF token and the live connection's signed ticket.
        return re.sub(
            r'(csrfmiddlewaretoken" value=|X-CSRFToken": |name="klantbeeld-live" content=)"[^"]+"',
            "",
            page,
        )

    assert zonder_kenmerken(bezwaar) == zonder_kenmerken(onbekend)
    assert not Verwerkingsactie.objects.exists()
    assert medewerker(Rol.BEHANDELAAR, naam="ahmed").get(pagina(bezwaar)).status_code == 200
    assert medewerker(Rol.FUNCTIONEEL_BEHEERDER, naam="fb").get(pagina(bezwaar)).status_code == 403


def test_a_register_that_does_not_answer_is_said_so(zgw: LocalZgw, aanvraag: dict) -> None:
    zgw.failing = True
    response = medewerker(Rol.KCC_MEDEWERKER).get(pagina(aanvraag))
    assert response.status_code == 502
    assert "Het zaaksysteem gaf geen antwoord" in response.content.decode()


def test_documents_are_downloaded_through_klantbeeld_within_the_viewers_level(
    zgw: LocalZgw, jan: Partij, aanvraag: dict[str, Any]
) -> None:
    documenten = {
        d["titel"]: d
        for d in zgw.objects("enkelvoudiginformatieobjecten")
        if d["titel"] in ("Aanvraagformulier", "Medische verklaring")
    }
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    formulier = documenten["Aanvraagformulier"]["url"].rsplit("/", 1)[-1]
    page = kcc.get(pagina(aanvraag)).content.decode()
    assert pagina(aanvraag, f"documenten/{formulier}/") in page
    response = kcc.get(pagina(aanvraag, f"documenten/{formulier}/"))
    assert response.status_code == 200
    assert response.content == zgw.content_of(documenten["Aanvraagformulier"])
    assert response["Content-Disposition"] == 'attachment; filename="document.pdf"'
    actie = Verwerkingsactie.objects.get(handeling_naam="Document bij zaak downloaden")
    assert [o.object_id for o in actie.verwerkte_objecten.all()] == [bsn(1)]

    geheim = documenten["Medische verklaring"]["url"].rsplit("/", 1)[-1]
    assert kcc.get(pagina(aanvraag, f"documenten/{geheim}/")).status_code == 404
    leider = medewerker(Rol.TEAMLEIDER, naam="ruud")
    assert leider.get(pagina(aanvraag, f"documenten/{geheim}/")).status_code == 200


def test_the_customer_view_links_its_zaken_by_identificatie(
    zgw: LocalZgw, jan: Partij, aanvraag: dict[str, Any]
) -> None:
    from klantbeeld.domain.models import Zaakmelding

    Zaakmelding.objects.create(
        partij=jan,
        zaak=aanvraag["url"],
        zaak_identificatie=aanvraag["identificatie"],
        status=f"{zgw.zaken_root}/statussen/00000000-0000-4000-8000-000000000001",
        status_omschrijving="In behandeling",
    )
    page = medewerker(Rol.KCC_MEDEWERKER).get(f"/werkplek/klanten/{jan.uuid}/").content.decode()
    doel = Verwerkingsactiviteit.objects.get(naam__startswith="Beantwoorden").pk
    assert f'href="{pagina(aanvraag)}?doel={doel}">{aanvraag["identificatie"]}</a>' in page
    assert f"nieuwe status van {aanvraag['identificatie']}" in page
    assert aanvraag["url"] not in page  # a zaak's identificatie, never its URL


# -- writes -------------------------------------------------------------------------------


def test_a_contact_about_the_zaak_is_registered_and_logged(
    zgw: LocalZgw, jan: Partij, aanvraag: dict[str, Any]
) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    response = kcc.post(
        pagina(aanvraag, "contact/"),
        {
            "contact-klant": str(jan.uuid),
            "contact-kanaal": "telefoon",
            "contact-onderwerp": "Wanneer komt het besluit?",
            "contact-vraag": "Klant vraagt naar de termijn.",
            "contact-antwoord": "Binnen acht weken.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert response["Location"].startswith(pagina(aanvraag))
    kc = Klantcontact.objects.get(onderwerp="Wanneer komt het besluit?")
    assert kc.reactie == "Binnen acht weken."
    assert kc.onderwerpobjecten.get().onderwerpobjectidentificator_object_id == aanvraag["uuid"]
    assert kc.betrokkenen.get().was_partij == jan
    assert [a.actoridentificator_object_id for a in kc.actoren.all()] == ["sanne"]
    assert OutboxMessage.objects.filter(destination="zgw", payload__contact=str(kc.uuid)).exists()
    actie = Verwerkingsactie.objects.get(actie_naam="Registreren")
    assert actie.handeling_naam == "Contact over zaak vastleggen"
    page = kcc.get(response["Location"]).content.decode()
    assert f"Contact {kc.nummer} vastgelegd bij zaak {aanvraag['identificatie']}." in page
    assert "Wanneer komt het besluit?" in page[page.index('id="tijdlijn"') :]


def bestand(naam: str = "loonstrook.pdf", inhoud: bytes = b"%PDF-1.4 loonstrook") -> Any:
    return SimpleUploadedFile(naam, inhoud, content_type="application/pdf")


def stuk(jan: Partij, documenttype: str, **velden: Any) -> dict[str, Any]:
    return {
        "stuk-klant": str(jan.uuid),
        "stuk-kanaal": "balie",
        "stuk-bestand": bestand(),
        "stuk-titel": "Loonstrook oktober",
        "stuk-documenttype": documenttype,
        "stuk-toelichting": "Nagestuurd aan de balie.",
        **velden,
    }


def iot(zgw: LocalZgw, omschrijving: str) -> str:
    [gevonden] = [
        i for i in zgw.objects("informatieobjecttypen") if i["omschrijving"] == omschrijving
    ]
    return str(gevonden["url"])


def test_a_late_document_is_stored_of_a_type_the_zaaktype_allows_and_linked(
    zgw: LocalZgw, jan: Partij, aanvraag: dict[str, Any]
) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.get(pagina(aanvraag)).content.decode()
    # Only the types the zaaktype allows are offered, incoming ones first.
    keuzes = page[
        page.index('name="stuk-documenttype"') : page.index(
            "</select>", page.index('name="stuk-documenttype"')
        )
    ]
    assert "Aanvraag" in keuzes and "Bijlage" in keuzes and "Melding" not in keuzes
    assert keuzes.index("Besluitbrief") > keuzes.index("Bijlage")  # uitgaand: last

    response = kcc.post(pagina(aanvraag, "document/"), stuk(jan, iot(zgw, "Bijlage")))
    assert response.status_code == 302, response.content.decode()
    [eio] = [
        d
        for d in zgw.objects("enkelvoudiginformatieobjecten")
        if d["titel"] == "Loonstrook oktober"
    ]
    assert eio["informatieobjecttype"] == iot(zgw, "Bijlage")
    assert zgw.content_of(eio) == b"%PDF-1.4 loonstrook"
    kc = Klantcontact.objects.get(onderwerp=f"Nagekomen stuk voor {aanvraag['identificatie']}")
    assert kc.kanaal == "balie" and kc.inhoud == "Nagestuurd aan de balie."
    assert (
        Bijlage.objects.get(was_bijlage_van_klantcontact=kc).bijlageidentificator_object_id
        == (eio["url"].rsplit("/", 1)[-1])
    )
    # The register link goes through the outbox: waiting until the worker sends it.
    assert (
        "1 nagekomen stuk wordt nog aan de zaak gekoppeld."
        in kcc.get(pagina(aanvraag)).content.decode()
    )
    drain()
    relaties = [
        r for r in zgw.objects("zaakinformatieobjecten") if r["informatieobject"] == eio["url"]
    ]
    assert [r["zaak"] for r in relaties] == [aanvraag["url"]]
    page = kcc.get(pagina(aanvraag)).content.decode()
    assert "Loonstrook oktober" in page and "nog aan de zaak gekoppeld" not in page
    actie = Verwerkingsactie.objects.get(actie_naam="Registreren")
    assert actie.handeling_naam == "Nagekomen stuk toevoegen"
    assert "documenten" in actie.verwerkte_objecten.get().verwerkte_soorten_gegevens


def test_a_document_type_the_zaaktype_does_not_allow_is_refused(
    zgw: LocalZgw, jan: Partij, aanvraag: dict[str, Any]
) -> None:
    response = medewerker(Rol.KCC_MEDEWERKER).post(
        pagina(aanvraag, "document/"), stuk(jan, iot(zgw, "Melding"))
    )
    assert response.status_code == 400
    assert "Soort document" in response.content.decode()
    assert not Klantcontact.objects.exists()
    assert not [
        d
        for d in zgw.objects("enkelvoudiginformatieobjecten")
        if d["titel"] == "Loonstrook oktober"
    ]


def test_nothing_is_added_to_a_closed_zaak(zgw: LocalZgw, jan: Partij) -> None:
    gesloten = zgw.add_zaak(
        "MOR", omschrijving="Kapotte lantaarn", bsn=bsn(1), einddatum="2026-10-20"
    )
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.get(pagina(gesloten)).content.decode()
    assert "Deze zaak is afgesloten op 2026-10-20" in page
    assert 'name="contact-onderwerp"' not in page and 'name="stuk-bestand"' not in page
    contact_post = {
        "contact-klant": str(jan.uuid),
        "contact-kanaal": "telefoon",
        "contact-onderwerp": "Toch nog een vraag",
    }
    for response in (
        kcc.post(pagina(gesloten, "contact/"), contact_post),
        kcc.post(pagina(gesloten, "document/"), stuk(jan, iot(zgw, "Bijlage"))),
    ):
        assert response.status_code == 400
        assert "is afgesloten" in response.content.decode()
    assert not Klantcontact.objects.exists()
    assert len(zgw.objects("enkelvoudiginformatieobjecten")) == 0
    assert not Verwerkingsactie.objects.filter(actie_naam="Registreren").exists()


def test_a_customer_who_is_no_party_to_the_zaak_is_refused(
    zgw: LocalZgw, jan: Partij, aanvraag: dict[str, Any]
) -> None:
    piet = persoon("Piet", "Pietersen")
    nummer(piet, "bsn", bsn(2))
    response = medewerker(Rol.KCC_MEDEWERKER).post(
        pagina(aanvraag, "contact/"),
        {"contact-klant": str(piet.uuid), "contact-kanaal": "telefoon", "contact-onderwerp": "X"},
    )
    assert response.status_code == 400
    assert "Met wie" in response.content.decode()
    assert not Klantcontact.objects.exists()


def test_writes_to_a_zaak_above_the_viewers_level_are_a_404(zgw: LocalZgw, jan: Partij) -> None:
    bezwaar = zgw.add_zaak(
        "BEZWAAR", omschrijving="Bezwaar WOZ", bsn=bsn(1), vertrouwelijkheid="vertrouwelijk"
    )
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert kcc.post(pagina(bezwaar, "document/"), stuk(jan, iot(zgw, "Bijlage"))).status_code == 404
    assert not Klantcontact.objects.exists()
    assert len(zgw.objects("enkelvoudiginformatieobjecten")) == 0


def test_a_form_sent_twice_registers_once(zgw: LocalZgw, jan: Partij, aanvraag: dict) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    data = {
        "contact-inzending": "6f1c1c1e-4b1f-4a55-9d55-2f4f6c1b0a11",
        "contact-klant": str(jan.uuid),
        "contact-kanaal": "telefoon",
        "contact-onderwerp": "Dubbel",
    }
    assert kcc.post(pagina(aanvraag, "contact/"), data).status_code == 302
    assert kcc.post(pagina(aanvraag, "contact/"), data).status_code == 302
    assert Klantcontact.objects.filter(onderwerp="Dubbel").count() == 1


# -- from a contact and a task --------------------------------------------------------------


def test_contact_and_task_pages_link_the_zaak_by_identificatie(
    zgw: LocalZgw, jan: Partij, aanvraag: dict[str, Any]
) -> None:
    kc = contact(jan, "Vraag over de vergunning", zaak=aanvraag)
    bezwaar = zgw.add_zaak(
        "BEZWAAR", omschrijving="Bezwaar WOZ", bsn=bsn(1), vertrouwelijkheid="vertrouwelijk"
    )
    Onderwerpobject.objects.create(
        klantcontact=kc,
        onderwerpobjectidentificator_code_objecttype="zgw-Zaak",
        onderwerpobjectidentificator_object_id=bezwaar["url"],
    )
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=kc, gevraagde_handeling="Terugbellen", status="te_verwerken"
    )
    leider = medewerker(Rol.TEAMLEIDER)
    for url in (f"/werkplek/contacten/{kc.uuid}/", f"/werkplek/taken/{taak.uuid}/"):
        page = leider.get(url).content.decode()
        assert f'href="{pagina(aanvraag)}">{aanvraag["identificatie"]}: ' in page, url
        assert aanvraag["uuid"] not in page.replace(pagina(aanvraag), "")
    kcc_page = medewerker(Rol.KCC_MEDEWERKER, naam="kees").get(f"/werkplek/contacten/{kc.uuid}/")
    # The confidential zaak is not there for a KCC employee: no identificatie, no link.
    assert bezwaar["identificatie"] not in kcc_page.content.decode()
    assert bezwaar["uuid"] not in kcc_page.content.decode()


def test_a_zaak_made_from_a_contact_persons_task_shows_on_their_page(
    zgw: LocalZgw, settings: Any
) -> None:
    """A contact person with no BSN or KVK, of an organisation with none either: the zaak
    made from their task names no identifier Klantbeeld knows; it is found through the
    contact it was made from, on the contact person's page and the organisation's."""
    vereniging = Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Buurtvereniging Ons Dorp"
    )
    els = Partij.objects.create(
        soort_partij="contactpersoon",
        indicatie_actief=True,
        contactnaam_voornaam="Els",
        contactnaam_achternaam="Visser",
        werkte_voor_partij=vereniging,
    )
    kc = contact(els, "Subsidie buurtfeest")
    behandelaar = medewerker(Rol.BEHANDELAAR, naam="lisa")
    team = Actor.objects.create(naam="Team Subsidies", soort_actor="organisatorische_eenheid")
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=kc, gevraagde_handeling="Zaak aanmaken", status="te_verwerken"
    )
    taak.toegewezen_aan_actoren.add(team)
    from klantbeeld.domain.models import Teamlid
    from klantbeeld.workspace.medewerkers import IDENTIFICATOR

    lisa = Actor.objects.create(
        naam="Lisa",
        soort_actor="medewerker",
        telefoonnummer="0201234567",
        actoridentificator_object_id="lisa",
        **IDENTIFICATOR,
    )
    Teamlid.objects.create(team=team, medewerker=lisa)
    response = behandelaar.post(
        f"/werkplek/taken/{taak.uuid}/zaak/",
        {
            "zaak-zaaktype": zgw.zaaktype("SUBSIDIE")["url"],
            "zaak-omschrijving": "Subsidie buurtfeest 2027",
        },
    )
    assert response.status_code == 302, response.content.decode()
    [zaak] = [z for z in zgw.objects("zaken") if z["omschrijving"] == "Subsidie buurtfeest 2027"]
    for partij in (els, vereniging):
        page = behandelaar.get(f"/werkplek/klanten/{partij.uuid}/").content.decode()
        assert f">{zaak['identificatie']}</a>" in page, partij


def test_a_contact_persons_page_shows_the_zaken_of_their_organisation(
    zgw: LocalZgw,
) -> None:
    from klantbeeld.demo.numbers import kvk_nummer

    bakkerij = Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Bakkerij De Korf"
    )
    nummer(bakkerij, "kvk_nummer", kvk_nummer(3), "niet_natuurlijk_persoon")
    els = Partij.objects.create(
        soort_partij="contactpersoon",
        indicatie_actief=True,
        contactnaam_voornaam="Els",
        contactnaam_achternaam="Visser",
        werkte_voor_partij=bakkerij,
    )
    terras = zgw.add_zaak("SUBSIDIE", omschrijving="Terrasoverkapping", kvk=kvk_nummer(3))
    page = medewerker(Rol.KCC_MEDEWERKER).get(f"/werkplek/klanten/{els.uuid}/").content.decode()
    assert terras["identificatie"] in page
