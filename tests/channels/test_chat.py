"""The visitor's chat endpoints (channels/chat/views.py) and office hours
(channels/chat/openingstijden.py): opening, secrets, files, origins, rate limits."""

from __future__ import annotations

import datetime
import json
import zoneinfo

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from klantbeeld.channels.chat import openingstijden
from klantbeeld.domain.models import Gesprek, Gespreksstatus, Partij
from klantbeeld.live.tickets import partij_ticket

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
WEBSITE = "https://www.gemeente.example"


@pytest.fixture(autouse=True)
def _chat(settings):
    settings.KLANTBEELD_CHAT_HERKOMSTEN = [WEBSITE]
    settings.KLANTBEELD_BASE_URL = "https://klantbeeld.example"
    settings.KLANTBEELD_CHATBOT_URL = ""
    settings.KLANTBEELD_CHAT_OPENINGSTIJDEN = ""
    settings.KLANTBEELD_CHAT_GESLOTEN_DAGEN = []
    cache.clear()


def open_chat(client: Client, origin: str = WEBSITE, **gegevens):
    return client.post(
        "/chat/gesprekken",
        json.dumps(gegevens),
        content_type="application/json",
        HTTP_ORIGIN=origin,
    )


# -- opening -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_visitor_opens_a_chat_from_an_allowed_website(client):
    antwoord = open_chat(client, naam="Anna", pagina=f"{WEBSITE}/afval")
    assert antwoord.status_code == 201, antwoord.content
    assert antwoord["Access-Control-Allow-Origin"] == WEBSITE
    gegevens = antwoord.json()
    gesprek = Gesprek.objects.get(uuid=gegevens["gesprek"])
    assert gesprek.status == Gespreksstatus.WACHTRIJ
    assert gesprek.bezoeker_naam == "Anna" and gesprek.pagina == f"{WEBSITE}/afval"
    assert gegevens["positie"] == 1
    assert gegevens["live"] == f"/live/chat/{gesprek.uuid}/"
    # Only the hash of the secret is kept.
    assert gegevens["sleutel"] not in gesprek.bezoeker_sleutel


@pytest.mark.django_db
def test_with_a_chatbot_the_chat_starts_with_the_bot(client, settings):
    settings.KLANTBEELD_CHATBOT_URL = "http://127.0.0.1:9/bot"
    gegevens = open_chat(client).json()
    gesprek = Gesprek.objects.get(uuid=gegevens["gesprek"])
    assert gesprek.status == Gespreksstatus.BOT and gesprek.chatbot is not None
    assert gegevens["positie"] is None


@pytest.mark.django_db
def test_a_website_not_configured_is_refused_and_nothing_is_opened(client):
    antwoord = open_chat(client, origin="https://kwaadwillend.example")
    assert antwoord.status_code == 403
    assert "mag de chat" in antwoord.json()["melding"]
    assert "Access-Control-Allow-Origin" not in antwoord
    assert not Gesprek.objects.exists()


@pytest.mark.django_db
def test_klantbeelds_own_pages_may_open_a_chat(client):
    assert open_chat(client, origin="https://klantbeeld.example").status_code == 201


@pytest.mark.django_db
def test_the_browsers_preflight_is_answered_for_allowed_sites_only(client):
    ja = client.options("/chat/gesprekken", HTTP_ORIGIN=WEBSITE)
    assert ja.status_code == 204 and ja["Access-Control-Allow-Origin"] == WEBSITE
    assert "Content-Type" in ja["Access-Control-Allow-Headers"]
    assert client.options("/chat/gesprekken", HTTP_ORIGIN="https://x.example").status_code == 403


@pytest.mark.django_db
def test_bad_json_is_refused_in_dutch(client):
    antwoord = client.post(
        "/chat/gesprekken", "[1", content_type="application/json", HTTP_ORIGIN=WEBSITE
    )
    assert antwoord.status_code == 400 and "JSON" in antwoord.json()["melding"]


@pytest.mark.django_db
def test_a_signed_in_residents_ticket_gives_the_conversation_their_partij(client):
    partij = Partij.objects.create(soort_partij="persoon", indicatie_actief=True)
    gegevens = open_chat(client, ticket=partij_ticket(partij.uuid)).json()
    assert Gesprek.objects.get(uuid=gegevens["gesprek"]).partij == partij
    assert gegevens["ingelogd"] is True


@pytest.mark.django_db
def test_a_forged_ticket_is_refused(client):
    antwoord = open_chat(client, ticket="eyJwIjoiMSJ9:1abc:nep")
    assert antwoord.status_code == 400 and "inlog" in antwoord.json()["melding"]
    assert not Gesprek.objects.exists()


@pytest.mark.django_db
def test_too_many_chats_from_one_address_are_refused(client, settings):
    settings.KLANTBEELD_CHAT_LIMIET_PER_IP = 2
    assert [open_chat(client).status_code for _ in range(3)] == [201, 201, 429]
    assert Gesprek.objects.count() == 2


@pytest.mark.django_db
def test_outside_office_hours_without_a_bot_the_chat_says_when_it_opens(client, settings):
    settings.KLANTBEELD_CHAT_OPENINGSTIJDEN = "ma-vr 08:30-17:00"
    settings.KLANTBEELD_CHAT_GESLOTEN_DAGEN = [
        str(datetime.date.today() + datetime.timedelta(days=d)) for d in range(-1, 2)
    ]
    antwoord = open_chat(client)
    assert antwoord.status_code == 409
    assert antwoord.json()["melding"].startswith("De chat is nu gesloten. U kunt weer chatten ")
    assert antwoord.json()["telefoonnummer"] is not None
    assert not Gesprek.objects.exists()


