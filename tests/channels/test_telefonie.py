"""The telephony platform's call notifications (channels/telefonie): only the platform is
believed, bad input changes nothing, each event counts once and in any order; an answered
call opens in the agent's call panel with the caller found by number (never a partij the
agent may not see), a transfer moves it with its notes, its start, duration and transfers
go on the klantcontact, and a missed call becomes one call-back task for the team. Every
notification the tests send is first checked against the endpoint's OpenAPI document."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest

from klantbeeld.channels.telefonie.models import Oproep, Oproepgebeurtenis, Oproepstatus, Toestel
from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact
from klantbeeld.workspace.models import LopendContact
from klantbeeld.workspace.roles import Rol
from standins.openapi import problems
from standins.telefonie import DOCUMENT, DOCUMENT_HOST, PATH
from tests.domain.test_zoeken import adres, persoon
from tests.workspace.test_belpaneel import afronden
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db

GEHEIM = "telefonie-geheim"
URL = "/kanalen/telefonie/oproepen"
T0 = datetime.datetime(2026, 12, 7, 9, 41, 0, tzinfo=datetime.UTC)
DOCUMENTEN = OpenAPI.from_file_path(str(DOCUMENT))


@pytest.fixture(autouse=True)
def _platform(settings: Any) -> Actor:
    settings.KLANTBEELD_TELEFONIE_GEHEIM = GEHEIM
    settings.KLANTBEELD_TELEFONIE_TEAM = "Klantcontactcentrum"
    settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = "0201234567"
    Toestel.objects.create(toestel="201", gebruikersnaam="sanne")
    Toestel.objects.create(toestel="202", gebruikersnaam="ruud")
    return Actor.objects.create(
        naam="Klantcontactcentrum", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )


def melding(status: str, seconden: int = 0, *, call_id: str = "call-1", **extra: Any) -> dict:
    body: dict[str, Any] = {
        "call_id": call_id,
        "timestamp": (T0 + datetime.timedelta(seconds=seconden)).isoformat(),
        "status": status,
        "version": "v2",
        "direction": "inbound",
        "caller": {"number": extra.pop("beller", "+31612345678"), "name": None},
        "destination": {"number": "+31201234567"},
        "queue": {"name": "Algemeen"},
    }
    if "toestel" in extra:
        body["destination"]["target"] = {"type": "account", "account_number": extra.pop("toestel")}
    if "van" in extra:
        body["redirector"] = {"account_number": extra.pop("van")}
    body.update(extra)
    return body


def onderteken(raw: bytes, geheim: str = GEHEIM) -> str:
    return "sha256=" + hmac.new(geheim.encode(), raw, hashlib.sha256).hexdigest()


def stuur(body: Any, *, geheim: str = GEHEIM, raw: bytes | None = None, **headers: str) -> Any:
    """Post ``body`` signed, as the platform does; a valid one is first checked against
    the OpenAPI document (so the document and the endpoint agree)."""
    raw = raw if raw is not None else json.dumps(body).encode()
    if body is not None and raw == json.dumps(body).encode():
        request = MockRequest(
            DOCUMENT_HOST,
            "post",
            PATH,
            headers={"X-Klantbeeld-Signature": "x"},
            data=raw,
            content_type="application/json",
        )
        assert problems(lambda: DOCUMENTEN.validate_request(request)) == []
    return Client().post(
        URL,
        raw,
        content_type=headers.pop("content_type", "application/json"),
        headers={"X-Klantbeeld-Signature": onderteken(raw, geheim), **headers},
    )


def sanne_en_ruud() -> tuple[Client, Client]:
    return medewerker(Rol.KCC_MEDEWERKER), medewerker(Rol.KCC_MEDEWERKER, naam="ruud")


def test_only_the_platform_is_believed_and_a_refusal_changes_nothing(settings):
    body = melding("ringing")
    raw = json.dumps(body).encode()
    client = Client()
    assert client.post(URL, raw, content_type="application/json").status_code == 403
    assert stuur(body, geheim="een-ander-geheim").status_code == 403
    assert client.post(f"{URL}?token=fout", raw, content_type="application/json").status_code == 403
    settings.KLANTBEELD_TELEFONIE_GEHEIM = ""
    assert stuur(body, geheim="").status_code == 403  # not configured: nobody
    assert not Oproep.objects.exists()
    settings.KLANTBEELD_TELEFONIE_GEHEIM = GEHEIM
    # A platform that cannot sign has the secret in the URL it calls.
    assert (
        client.post(f"{URL}?token={GEHEIM}", raw, content_type="application/json").status_code
        == 204
    )
    assert Oproep.objects.get().status == Oproepstatus.GAAT_OVER


@pytest.mark.parametrize(
    "raw",
    [
        b"{niet json",
        b"[]",
        json.dumps({k: v for k, v in melding("ringing").items() if k != "call_id"}).encode(),
        json.dumps(melding("opgehangen")).encode(),
        json.dumps(melding("ringing") | {"timestamp": "gisteren"}).encode(),
        json.dumps(melding("ringing") | {"timestamp": "2026-12-07T09:41:00"}).encode(),
        json.dumps(melding("ringing") | {"caller": "+31612345678"}).encode(),
        json.dumps(melding("ringing", call_id="x" * 201)).encode(),
    ],
)
def test_bad_input_is_a_400_without_body_and_changes_nothing(raw):
    response = stuur(None, raw=raw)
    assert (response.status_code, response.content) == (400, b"")
    assert not Oproep.objects.exists() and not Oproepgebeurtenis.objects.exists()


def test_bad_input_the_document_also_refuses():
    for body in (melding("opgehangen"), melding("ringing") | {"timestamp": "gisteren"}):
        request = MockRequest(
            DOCUMENT_HOST,
            "post",
            PATH,
            headers={"X-Klantbeeld-Signature": "x"},
            data=json.dumps(body).encode(),
            content_type="application/json",
        )
        assert problems(lambda request=request: DOCUMENTEN.validate_request(request))


def test_not_json_is_a_415():
    response = stuur(None, raw=b"call_id=1", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert not Oproep.objects.exists()


def test_an_answered_call_opens_in_the_agents_panel_with_the_caller_found_by_number():
    sanne, _ = sanne_en_ruud()
    jan = persoon("Jan", "Jansen")
    adres(jan, "telefoonnummer", "06-12345678")  # written otherwise than the platform does
    assert stuur(melding("created")).status_code == 204
    assert stuur(melding("ringing", 1)).status_code == 204
    assert not LopendContact.objects.exists()  # ringing is nobody's call yet
    assert stuur(melding("in-progress", 10, toestel="201")).status_code == 204

    oproep = Oproep.objects.get()
    assert (oproep.status, oproep.toestel, oproep.medewerker.username) == (
        Oproepstatus.IN_GESPREK,
        "201",
        "sanne",
    )
    assert (oproep.overgaan_op, oproep.opgenomen_op) == (T0, T0 + datetime.timedelta(seconds=10))
    lopend = LopendContact.objects.get()
    assert (lopend.medewerker.username, lopend.klant, lopend.oproep) == ("sanne", jan, oproep)
    assert lopend.gestart_op == T0
    paneel = sanne.get("/werkplek/belpaneel/").content.decode()
    assert "Jan Jansen" in paneel
    assert '<a class="utrecht-link" href="tel:+31612345678">+31612345678</a>' in paneel


def test_the_same_event_again_changes_nothing():
    sanne_en_ruud()
    for _ in range(2):
        assert stuur(melding("in-progress", 10, toestel="201")).status_code == 204
    assert LopendContact.objects.count() == 1
    assert Oproepgebeurtenis.objects.count() == 1
    assert stuur(melding("ended", 70, reason="abandoned")).status_code == 204
    assert stuur(melding("ended", 70, reason="abandoned")).status_code == 204
    assert Oproepgebeurtenis.objects.count() == 2


def test_events_out_of_order_give_the_same_call():
    _sanne, _ruud = sanne_en_ruud()
    # The transfer to Ruud arrives before Sanne's answer: the call stays Ruud's.
    stuur(melding("cold-transfer", 40, toestel="202", van="201"))
    stuur(melding("in-progress", 10, toestel="201"))
    stuur(melding("ringing", 1))
    stuur(melding("created", 0))
    oproep = Oproep.objects.get()
    assert (oproep.overgaan_op, oproep.opgenomen_op) == (T0, T0 + datetime.timedelta(seconds=10))
    assert oproep.medewerker.username == "ruud"
    assert [c.medewerker.username for c in LopendContact.objects.all()] == ["ruud"]
    # The end first, then a late answer of another call: the answer opens no panel, and a
    # call ended "completed" is never missed.
    stuur(melding("ended", 90, call_id="call-2", reason="completed"))
    stuur(melding("in-progress", 5, call_id="call-2", toestel="201"))
    tweede = Oproep.objects.get(oproep_id="call-2")
    assert tweede.status == Oproepstatus.BEEINDIGD
    assert tweede.duur == datetime.timedelta(seconds=85)
    assert not LopendContact.objects.filter(oproep=tweede).exists()
    assert not InterneTaak.objects.exists()


def test_several_customers_with_the_number_are_offered_to_choose_from():
    sanne, _ = sanne_en_ruud()
    for voornaam in ("Jan", "Els"):
        adres(persoon(voornaam, "Jansen"), "telefoonnummer", "+31612345678")
    stuur(melding("in-progress", 10, toestel="201"))
    lopend = LopendContact.objects.get()
    assert (lopend.klant, lopend.telefoonnummer) == (None, "+31612345678")
    paneel = sanne.get("/werkplek/belpaneel/").content.decode()
    assert "Klanten met dit nummer: wie belt er?" in paneel
    assert "Jan Jansen</button>" in paneel and "Els Jansen</button>" in paneel


def test_no_customer_with_the_number_fills_in_the_callers_number():
    sanne, _ = sanne_en_ruud()
    stuur(melding("in-progress", 10, toestel="201"))
    lopend = LopendContact.objects.get()
    assert (lopend.klant, lopend.telefoonnummer) == (None, "+31612345678")
    paneel = sanne.get("/werkplek/belpaneel/").content.decode()
    assert 'value="+31612345678"' in paneel and "wie belt er" not in paneel


def test_a_hidden_partij_is_never_found_for_who_may_not_see_her():
    sanne, _ = sanne_en_ruud()
    jan = persoon("Jan", "Jansen", indicatie_geheimhouding=True)
    adres(jan, "telefoonnummer", "+31612345678")
    els = persoon("Els", "Jansen")
    adres(els, "telefoonnummer", "+31612345678")
    stuur(melding("in-progress", 10, toestel="201"))
    # For Sanne only Els has the number: she is the caller, Jan is not mentioned.
    lopend = LopendContact.objects.get()
    assert lopend.klant == els
    paneel = sanne.get("/werkplek/belpaneel/").content.decode()
    assert "Els Jansen" in paneel and "Jan Jansen" not in paneel
    # Unlinked, the choice offered still leaves Jan out.
    sanne.post(f"/werkplek/belpaneel/{lopend.uuid}/klant/", {"partij": "los"})
    lopend.refresh_from_db()
    lopend.telefoonnummer = "+31612345678"
    lopend.save()
    paneel = sanne.get("/werkplek/belpaneel/").content.decode()
    assert "Els Jansen</button>" in paneel and "Jan Jansen" not in paneel


def test_a_team_leader_who_may_see_her_gets_the_choice():
    medewerker(Rol.KCC_MEDEWERKER, Rol.TEAMLEIDER, naam="ruud")
    jan = persoon("Jan", "Jansen", indicatie_geheimhouding=True)
    adres(jan, "telefoonnummer", "+31612345678")
    stuur(melding("in-progress", 10, toestel="202"))
    assert LopendContact.objects.get().klant == jan


def test_a_transfer_moves_the_call_with_its_notes_to_the_colleague():
    sanne, ruud = sanne_en_ruud()
    stuur(melding("in-progress", 10, toestel="201"))
    lopend = LopendContact.objects.get()
    onderwerp = lopend.onderwerpen.get()
    sanne.post(
        f"/werkplek/belpaneel/{lopend.uuid}/opslaan/",
        {f"o{onderwerp.pk}-vraag": "Vraagt naar de vergunning"},
        HTTP_X_BELPANEEL="1",
    )
    stuur(melding("warm-transfer", 60, toestel="202", van="201"))
    lopend.refresh_from_db()
    assert lopend.medewerker.username == "ruud"
    assert lopend.onderwerpen.get().vraag == "Vraagt naar de vergunning"
    assert "Vraagt naar de vergunning" in ruud.get("/werkplek/belpaneel/").content.decode()
    assert "Vraagt naar de vergunning" not in sanne.get("/werkplek/belpaneel/").content.decode()
    assert Oproep.objects.get().doorverbindingen == [
        {
            "op": (T0 + datetime.timedelta(seconds=60)).isoformat(),
            "van": "201",
            "naar": "202",
            "soort": "warm",
        }
    ]


def test_an_unknown_extension_opens_no_panel():
    sanne_en_ruud()
    assert stuur(melding("in-progress", 10, toestel="999")).status_code == 204
    assert Oproep.objects.get().medewerker is None
    assert not LopendContact.objects.exists()


def test_the_ended_call_shows_its_duration_and_goes_on_the_klantcontact():
    _sanne, ruud = sanne_en_ruud()
    jan = persoon("Jan", "Jansen")
    adres(jan, "telefoonnummer", "0612345678")
    stuur(melding("ringing", 0))
    stuur(melding("in-progress", 15, toestel="201"))
    stuur(melding("cold-transfer", 75, toestel="202", van="201"))
    stuur(melding("ended", 15 + 245, reason="completed"))
    lopend = LopendContact.objects.get()
    paneel = ruud.get("/werkplek/belpaneel/").content.decode()
    assert "duur 4:05" in paneel
    response = afronden(
        ruud, lopend, {"kanaal": "telefoon", "onderwerp": "Vergunning", "gelukt": "ja"}
    )
    assert response.status_code == 302
    kc = Klantcontact.objects.get()
    assert kc.plaatsgevonden_op == T0
    assert kc.metadata == {
        "oproepId": "call-1",
        "gespreksduur": "PT4M5S",
        "wachtrij": "Algemeen",
        "doorverbindingen": f"{(T0 + datetime.timedelta(seconds=75)).isoformat()} 201→202",
    }


def test_a_missed_call_becomes_one_call_back_task_for_the_team(_platform):
    stuur(melding("ringing", 0))
    assert stuur(melding("ended", 95, reason="abandoned")).status_code == 204
    assert Oproep.objects.get().status == Oproepstatus.GEMIST
    kc = Klantcontact.objects.get()
    assert (kc.kanaal, kc.indicatie_contact_gelukt, kc.plaatsgevonden_op) == ("telefoon", False, T0)
    betrokkene = kc.betrokkenen.get()
    assert betrokkene.was_partij is None
    assert [a.adres for a in betrokkene.digitale_adressen.all()] == ["+31612345678"]
    taak = InterneTaak.objects.get()
    assert taak.gevraagde_handeling == "Terugbellen"
    assert list(taak.toegewezen_aan_actoren.all()) == [_platform]
    # The same call reported ended again (or with another moment): still one task.
    stuur(melding("ended", 95, reason="abandoned"))
    stuur(melding("ended", 96, reason="no-answer"))
    assert Klantcontact.objects.count() == 1 and InterneTaak.objects.count() == 1


def test_a_missed_call_of_a_known_number_is_on_the_partij_and_of_nobody_is_nothing():
    jan = persoon("Jan", "Jansen")
    adres(jan, "telefoonnummer", "06 12345678")
    stuur(melding("ended", 30, reason="no-answer"))
    assert Klantcontact.objects.get().betrokkenen.get().was_partij == jan
    stuur(melding("ended", 30, call_id="anoniem", beller=None, reason="no-answer"))
    assert Klantcontact.objects.count() == 1


def test_a_missed_call_of_a_secret_partij_is_only_the_number():
    jan = persoon("Jan", "Jansen", indicatie_geheimhouding=True)
    adres(jan, "telefoonnummer", "06 12345678")
    stuur(melding("ended", 30, reason="no-answer"))
    assert Klantcontact.objects.get().betrokkenen.get().was_partij is None


def test_the_openapi_document_is_served():
    response = Client().get("/kanalen/telefonie/openapi.yaml")
    assert response.status_code == 200
    assert b"/kanalen/telefonie/oproepen" in response.content


def test_extensions_are_kept_in_the_admin():
    assert User.objects.count() == 0
    assert Toestel.objects.get(toestel="201").gebruikersnaam == "sanne"


def test_an_extension_from_the_directory_of_colleagues_counts_too():
    """Without a row in the admin's Toestellen, the extension the identity provider gave
    the employee (the directory's toestelnummer) says who answered."""
    from klantbeeld.domain.models.collegas import Gidsvermelding
    from klantbeeld.workspace.medewerkers import IDENTIFICATOR

    medewerker(Rol.KCC_MEDEWERKER, naam="kees")
    actor = Actor.objects.create(
        naam="Kees Bakker",
        soort_actor="medewerker",
        indicatie_actief=True,
        actoridentificator_object_id="kees",
        **IDENTIFICATOR,
    )
    Gidsvermelding.objects.create(actor=actor, toestelnummer="305")
    stuur(melding("in-progress", 10, toestel="305"))
    assert LopendContact.objects.get().medewerker.username == "kees"
    # A mapping switched off in the admin wins over the directory.
    Toestel.objects.create(toestel="305", gebruikersnaam="kees", actief=False)
    stuur(melding("in-progress", 10, call_id="call-2", toestel="305"))
    assert Oproep.objects.get(oproep_id="call-2").medewerker is None


def test_an_outbound_or_internal_call_is_ignored():
    sanne_en_ruud()
    for richting in ("outbound", "internal"):
        assert (
            stuur(melding("in-progress", 10, toestel="201", direction=richting)).status_code == 204
        )
    assert not Oproep.objects.exists() and not LopendContact.objects.exists()


def test_phone_numbers_in_the_workspace_are_click_to_call_links():
    from klantbeeld.workspace.templatetags.werkplek import telefoonlink

    assert telefoonlink("06-12 34 56 78") == (
        '<a class="utrecht-link" href="tel:0612345678">06-12 34 56 78</a>'
    )
    assert telefoonlink("+31 (0)20 123 4567").startswith(
        '<a class="utrecht-link" href="tel:+31201234567">'
    )
    assert telefoonlink("jan@example.nl") == "jan@example.nl"
    assert telefoonlink("<b>0612345678</b>") == "<b>0612345678</b>"  # text: escaped by Django
    sanne, _ = sanne_en_ruud()
    jan = persoon("Jan", "Jansen")
    adres(jan, "telefoonnummer", "06-12345678")
    adres(jan, "email", "jan@example.nl")
    page = sanne.get(f"/werkplek/klanten/{jan.uuid}/").content.decode()
    assert '<a class="utrecht-link" href="tel:0612345678">06-12345678</a>' in page
    assert 'href="tel:jan' not in page


def test_a_missed_call_from_a_number_the_register_refuses_is_recorded_without_a_task():
    assert stuur(melding("ended", 30, beller="+1", reason="no-answer")).status_code == 204
    assert Oproep.objects.get().status == Oproepstatus.GEMIST
    assert not Klantcontact.objects.exists() and not InterneTaak.objects.exists()
