"""The local WhatsApp gateway (standins/whatsapp) speaks the Cloud API as Meta documents
it, so that what works against it works against Meta: it is asked here with plain HTTP
requests, not with Klantbeeld's client. Its document (tests/specs, written from Meta's)
accepts every example Meta publishes for what Klantbeeld uses, which Meta's own schemas
refuse."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from standins.whatsapp import InboundMedia, LocalWhatsApp, whatsapp_gateway
from standins.whatsapp.documents import (
    META_DOCUMENT,
    SPECS,
    answer_problems,
    request_problems,
    webhook_problems,
)
from standins.whatsapp.gateway import Answer
from tests.channels.receivers import whatsapp_receiver
from tests.support.receiver import Receiver, receiver

TOKEN = "EAAtoken"
APP_SECRET = "app-secret"
ROOT = Path(__file__).resolve().parents[2]
RESIDENT = "31612345678"


@pytest.fixture
def webhooks() -> Iterator[Receiver]:
    with receiver() as local:
        yield local


@pytest.fixture
def gateway(webhooks) -> Iterator[LocalWhatsApp]:
    with whatsapp_gateway(
        token=TOKEN, app_secret=APP_SECRET, webhook_url=webhooks.url + "/webhook"
    ) as local:
        yield local


def send(gateway: LocalWhatsApp, message: dict[str, Any], token: str = TOKEN, **options):
    url = f"{gateway.url}/v23.0/{options.pop('number', gateway.phone_number_id)}/messages"
    body = {"messaging_product": "whatsapp", "to": RESIDENT, **message}
    return httpx.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, **options)


def text(body: str = "Uw aanvraag is ontvangen.") -> dict[str, Any]:
    return {"type": "text", "text": {"body": body}}


def open_window(gateway: LocalWhatsApp, number: str = RESIDENT) -> None:
    gateway.send_inbound("Hallo", from_number=number, name="Inwoner")


def posted(webhooks: Receiver, count: int) -> list[dict[str, Any]]:
    return [json.loads(item.body) for item in webhooks.wait_for(count)]


def statuses(payload: dict[str, Any]) -> list[dict[str, Any]]:
    value: dict[str, Any] = payload["entry"][0]["changes"][0]["value"]
    return value.get("statuses", [])


# -- the documents -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def meta() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((SPECS / META_DOCUMENT).read_text())
    return document


def meta_examples(meta, path: str, *where: str) -> dict[str, Any]:
    node = meta["paths"][path]["post"]
    for key in where:
        node = node[key]
    examples: dict[str, Any] = node["content"]["application/json"]["examples"]
    return {name: example["value"] for name, example in examples.items()}


def meta_schema_errors(meta, schema: str, instance: Any) -> list[str]:
    registry = Registry().with_resource(
        "urn:meta", Resource.from_contents(meta, default_specification=DRAFT202012)
    )
    validator = jsonschema.Draft202012Validator(
        {"$ref": f"urn:meta#/components/schemas/{schema}"}, registry=registry
    )
    return [error.message for error in validator.iter_errors(instance)]


MESSAGES = "/v23.0/106540352242922/messages"
JSON = {"authorization": "Bearer x", "content-type": "application/json"}


def test_the_document_accepts_every_example_meta_gives_for_sending(meta):
    path = "/{Version}/{Phone-Number-ID}/messages"
    requests = meta_examples(meta, path, "requestBody")
    answers = meta_examples(meta, path, "responses", "200")
    assert {"Send Text Message", "Send Document Message by ID", "Send Image Message by URL"} <= set(
        requests
    )
    for body in requests.values():
        assert request_problems("POST", MESSAGES, {}, JSON, json.dumps(body).encode()) == []
        # As Meta publishes them, its schemas refuse its own examples.
        assert meta_schema_errors(meta, "Message", body)
    for answer in answers.values():
        encoded = json.dumps(answer).encode()
        assert answer_problems("POST", MESSAGES, 200, encoded, "application/json") == []


def test_the_document_accepts_every_webhook_meta_gives(meta):
    examples = meta_examples(meta, "/whatsapp/webhooks", "requestBody")
    assert len(examples) >= 10
    refused_by_meta = 0
    for payload in examples.values():
        assert webhook_problems(json.dumps(payload).encode(), "sha256=" + "0" * 64) == []
        refused_by_meta += bool(meta_schema_errors(meta, "WebhookPayload", payload))
    assert refused_by_meta == len(examples)


def test_the_document_still_refuses_what_meta_does_not_take():
    refused = [
        {"messaging_product": "whatsapp", "to": RESIDENT, "type": "text"},  # no text
        {"messaging_product": "whatsapp", "to": RESIDENT, **text(), "bcc": "x"},
        {"messaging_product": "whatsapp", "to": RESIDENT, **text(), "type": "image"},
        {
            "messaging_product": "whatsapp",
            "to": RESIDENT,
            "type": "document",
            "document": {"id": "1", "link": "https://x"},  # id or link, not both
        },
        {"messaging_product": "sms", "to": RESIDENT, **text()},
    ]
    for body in refused:
        assert request_problems("POST", MESSAGES, {}, JSON, json.dumps(body).encode())
    assert webhook_problems(b'{"object": "page", "entry": []}', "sha256=" + "0" * 64)
    assert webhook_problems(b'{"object": "whatsapp_business_account", "entry": []}', "sha1=x")


# -- sending -----------------------------------------------------------------------------


def test_a_text_message_is_taken_as_meta_answers(gateway, webhooks):
    open_window(gateway)
    response = send(gateway, text())

    assert response.status_code == 200
    answer = response.json()
    wamid = answer["messages"][0]["id"]
    assert wamid.startswith("wamid.")
    assert answer == {
        "messaging_product": "whatsapp",
        "contacts": [{"input": RESIDENT, "wa_id": RESIDENT}],
        "messages": [{"id": wamid}],
    }
    (sent,) = gateway.wait_for(1)
    assert (sent.id, sent.to, sent.text) == (wamid, RESIDENT, "Uw aanvraag is ontvangen.")
    reports = [s for payload in posted(webhooks, 3) for s in statuses(payload)]
    assert [(r["id"], r["status"]) for r in reports] == [(wamid, "sent"), (wamid, "delivered")]
    assert all(r["recipient_id"] == RESIDENT for r in reports)
    assert gateway.violations == []


def test_a_request_that_breaks_the_document_is_refused_and_recorded(gateway):
    response = send(gateway, {"type": "text", "text": {"body": "x", "opmaak": "vet"}})
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["type"]) == (100, "OAuthException")
    assert "opmaak" in error["error_data"]["details"]
    assert any("opmaak" in violation for violation in gateway.violations)
    assert gateway.messages == []


def test_its_own_answers_are_checked_against_the_document(gateway, monkeypatch):
    broken = Answer(200, b'{"messaging_product": "whatsapp", "messages": []}')
    monkeypatch.setattr(gateway, "_send", lambda body: broken)
    response = send(gateway, text())
    assert response.status_code == 500
    assert any("answer 200" in violation for violation in gateway.violations)


def test_a_bad_token_is_refused_as_meta_does(gateway):
    response = send(gateway, text(), token="verlopen")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == 190
    assert gateway.messages == []


def test_another_phone_number_id_does_not_exist(gateway):
    response = send(gateway, text(), number="999")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["error_subcode"], error["type"]) == (
        100,
        33,
        "GraphMethodException",
    )


def test_a_recipient_that_is_no_number_is_refused(gateway):
    response = send(gateway, {**text(), "to": "12345"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == 100
    assert gateway.violations == []


def test_outside_the_service_window_a_message_fails_with_131047(gateway, webhooks):
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=24, minutes=1)
    gateway.send_inbound("Hallo", from_number=RESIDENT, name="Inwoner", timestamp=long_ago)
    wamid = send(gateway, text()).json()["messages"][0]["id"]

    (report,) = statuses(posted(webhooks, 2)[1])
    assert (report["id"], report["status"], report["errors"][0]["code"]) == (
        wamid,
        "failed",
        131047,
    )
    assert gateway.violations == []


def test_without_the_window_rule_text_goes_to_anyone(gateway, webhooks):
    gateway.service_window = False
    send(gateway, text())
    assert [r["status"] for p in posted(webhooks, 2) for r in statuses(p)] == ["sent", "delivered"]


def test_a_number_not_on_whatsapp_fails_with_131026(gateway, webhooks):
    gateway.not_on_whatsapp.add("31600000000")
    send(gateway, {**text(), "to": "+31600000000"})
    (report,) = statuses(posted(webhooks, 1)[0])
    assert (report["status"], report["errors"][0]["code"]) == ("failed", 131026)


def test_a_read_status_can_be_posted_for_a_sent_message(gateway, webhooks):
    open_window(gateway)
    wamid = send(gateway, text()).json()["messages"][0]["id"]
    posted(webhooks, 3)
    delivery = gateway.send_status(wamid, "read")
    assert delivery.answer == 204
    assert statuses(delivery.payload)[0]["status"] == "read"
    assert gateway.wait_for(1)[0].statuses == ["sent", "delivered", "read"]


def test_without_a_callback_url_messages_still_go_and_their_statuses_are_kept():
    with whatsapp_gateway(token=TOKEN, app_secret=APP_SECRET) as gateway:
        gateway.service_window = False
        assert send(gateway, text()).status_code == 200
        (sent,) = gateway.wait_for(1)
        gateway.wait_until(lambda: sent.statuses == ["sent", "delivered"])
        assert gateway.webhooks == []


# -- media -------------------------------------------------------------------------------


def upload(gateway: LocalWhatsApp, content: bytes, mime_type: str, **fields: str):
    return httpx.post(
        f"{gateway.url}/v23.0/{gateway.phone_number_id}/media",
        data={"messaging_product": "whatsapp", "type": mime_type, **fields},
        files={"file": ("besluit.pdf", content, mime_type)},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )


def test_media_is_uploaded_then_found_and_downloaded_with_the_token(gateway, webhooks):
    pdf = b"%PDF-1.7 besluit"
    media_id = upload(gateway, pdf, "application/pdf").json()["id"]
    bearer = {"Authorization": f"Bearer {TOKEN}"}

    found = httpx.get(
        f"{gateway.url}/v23.0/{media_id}",
        params={"phone_number_id": gateway.phone_number_id},
        headers=bearer,
    )
    assert found.status_code == 200
    info = found.json()
    assert (info["id"], info["mime_type"], info["file_size"]) == (
        media_id,
        "application/pdf",
        str(len(pdf)),
    )
    assert httpx.get(info["url"]).status_code == 401
    download = httpx.get(info["url"], headers=bearer)
    assert (download.content, download.headers["Content-Type"]) == (pdf, "application/pdf")

    open_window(gateway)
    document = {"type": "document", "document": {"id": media_id, "filename": "besluit.pdf"}}
    assert send(gateway, document).status_code == 200
    assert [r["status"] for p in posted(webhooks, 3) for r in statuses(p)] == [
        "sent",
        "delivered",
    ]
    assert gateway.violations == []


def test_an_upload_of_a_type_meta_does_not_take_is_refused(gateway):
    response = upload(gateway, b"MZ\x90\x00", "application/x-msdownload")
    assert response.status_code == 400 and response.json()["error"]["code"] == 100
    without_type = httpx.post(
        f"{gateway.url}/v23.0/{gateway.phone_number_id}/media",
        data={"messaging_product": "whatsapp"},
        files={"file": ("a.pdf", b"%PDF", "application/pdf")},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert without_type.status_code == 400
    assert any("'type' is a required property" in v for v in gateway.violations)


def test_a_document_by_an_unknown_media_id_fails_with_131053(gateway, webhooks):
    open_window(gateway)
    send(gateway, {"type": "document", "document": {"id": "123", "filename": "x.pdf"}})
    (report,) = statuses(posted(webhooks, 2)[1])
    assert report["errors"][0]["code"] == 131053


# -- webhooks ----------------------------------------------------------------------------


def test_an_inbound_message_is_posted_as_meta_posts_it(gateway, webhooks):
    moment = datetime.datetime(2026, 5, 4, 12, 0, tzinfo=datetime.UTC)
    delivery = gateway.send_inbound(
        "Is mijn paspoort klaar? Groet, Zoë",
        from_number="+31 6 12345678",
        name="Zoë Jansen",
        message_id="wamid.abc",
        timestamp=moment,
        reply_to="wamid.eerder",
    )

    assert delivery.answer == 204
    (received,) = webhooks.wait_for(1)
    assert received.path == "/webhook"
    assert received.headers["content-type"] == "application/json"
    digest = hmac.new(APP_SECRET.encode(), received.body, hashlib.sha256).hexdigest()
    assert received.headers["x-hub-signature-256"] == f"sha256={digest}"
    assert b"Zo\\u00eb" in received.body  # escaped, as Meta sends non-ASCII
    payload = json.loads(received.body)
    assert payload["object"] == "whatsapp_business_account"
    change = payload["entry"][0]["changes"][0]
    assert change["field"] == "messages"
    value = change["value"]
    assert value["metadata"] == {
        "display_phone_number": gateway.display_phone_number,
        "phone_number_id": gateway.phone_number_id,
    }
    assert value["contacts"] == [{"profile": {"name": "Zoë Jansen"}, "wa_id": RESIDENT}]
    assert value["messages"] == [
        {
            "from": RESIDENT,
            "id": "wamid.abc",
            "timestamp": str(int(moment.timestamp())),
            "context": {"from": gateway.display_phone_number, "id": "wamid.eerder"},
            "type": "text",
            "text": {"body": "Is mijn paspoort klaar? Groet, Zoë"},
        }
    ]
    assert gateway.violations == []


def test_an_inbound_image_carries_its_media(gateway, webhooks):
    jpeg = b"\xff\xd8\xff\xe0 foto"
    gateway.send_inbound(
        "Losse stoeptegel",
        from_number=RESIDENT,
        name="Inwoner",
        media=InboundMedia(jpeg, "image/jpeg", kind="image"),
    )
    message = posted(webhooks, 1)[0]["entry"][0]["changes"][0]["value"]["messages"][0]
    assert message["type"] == "image"
    image = message["image"]
    assert (image["caption"], image["mime_type"]) == ("Losse stoeptegel", "image/jpeg")
    assert gateway.media[image["id"]].content == jpeg
    assert "filename" not in image


def test_the_subscription_handshake_is_meta_s():
    with (
        whatsapp_receiver(APP_SECRET, "verify-token") as klantbeeld,
        whatsapp_gateway(
            token=TOKEN,
            app_secret=APP_SECRET,
            webhook_url=klantbeeld.url,
            verify_token="verify-token",
        ) as gateway,
    ):
        assert gateway.verify_webhook()
        assert not gateway.verify_webhook(verify_token="geraden")
    with (
        whatsapp_gateway(token=TOKEN, app_secret=APP_SECRET) as without_url,
        pytest.raises(RuntimeError),
    ):
        without_url.verify_webhook()


def test_the_demo_command_serves_until_stopped(webhooks):
    environment = {
        **os.environ,
        "WA_TOKEN": TOKEN,
        "WA_SECRET": APP_SECRET,
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}",
    }
    command = [
        sys.executable,
        "-m",
        "standins.whatsapp",
        "--port",
        "0",
        "--token-env",
        "WA_TOKEN",
        "--app-secret-env",
        "WA_SECRET",
        "--webhook-url",
        webhooks.url + "/webhook",
    ]
    process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split(" op ")[-1].strip()
        played = httpx.post(
            f"{url}/_standin/inbound", json={"from": RESIDENT, "name": "Demo", "text": "Hoi"}
        )
        assert played.json() == {"answer": 204}
        assert json.loads(webhooks.wait_for(1)[0].body)["entry"][0]["changes"][0]["value"][
            "messages"
        ][0]["text"] == {"body": "Hoi"}
        assert httpx.get(f"{url}/_standin/messages").json() == []
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