# -- files -------------------------------------------------------------------------------------


def nieuw(client: Client) -> tuple[str, str]:
    gegevens = open_chat(client).json()
    return gegevens["gesprek"], gegevens["sleutel"]


def stuur(client: Client, gesprek: str, sleutel: str, bestand: SimpleUploadedFile):
    return client.post(
        f"/chat/gesprekken/{gesprek}/bestanden",
        {"sleutel": sleutel, "bestand": bestand, "clientId": "b1"},
        HTTP_ORIGIN=WEBSITE,
    )


@pytest.mark.django_db
def test_a_visitor_sends_a_file_and_fetches_it_back(client):
    gesprek, sleutel = nieuw(client)
    antwoord = stuur(client, gesprek, sleutel, SimpleUploadedFile("brief.pdf", b"%PDF-1.4 x"))
    assert antwoord.status_code == 201, antwoord.content
    bericht = antwoord.json()["bericht"]
    assert bericht["bijlage"] == {"naam": "brief.pdf", "type": "application/pdf"}
    opgehaald = client.get(
        f"/chat/gesprekken/{gesprek}/bestanden/{bericht['volgnummer']}",
        HTTP_ORIGIN=WEBSITE,
        HTTP_X_KLANTBEELD_SLEUTEL=sleutel,
    )
    assert opgehaald.status_code == 200 and opgehaald.content == b"%PDF-1.4 x"
    assert opgehaald["Content-Disposition"].startswith("attachment")
    # The same upload again (a resend) is one message.
    stuur(client, gesprek, sleutel, SimpleUploadedFile("brief.pdf", b"%PDF-1.4 x"))
    assert Gesprek.objects.get(uuid=gesprek).berichten.count() == 1


@pytest.mark.django_db
def test_a_file_with_a_wrong_secret_is_refused_as_if_the_chat_did_not_exist(client):
    gesprek, _ = nieuw(client)
    antwoord = stuur(client, gesprek, "fout", SimpleUploadedFile("a.pdf", b"x"))
    assert antwoord.status_code == 404
    opgehaald = client.get(
        f"/chat/gesprekken/{gesprek}/bestanden/1", HTTP_X_KLANTBEELD_SLEUTEL="fout"
    )
    assert opgehaald.status_code == 404
    assert not Gesprek.objects.get(uuid=gesprek).berichten.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("naam", "inhoud", "status", "melding"),
    [
        ("groot.pdf", b"x" * (1024 * 1024 + 1), 413, "te groot. Het mag hoogstens 1 MB"),
        ("virus.exe", b"MZ", 400, "Dit soort bestand kunnen we niet aannemen"),
        ("leeg.pdf", b"", 400, "leeg"),
    ],
)
def test_files_outside_the_limits_are_refused_in_dutch(
    client, settings, naam, inhoud, status, melding
):
    settings.KLANTBEELD_BIJLAGE_MAX_MB = 1
    gesprek, sleutel = nieuw(client)
    antwoord = stuur(client, gesprek, sleutel, SimpleUploadedFile(naam, inhoud))
    assert antwoord.status_code == status
    assert melding in antwoord.json()["melding"]
    assert not Gesprek.objects.get(uuid=gesprek).berichten.exists()


# -- office hours ------------------------------------------------------------------------------


def moment(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMS)


def test_office_hours_in_the_organisations_time_zone():
    uren = openingstijden.lees("ma-vr 08:30-17:00; za 10:00-12:00", ["2026-12-25"])
    assert uren.is_open(moment(2026, 12, 21, 8, 30))  # Monday
    assert not uren.is_open(moment(2026, 12, 21, 17, 0))
    # 07:45 UTC is 08:45 in Amsterdam in winter.
    assert uren.is_open(datetime.datetime(2026, 12, 21, 7, 45, tzinfo=datetime.UTC))
    assert not uren.is_open(moment(2026, 12, 25, 10, 0))  # Christmas, a Friday
    assert uren.volgende_opening(moment(2026, 12, 25, 10, 0)) == moment(2026, 12, 26, 10, 0)
    assert uren.volgende_opening(moment(2026, 12, 26, 12, 30)) == moment(2026, 12, 28, 8, 30)
    assert openingstijden.beschrijving(uren) == (
        "maandag tot en met vrijdag 08:30 tot 17:00; zaterdag 10:00 tot 12:00"
    )


def test_the_next_opening_in_plain_dutch():
    nu = moment(2026, 12, 21, 18, 0)
    assert openingstijden.wanneer(moment(2026, 12, 22, 8, 30), nu) == "morgen om 08:30"
    assert openingstijden.wanneer(moment(2026, 12, 21, 19, 0), nu) == "vandaag om 19:00"
    assert openingstijden.wanneer(moment(2026, 12, 28, 8, 30), nu) == "maandag 28-12 om 08:30"


def test_empty_hours_is_always_open():
    assert openingstijden.lees("").is_open(moment(2026, 12, 27, 3, 0))


@pytest.mark.parametrize("tekst", ["maandag 08:30-17:00", "ma-vr 8.30-17", "ma 17:00-08:00"])
def test_hours_an_operator_got_wrong_are_named(tekst):
    with pytest.raises(ImproperlyConfigured, match="KLANTBEELD_CHAT_OPENINGSTIJDEN"):
        openingstijden.lees(tekst)
