"""``POST /brieven``: a letter from a scan street (C2138) or a DMS (C4374), walked through
and checked where its users see it: the Klantinteracties API and the Documenten API."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from klantbeeld.api.intake.models import Intakeantwoord
from klantbeeld.domain.models import (
    Actor,
    Bijlage,
    Bronbericht,
    InterneTaak,
    Klantcontact,
    Partij,
)
from standins.zgw import LocalZgw
from tests.intake.conftest import PDF, IntakeClient
from tests.support.client import ApiClient, invalid_names

pytestmark = pytest.mark.django_db

Json = dict[str, Any]


def brief(**changes: Any) -> Json:
    return {
        "kenmerk": "SCAN-2026-000123",
        "plaatsgevondenOp": "2026-03-02T09:15:00+01:00",
        "onderwerp": "Bezwaar aanslag afvalstoffenheffing",
        "inhoud": "Geachte heer, mevrouw, hierbij maak ik bezwaar tegen de aanslag.",
        "afzender": {
            "contactnaam": {"voornaam": "Anna", "achternaam": "Visser"},
            "correspondentieadres": {
                "adresregel1": "Dorpsstraat 12",
                "adresregel2": "1234 AB Ergens",
                "land": "NL",
            },
        },
        **changes,
    }


def scan(naam: str = "brief.pdf", inhoud: bytes = PDF) -> dict[str, list[tuple[str, bytes]]]:
    return {"bestand": [(naam, inhoud)]}


@pytest.fixture
def scanstraat(applicatie) -> IntakeClient:
    client: IntakeClient = applicatie("Scanstraat", "intake.brieven")
    return client


def niets_vastgelegd() -> None:
    assert not Intakeantwoord.objects.exists()
    assert not Klantcontact.objects.exists()
    assert not Bronbericht.objects.exists()
    assert not InterneTaak.objects.exists()


def test_c2138_a_scanned_letter_is_registered_with_its_scan_and_a_task_for_kcc(
    scanstraat: IntakeClient, kcc: Actor, register: LocalZgw, ki: ApiClient
):
    response = scanstraat.form("brieven", "brief", brief(), scan())
    assert response.status_code == 201, response
    body = response.json()

    contact = ki.get(
        body["klantcontact"]["url"],
        {"expand": "hadBetrokkenen,omvatteBijlagen,leiddeTotInterneTaken"},
    ).json()
    assert contact["referentienummer"] == body["klantcontact"]["referentienummer"]
    assert (contact["kanaal"], contact["onderwerp"]) == (
        "post",
        "Bezwaar aanslag afvalstoffenheffing",
    )
    # The scan time, not the letter's date (C2138).
    assert contact["plaatsgevondenOp"] == "2026-03-02T08:15:00Z"
    assert contact["inhoud"].startswith("Geachte heer")
    assert contact["indicatieContactGelukt"] is True
    assert contact["metadata"] == {"bronBerichtId": "SCAN-2026-000123"}

    [betrokkene] = contact["_expand"]["hadBetrokkenen"]
    assert betrokkene["wasPartij"] is None  # a letter authenticates nobody
    assert (betrokkene["rol"], betrokkene["initiator"]) == ("klant", True)
    assert betrokkene["contactnaam"]["achternaam"] == "Visser"
    adres = betrokkene["correspondentieadres"]
    assert (adres["adresregel1"], adres["adresregel2"], adres["land"]) == (
        "Dorpsstraat 12",
        "1234 AB Ergens",
        "NL",
    )

    # The actor is the scan street: an automated actor named after the application.
    [actor] = contact["hadBetrokkenActoren"]
    assert (actor["naam"], actor["soortActor"]) == ("Scanstraat", "geautomatiseerde_actor")

    # The bijlage is the scan, stored in the Documenten API with its content.
    [bijlage] = contact["_expand"]["omvatteBijlagen"]
    [document] = body["documenten"]
    assert bijlage["uuid"] == document["bijlage"]["uuid"]
    assert bijlage["bijlageidentificator"]["objectId"] == document["informatieobject"]["uuid"]
    [eio] = register.objects("enkelvoudiginformatieobjecten")
    assert eio["url"] == document["informatieobject"]["url"]
    assert register.content_of(eio) == PDF
    assert (eio["formaat"], eio["bestandsnaam"]) == ("application/pdf", "brief.pdf")
    assert eio["informatieobjecttype"] == register.objects("informatieobjecttypen")[0]["url"]

    # An open task for KCC, whose klantcontact's actor is the scan street.
    [taak] = contact["_expand"]["leiddeTotInterneTaken"]
    assert taak["uuid"] == body["internetaak"]["uuid"]
    assert taak["status"] == "te_verwerken"
    assert taak["gevraagdeHandeling"] == "Lezen en bepalen benodigde actie"
    assert [a["uuid"] for a in taak["toegewezenAanActoren"]] == [str(kcc.uuid)]
    queue = ki.get(
        "internetaken", {"status": "te_verwerken", "toegewezenAanActor__uuid": str(kcc.uuid)}
    ).json()
    assert [t["uuid"] for t in queue["results"]] == [taak["uuid"]]


def test_c4374_a_dms_names_the_team_and_what_it_asks(
    applicatie, kcc: Actor, register: LocalZgw, ki: ApiClient, settings
):
    settings.KLANTBEELD_INTAKE_BRIEF_INFORMATIEOBJECTTYPE = register.objects(
        "informatieobjecttypen"
    )[-1]["url"]
    dms: IntakeClient = applicatie("Zaaksysteem DMS", "intake.brieven")
    vergunningen = Actor.objects.create(
        naam="Vergunningen", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )
    body = brief(
        kenmerk="DMS/4711",
        onderwerp="",
        afzender={},
        opvolging={
            "toegewezenAanActor": {"uuid": str(vergunningen.uuid)},
            "gevraagdeHandeling": "Opvolgen klantcontact",
            "toelichting": "Reactie op het ontwerpbesluit",
        },
    )
    response = dms.form("brieven", "brief", body, scan("reactie.tiff", b"II*\x00tiff"))
    assert response.status_code == 201, response
    contact = ki.get(response.json()["klantcontact"]["url"]).json()
    assert contact["onderwerp"] == "Brief ontvangen"
    assert contact["hadBetrokkenActoren"][0]["naam"] == "Zaaksysteem DMS"
    taak = ki.get(response.json()["internetaak"]["url"]).json()
    assert taak["gevraagdeHandeling"] == "Opvolgen klantcontact"
    assert taak["toelichting"] == "Reactie op het ontwerpbesluit"
    assert [a["uuid"] for a in taak["toegewezenAanActoren"]] == [str(vergunningen.uuid)]
    [eio] = register.objects("enkelvoudiginformatieobjecten")
    assert eio["informatieobjecttype"] == settings.KLANTBEELD_INTAKE_BRIEF_INFORMATIEOBJECTTYPE
    assert eio["formaat"] == "image/tiff"


def test_the_same_letter_twice_answers_the_same_and_registers_it_once(
    scanstraat: IntakeClient, kcc: Actor, register: LocalZgw
):
    eerste = scanstraat.form("brieven", "brief", brief(), scan())
    tweede = scanstraat.form("brieven", "brief", brief(onderwerp="Anders"), scan())
    assert (eerste.status_code, tweede.status_code) == (201, 200)
    assert tweede.content == eerste.content
    assert Klantcontact.objects.count() == 1 and InterneTaak.objects.count() == 1
    assert len(register.objects("enkelvoudiginformatieobjecten")) == 1


def test_the_same_kenmerk_of_another_scan_street_is_another_letter(
    scanstraat: IntakeClient, applicatie, kcc: Actor, register: LocalZgw
):
    andere: IntakeClient = applicatie("Scanstraat Noord", "intake.brieven")
    assert scanstraat.form("brieven", "brief", brief(), scan()).status_code == 201
    assert andere.form("brieven", "brief", brief(), scan()).status_code == 201
    assert Klantcontact.objects.count() == 2
    # One automated actor per application, made once.
    assert Actor.objects.filter(soort_actor="geautomatiseerde_actor").count() == 2
    assert scanstraat.form("brieven", "brief", brief(kenmerk="2"), scan()).status_code == 201
    assert Actor.objects.filter(soort_actor="geautomatiseerde_actor").count() == 2


def test_a_letter_whose_contact_was_deleted_since_is_not_registered_again(
    scanstraat: IntakeClient, kcc: Actor, register: LocalZgw
):
    assert scanstraat.form("brieven", "brief", brief(), scan()).status_code == 201
    Klantcontact.objects.all().delete()
    again = scanstraat.form("brieven", "brief", brief(), scan())
    assert again.status_code == 409, again
    assert "verwijderd" in again.json()["detail"]
    assert not Klantcontact.objects.exists()


def test_a_long_ocr_text_is_cut_and_kept_whole_as_a_document(
    scanstraat: IntakeClient, kcc: Actor, register: LocalZgw, ki: ApiClient
):
    """R5: the intake service cuts inhoud at 1000 and keeps the whole text."""
    tekst = "Geachte heer, mevrouw. " * 100
    response = scanstraat.form("brieven", "brief", brief(inhoud=tekst), scan())
    assert response.status_code == 201, response
    contact = ki.get(response.json()["klantcontact"]["url"]).json()
    assert len(contact["inhoud"]) == 1000 and contact["inhoud"].endswith("…")
    titels = [d["titel"] for d in response.json()["documenten"]]
    assert titels == ["Brief SCAN-2026-000123", "Volledige tekst"]
    volledig = next(
        eio
        for eio in register.objects("enkelvoudiginformatieobjecten")
        if eio["titel"] == "Volledige tekst"
    )
    assert register.content_of(volledig).decode() == tekst.strip()


def test_a_letter_of_an_unknown_sender_without_action_is_refused(
    scanstraat: IntakeClient, kcc: Actor, register: LocalZgw
):
    """R1: identity not established and no follow-up: nothing is registered."""
    response = scanstraat.form("brieven", "brief", brief(opvolging={"nodig": False}), scan())
    assert invalid_names(response) == {"brief.opvolging.nodig"}
    assert "R1" in response.json()["invalidParams"][0]["reason"]
    niets_vastgelegd()
    assert not register.objects("enkelvoudiginformatieobjecten")


def test_a_letter_of_an_established_sender_needs_no_action(
    applicatie, register: LocalZgw, ki: ApiClient
):
    """A DMS that established who sent it (with the identity scope) registers it on the
    partij, without a task."""
    dms: IntakeClient = applicatie("DMS", "intake.brieven", "intake.identiteit")
    body = brief(
        opvolging={"nodig": False},
        afzender={"bsn": "111222333", "contactnaam": {"achternaam": "V"}},
    )
    response = dms.form("brieven", "brief", body, scan())
    assert response.status_code == 201, response
    assert response.json()["internetaak"] is None
    [partij] = Partij.objects.all()
    contact = ki.get(response.json()["klantcontact"]["url"], {"expand": "hadBetrokkenen"}).json()
    assert contact["_expand"]["hadBetrokkenen"][0]["wasPartij"]["uuid"] == str(partij.uuid)
    assert not InterneTaak.objects.exists()


def test_a_sender_identity_needs_the_identity_scope(
    scanstraat: IntakeClient, kcc: Actor, register: LocalZgw
):
    body = brief(afzender={"bsn": "111222333"})
    response = scanstraat.form("brieven", "brief", body, scan())
    assert response.status_code == 403, response
    assert "intake.identiteit" in response.json()["detail"]
    niets_vastgelegd()
    assert not Partij.objects.exists()


@pytest.mark.parametrize(
    ("gegevens", "bestanden", "fout"),
    [
        (brief(), {}, "bestand"),
        (None, scan(), "brief"),
        (brief(), scan("leeg.pdf", b""), "bestand"),
        (brief(), scan("programma.exe", b"MZ\x90\x00"), "bestand"),
        (brief(kenmerk=""), scan(), "brief.kenmerk"),
        (brief(plaatsgevondenOp="gisteren"), scan(), "brief.plaatsgevondenOp"),
        (brief(plaatsgevondenOp="2999-01-01T00:00:00Z"), scan(), "brief.plaatsgevondenOp"),
        (brief(taal="nederlands"), scan(), "brief.taal"),
        (
            brief(afzender={"correspondentieadres": {"land": "Nederland"}}),
            scan(),
            "brief.afzender.correspondentieadres.land",
        ),
        (brief(afzender={"bsn": "123456789"}), scan(), "brief.afzender.bsn"),
        (
            brief(
                opvolging={"toegewezenAanActor": {"uuid": "5b7d3c2e-1111-4a4a-9b9b-000000000001"}}
            ),
            scan(),
            "brief.opvolging.toegewezenAanActor",
        ),
    ],
)
def test_a_refused_letter_changes_nothing(
    scanstraat: IntakeClient, kcc: Actor, register: LocalZgw, gegevens, bestanden, fout
):
    response = scanstraat.form("brieven", "brief", gegevens, bestanden)
    assert invalid_names(response) == {fout}, response
    niets_vastgelegd()
    assert not register.objects("enkelvoudiginformatieobjecten")


def test_a_file_over_the_limit_is_refused(
    scanstraat: IntakeClient, kcc: Actor, register: LocalZgw, settings
):
    settings.KLANTBEELD_BIJLAGE_MAX_MB = 1
    response = scanstraat.form("brieven", "brief", brief(), scan(inhoud=b"%PDF" + b"0" * 2**20))
    assert invalid_names(response) == {"bestand"}
    assert "1 MB" in response.json()["invalidParams"][0]["reason"]
    niets_vastgelegd()


def test_a_body_far_over_the_limit_is_refused_unread(
    scanstraat: IntakeClient, kcc: Actor, settings
):
    settings.KLANTBEELD_BIJLAGE_MAX_MB = 1
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = scanstraat.form("brieven", "brief", brief(), scan(inhoud=b"%PDF" + b"0" * 2**21))
    assert response.status_code == 413, response
    niets_vastgelegd()


def test_fields_over_the_memory_limit_are_refused(scanstraat: IntakeClient, kcc: Actor, settings):
    """The data part is held in memory (DATA_UPLOAD_MAX_MEMORY_SIZE); files are not."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = scanstraat.form("brieven", "brief", brief(inhoud="x" * 5000), scan())
    assert response.status_code == 413, response
    niets_vastgelegd()


