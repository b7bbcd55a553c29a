"""Klantbeeld and a notification router over real HTTP: kanalen, publishing, the
abonnement on zaken, and the callback (case C0322)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import jwt
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from klantbeeld.domain.models import Zaakmelding
from klantbeeld.events.models import InboxNotification, OutboxMessage, OutboxStatus
from klantbeeld.events.nrc import now_text
from klantbeeld.events.worker import deliver_next, handle_next
from standins.zgw import LocalZgw, local_zgw
from tests.integrations.conftest import SECRET as ZGW_SECRET
from tests.integrations.conftest import configure
from tests.klantinteracties.test_klantcontacten import KLANTCONTACT, ZAAK, persoon
from tests.support.nrc import LocalNrc, local_nrc

SECRET = "klantbeeld-geheim-voor-de-nrc-32-tekens"
OPENZAAK_SECRET = "open-zaak-geheim-voor-de-nrc-32-tekens"
CALLBACK_AUTH = "Bearer callback-geheim-dat-alleen-de-nrc-kent"
ZAAK_URL = f"https://zaken.example.nl/zaken/api/v1/zaken/{ZAAK['objectId']}"


@pytest.fixture
def nrc(settings):
    with local_nrc({"klantbeeld": SECRET, "openzaak": OPENZAAK_SECRET}) as state:
        settings.KLANTBEELD_NRC_URL = f"{state.url}/api/v1"
        settings.KLANTBEELD_NRC_CLIENT_ID = "klantbeeld"
        settings.KLANTBEELD_NRC_SECRET = SECRET
        settings.KLANTBEELD_NRC_CALLBACK_AUTH = CALLBACK_AUTH
        yield state
        assert state.violations == []


@pytest.fixture
def open_zaak() -> Iterator[LocalZgw]:
    """The zaken register whose zaken the notifications are about."""
    cache.clear()  # catalogi answers remembered from another test's register
    with local_zgw({"klantbeeld": ZGW_SECRET}) as register:
        yield register
        assert register.violations == []


def drain() -> None:
    with httpx.Client(timeout=5) as client:
        while deliver_next(client):
            pass


@pytest.mark.django_db
def test_kanalen_are_registered_once_with_snake_case_filters(nrc, capsys):
    call_command("nrc_kanalen")
    assert capsys.readouterr().out.splitlines() == [
        "partijen: aangemaakt",
        "klantcontacten: aangemaakt",
        "internetaken: aangemaakt",
    ]
    assert nrc.kanalen["partijen"]["filters"] == ["nummer", "interne_notitie", "soort_partij"]
    call_command("nrc_kanalen")
    assert "partijen: bestond al" in capsys.readouterr().out
    assert len(nrc.kanalen) == 3


@pytest.mark.django_db
def test_the_nrc_accepts_what_klantbeeld_publishes(nrc, ki, settings):
    settings.KLANTBEELD_BASE_URL = "https://klanten.example.nl"
    call_command("nrc_kanalen")
    partij = persoon(ki)
    ki.patch(f"partijen/{partij['uuid']}", {"interneNotitie": "Belt liever na vijven"})
    drain()
    assert [(n["resource"], n["actie"]) for n in nrc.notificaties] == [
        ("partij", "create"),
        ("partijidentificator", "create"),
        ("partij", "update"),
    ]
    assert nrc.notificaties[2]["kenmerken"]["interneNotitie"] == "Belt liever na vijven"
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.DELIVERED}


@pytest.mark.django_db
def test_a_refusal_by_the_nrc_is_retried(nrc, ki, settings):
    settings.KLANTBEELD_BASE_URL = "https://klanten.example.nl"
    persoon(ki)  # the kanalen are not registered yet
    drain()
    message = OutboxMessage.objects.order_by("id").first()
    assert message.status == OutboxStatus.PENDING
    assert "Kanaal met deze naam bestaat niet" in message.last_error
    assert nrc.notificaties == []


def zaak_status(status: str) -> dict:
    """What Open Zaak sends when a zaak gets a new status."""
    return {
        "kanaal": "zaken",
        "hoofdObject": ZAAK_URL,
        "resource": "status",
        "resourceUrl": f"https://zaken.example.nl/zaken/api/v1/statussen/{status}",
        "actie": "create",
        "aanmaakdatum": now_text(),
        "kenmerken": {
            "bronorganisatie": "002220647",
            "zaaktype": "https://zaken.example.nl/catalogi/api/v1/zaaktypen/1",
            "vertrouwelijkheidaanduiding": "openbaar",
        },
    }


def publish(nrc: LocalNrc, notificatie: dict) -> httpx.Response:
    token = jwt.encode(
        {"iss": "openzaak", "client_id": "openzaak", "iat": int(time.time())},
        OPENZAAK_SECRET,
        algorithm="HS256",
    )
    return httpx.post(
        f"{nrc.url}/api/v1/notificaties",
        headers={"Authorization": f"Bearer {token}"},
        json=notificatie,
    )


@pytest.mark.django_db(transaction=True)
def test_a_zaak_status_reaches_the_partij_once(nrc, ki, live_server, settings, open_zaak):
    settings.KLANTBEELD_BASE_URL = live_server.url
    configure(open_zaak)
    zaak = open_zaak.add_zaak("MOR", omschrijving="Afval")
    nrc.kanalen["zaken"] = {
        "naam": "zaken",
        "filters": ["bronorganisatie", "zaaktype", "vertrouwelijkheidaanduiding"],
    }
    call_command("nrc_abonnement")  # the NRC tests the callback with and without auth
    [abonnement] = nrc.abonnementen
    assert abonnement["callbackUrl"] == f"{live_server.url}/notificaties/callback"
    assert abonnement["kanalen"] == [{"naam": "zaken", "filters": {}}]
    assert InboxNotification.objects.count() == 0  # the NRC's test calls leave nothing

    partij = persoon(ki)
    adres = ki.post(
        "digitaleadressen",
        {
            "verstrektDoorPartij": {"uuid": partij["uuid"]},
            "soortDigitaalAdres": "email",
            "adres": "jan@example.nl",
            "omschrijving": "privé",
        },
    )
    assert adres.status_code == 201, adres
    contact = ki.post(
        "maak-klantcontact",
        {
            "klantcontact": KLANTCONTACT,
            "betrokkene": {
                "rol": "klant",
                "initiator": True,
                "wasPartij": {"uuid": partij["uuid"]},
            },
            "onderwerpobject": {"onderwerpobjectidentificator": {**ZAAK, "objectId": zaak["uuid"]}},
        },
    )
    assert contact.status_code == 201, contact
    status = open_zaak.add_status(zaak, "Afgehandeld")  # the catalogue says: inform
    notificatie = {
        **zaak_status("s1"),
        "hoofdObject": zaak["url"],
        "resourceUrl": status["url"],
        "kenmerken": {
            "bronorganisatie": zaak["bronorganisatie"],
            "zaaktype": zaak["zaaktype"],
            "vertrouwelijkheidaanduiding": zaak["vertrouwelijkheidaanduiding"],
        },
    }
    assert publish(nrc, notificatie).status_code == 201
    assert publish(nrc, notificatie).status_code == 201  # at-least-once: again
    assert InboxNotification.objects.count() == 1
    while handle_next():
        pass
    assert InboxNotification.objects.get().last_error == ""
    [melding] = Zaakmelding.objects.all()
    assert str(melding.partij_id) == partij["uuid"]
    assert (melding.zaak, melding.status) == (zaak["url"], status["url"])
    # Sent by e-mail where that channel is set up, else recorded with the reason.
    assert (melding.verzending and melding.verzending.adres == "jan@example.nl") or (
        "e-mail: kanaal niet ingesteld" in melding.reden
    )
    assert InboxNotification.objects.get().status == OutboxStatus.DELIVERED


@pytest.mark.django_db
def test_the_callback_refuses_a_wrong_authorization(settings):
    settings.KLANTBEELD_NRC_CALLBACK_AUTH = CALLBACK_AUTH
    client = Client()
    body = {"kanaal": "zaken"}
    for auth in ({}, {"HTTP_AUTHORIZATION": "Bearer iets-anders"}):
        response = client.post(
            "/notificaties/callback", body, content_type="application/json", **auth
        )
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
    response = client.post(
        "/notificaties/callback",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=CALLBACK_AUTH,
    )
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum"}
    assert InboxNotification.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({"kenmerken": "oops"}, "kenmerken"),
        ({"kenmerken": {"zaaktype": 1}}, "kenmerken"),
        ({"kenmerken": {"zaaktype": "x" * 1001}}, "kenmerken"),
        ({"kenmerken": {"zaak\u0000type": "x"}}, "kenmerken"),
        ({"resource": "sta\u0000tus"}, "resource"),
        ({"actie": 5}, "actie"),
        ({"kanaal": "z" * 51}, "kanaal"),
        ({"hoofdObject": "geen url"}, "hoofdObject"),
        ({"resourceUrl": "ftp://zaken.example.nl/x"}, "resourceUrl"),
        ({"aanmaakdatum": "gisteren"}, "aanmaakdatum"),
        ({"source": ["openzaak"]}, "source"),
    ],
)
def test_the_callback_refuses_a_malformed_message_with_a_400(settings, change, name):
    settings.KLANTBEELD_NRC_CALLBACK_AUTH = CALLBACK_AUTH
    response = Client().post(
        "/notificaties/callback",
        zaak_status("1") | change,
        content_type="application/json",
        HTTP_AUTHORIZATION=CALLBACK_AUTH,
    )
    assert response.status_code == 400, response.content
    assert [p["name"] for p in response.json()["invalidParams"]] == [name]
    assert InboxNotification.objects.count() == 0


@pytest.mark.django_db
def test_the_callback_stores_a_well_formed_message(settings):
    settings.KLANTBEELD_NRC_CALLBACK_AUTH = CALLBACK_AUTH
    message = zaak_status("1") | {"source": "openzaak", "extra": {"onbekend": 1}}
    response = Client().post(
        "/notificaties/callback",
        message,
        content_type="application/json",
        HTTP_AUTHORIZATION=CALLBACK_AUTH,
    )
    assert response.status_code == 204
    assert InboxNotification.objects.get().payload == message


@pytest.mark.django_db
def test_the_callback_is_closed_while_no_auth_is_configured(settings):
    settings.KLANTBEELD_NRC_CALLBACK_AUTH = ""
    response = Client().post(
        "/notificaties/callback", {}, content_type="application/json", HTTP_AUTHORIZATION=""
    )
    assert response.status_code == 401


@pytest.mark.django_db(transaction=True)
def test_nrc_abonnement_run_twice_makes_one_abonnement(nrc, live_server, settings, capsys):
    settings.KLANTBEELD_BASE_URL = live_server.url
    nrc.kanalen["zaken"] = {"naam": "zaken", "filters": ["zaaktype"]}
    call_command("nrc_abonnement")
    assert capsys.readouterr().out.strip().endswith(": aangemaakt")
    call_command("nrc_abonnement")
    assert capsys.readouterr().out.strip().endswith(": bestond al")
    [abonnement] = nrc.abonnementen

    # A changed choice of zaaktypen updates the same abonnement.
    zaaktype = "https://zaken.example.nl/catalogi/api/v1/zaaktypen/1"
    settings.KLANTBEELD_NRC_ZAAKTYPEN = [zaaktype]
    call_command("nrc_abonnement")
    assert capsys.readouterr().out.strip().endswith(": bijgewerkt")
    [updated] = nrc.abonnementen
    assert updated["url"] == abonnement["url"]
    assert updated["kanalen"] == [{"naam": "zaken", "filters": {"zaaktype": zaaktype}}]
    assert updated["auth"] == CALLBACK_AUTH