def test_a_broken_form_is_refused(scanstraat: IntakeClient, kcc: Actor):
    response = scanstraat.request(
        "POST", "brieven", raw=b"geen formulier", content_type="multipart/form-data"
    )
    assert response.status_code == 400, response
    niets_vastgelegd()


def test_a_json_body_is_refused_with_what_to_send(scanstraat: IntakeClient, kcc: Actor):
    response = scanstraat.post("brieven", brief())
    assert response.status_code == 415, response
    assert "multipart/form-data" in response.json()["detail"]


def test_a_brief_part_that_is_no_json_is_refused(scanstraat: IntakeClient, kcc: Actor):
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    body = encode_multipart(BOUNDARY, {"brief": "{kenmerk: 1", "bestand": _bestand()})
    response = scanstraat.request("POST", "brieven", raw=body, content_type=MULTIPART_CONTENT)
    assert response.status_code == 400, response
    assert "JSON" in response.json()["detail"]
    niets_vastgelegd()


def test_a_letter_as_curl_sends_it(scanstraat: IntakeClient, kcc: Actor, register: LocalZgw):
    """``-F 'brief=<brief.json;type=application/json' -F 'bestand=@scan.pdf;type=…'``
    (docs/intake-api.md): a JSON part with its own media type, and a file part."""
    import orjson

    grens = "------------------------d74496d66958873e"
    body = b"".join(
        [
            f"--{grens}\r\n".encode(),
            b'Content-Disposition: form-data; name="brief"\r\n',
            b"Content-Type: application/json\r\n\r\n",
            orjson.dumps(brief()),
            f"\r\n--{grens}\r\n".encode(),
            b'Content-Disposition: form-data; name="bestand"; filename="SCAN 123.pdf"\r\n',
            b"Content-Type: application/pdf\r\n\r\n",
            PDF,
            f"\r\n--{grens}--\r\n".encode(),
        ]
    )
    response = scanstraat.request(
        "POST", "brieven", raw=body, content_type=f"multipart/form-data; boundary={grens}"
    )
    assert response.status_code == 201, response
    [eio] = register.objects("enkelvoudiginformatieobjecten")
    assert (eio["bestandsnaam"], register.content_of(eio)) == ("SCAN 123.pdf", PDF)


def _bestand() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("brief.pdf", PDF)


def test_without_a_default_team_the_letter_must_name_one(
    scanstraat: IntakeClient, register: LocalZgw, settings
):
    settings.KLANTBEELD_INTAKE_TEAM = ""
    response = scanstraat.form("brieven", "brief", brief(), scan())
    assert invalid_names(response) == {"brief.opvolging.toegewezenAanActor"}
    assert "KLANTBEELD_INTAKE_TEAM" in response.json()["invalidParams"][0]["reason"]
    niets_vastgelegd()


def test_a_default_team_that_is_no_actor_is_a_configuration_error(
    scanstraat: IntakeClient, register: LocalZgw, settings
):
    settings.KLANTBEELD_INTAKE_TEAM = "Bestaat niet"
    response = scanstraat.form("brieven", "brief", brief(), scan())
    assert response.status_code == 503, response
    assert "KLANTBEELD_INTAKE_TEAM" in response.json()["detail"]
    niets_vastgelegd()


def test_without_a_document_register_nothing_is_registered(scanstraat: IntakeClient, kcc: Actor):
    response = scanstraat.form("brieven", "brief", brief(), scan())
    assert response.status_code == 503, response
    niets_vastgelegd()
    assert not Bijlage.objects.exists()


def test_the_default_team_may_be_named_by_uuid(
    scanstraat: IntakeClient, kcc: Actor, register: LocalZgw, settings
):
    settings.KLANTBEELD_INTAKE_TEAM = str(kcc.uuid)
    response = scanstraat.form("brieven", "brief", brief(), scan())
    assert response.status_code == 201, response
    taak = InterneTaak.objects.get()
    assert list(taak.toegewezen_aan_actoren.all()) == [kcc]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_deliveries_of_one_letter_at_the_same_moment_register_one(
    scanstraat: IntakeClient, kcc: Actor, register: LocalZgw
):
    """R14 under concurrency: the second waits for the first and answers as it did."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks on a unique key are PostgreSQL's")
    start = threading.Barrier(3)
    antwoorden: list[tuple[int, bytes]] = []

    def lever() -> None:
        try:
            start.wait()
            response = scanstraat.form("brieven", "brief", brief(), scan())
            antwoorden.append((response.status_code, response.content))
        finally:
            connection.close()

    threads = [threading.Thread(target=lever) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(status for status, _ in antwoorden) == [200, 200, 201]
    assert len({body for _, body in antwoorden}) == 1
    assert Klantcontact.objects.count() == 1 and InterneTaak.objects.count() == 1
    assert len(register.objects("enkelvoudiginformatieobjecten")) == 1
    assert Actor.objects.filter(soort_actor="geautomatiseerde_actor").count() == 1
