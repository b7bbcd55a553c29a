"""Klantbeeld's clients for the SMS provider and the messaging gateway, against the local
stand-ins over real HTTP: what the outbox relies on (an id for what was sent, an error that
says whether to try again) and what the webhook views rely on (only signed reports are
believed, and they parse to typed values)."""

from __future__ import annotations

import datetime
import hmac
import json
import socket
from collections.abc import Iterator

import pytest

from klantbeeld.channels.gateways.numbers import e164, wa_id
from klantbeeld.channels.gateways.sms import (
    CallbackError,
    SmsError,
    SmsProvider,
    SmsSettings,
    parse_status_callback,
    twilio_signature,
)
from klantbeeld.channels.gateways.whatsapp import (
    GatewayError,
    InboundMessage,
    StatusUpdate,
    WhatsAppGateway,
    parse_webhook,
    verification_response,
    verify_signature,
)
from standins.sms import LocalSmsProvider, sms_provider
from standins.whatsapp import InboundMedia, LocalWhatsApp, whatsapp_gateway
from tests.channels.receivers import SmsReceiver, WhatsAppReceiver, sms_receiver, whatsapp_receiver

ACCOUNT = "AC" + "5a" * 16
TOKEN = "twilio-auth-token"
SERVICE = "MG" + "0b" * 16
RESIDENT = "+31612345678"
APP_SECRET = "meta-app-secret"
VERIFY_TOKEN = "klantbeeld-verify"
ACCESS_TOKEN = "EAAGm0PX4ZCpsBA"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("06-12 34 56 78", "+31612345678"),
        ("0031 6 12345678", "+31612345678"),
        ("020 123 4567", "+31201234567"),
        ("+32 470 12 34 56", "+32470123456"),
    ],
)
def test_numbers_are_written_as_the_providers_want_them(given, expected):
    assert e164(given) == expected
    assert wa_id(given) == expected[1:]
    assert wa_id(expected[1:]) == expected[1:]  # a wa_id stays one


@pytest.mark.parametrize("given", ["", "bel me", "0612", "+0612345678", "06123456789012345"])
def test_what_cannot_be_a_number_is_said_so(given):
    with pytest.raises(ValueError, match="geen telefoonnummer"):
        e164(given)


# -- SMS ----------------------------------------------------------------------------------


@pytest.fixture
def provider() -> Iterator[LocalSmsProvider]:
    with sms_provider(
        {ACCOUNT: TOKEN},
        senders=["Gemeente"],
        messaging_services=[SERVICE],
        unreachable=["+31611111111"],
        not_mobile=["+31201234567"],
    ) as local:
        yield local
    assert local.violations == []


@pytest.fixture
def status_receiver() -> Iterator[SmsReceiver]:
    with sms_receiver(TOKEN) as receiver:
        yield receiver


def sms(
    provider: LocalSmsProvider,
    *,
    sender: str = "Gemeente",
    auth_token: str = TOKEN,
    timeout: float = 10.0,
) -> SmsProvider:
    return SmsProvider(SmsSettings(provider.url, ACCOUNT, auth_token, sender, timeout))


def test_an_sms_is_sent_and_the_provider_has_it(provider):
    with sms(provider) as client:
        sid = client.send("06-12 34 56 78", "Uw aanvraag is ontvangen.", reference="v-1")

    (sent,) = provider.wait_for(1)
    assert sid == sent.sid and sid.startswith("SM")
    assert (sent.to, sent.sender, sent.body) == (RESIDENT, "Gemeente", "Uw aanvraag is ontvangen.")
    assert sent.status_callback is None


def test_a_messaging_service_lets_the_provider_choose_the_number(provider):
    with sms(provider, sender=SERVICE) as client:
        client.send(RESIDENT, "Uw afspraak is morgen om 10:00.", reference="v-2")
    assert provider.wait_for(1)[0].sender == SERVICE


def test_a_number_that_is_no_phone_number_is_refused_for_good_without_asking(provider):
    with sms(provider) as client, pytest.raises(SmsError) as refused:
        client.send("0612", "Hallo", reference="v-3")
    assert refused.value.permanent and refused.value.kind == "rejected"
    assert provider.messages == []


def test_a_number_the_provider_cannot_text_is_refused_for_good(provider):
    with sms(provider) as client, pytest.raises(SmsError) as refused:
        client.send("020 123 4567", "Hallo", reference="v-4")
    assert refused.value.permanent
    assert (refused.value.status, refused.value.code) == (400, 21614)


def test_bad_credentials_are_no_reason_to_drop_the_message(provider):
    with sms(provider, auth_token="verlopen") as client, pytest.raises(SmsError) as refused:
        client.send(RESIDENT, "Hallo", reference="v-5")
    assert refused.value.kind == "configuration" and not refused.value.permanent
    assert (refused.value.status, refused.value.code) == (401, 20003)


def test_a_sender_that_is_not_ours_is_a_setting_to_fix_not_a_message_to_drop(provider):
    with sms(provider, sender="Oplichter") as client, pytest.raises(SmsError) as refused:
        client.send(RESIDENT, "Hallo", reference="v-5b")
    assert refused.value.kind == "configuration" and refused.value.code == 21606


@pytest.mark.parametrize("status", [500, 503, 429])
def test_a_provider_in_trouble_is_tried_again_later(provider, status):
    provider.failing = status
    with sms(provider) as client, pytest.raises(SmsError) as refused:
        client.send(RESIDENT, "Hallo", reference="v-6")
    assert refused.value.kind == "unavailable" and not refused.value.permanent
    assert refused.value.status == status


def test_a_provider_that_does_not_answer_in_time_is_tried_again_later(provider):
    provider.delay = 1.0
    with sms(provider, timeout=0.2) as client, pytest.raises(SmsError) as refused:
        client.send(RESIDENT, "Hallo", reference="v-7")
    assert not refused.value.permanent and refused.value.status is None


def test_a_provider_that_cannot_be_reached_is_tried_again_later():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings = SmsSettings(f"http://127.0.0.1:{port}", ACCOUNT, TOKEN, "Gemeente")
    with SmsProvider(settings) as client, pytest.raises(SmsError) as refused:
        client.send(RESIDENT, "Hallo", reference="v-8")
    assert refused.value.kind == "unavailable"


def test_delivery_reports_arrive_signed_with_the_reference(provider, status_receiver):
    with sms(provider) as client:
        sid = client.send(
            RESIDENT,
            "Uw vergunning is verleend.",
            reference="verzending 9/ä&x",
            status_callback=status_receiver.url,
        )

    sent, delivered = status_receiver.wait_for(2)
    assert [sent.status, delivered.status] == ["sent", "delivered"]
    assert delivered.message_id == sid and delivered.reference == "verzending 9/ä&x"
    assert delivered.final and delivered.delivered and not sent.final
    assert delivered.to == RESIDENT and delivered.error_code is None


def test_an_unreachable_handset_is_reported_undelivered(provider, status_receiver):
    with sms(provider) as client:
        client.send("+31611111111", "Hallo", reference="v-10", status_callback=status_receiver.url)

    _, undelivered = status_receiver.wait_for(2)
    assert undelivered.status == "undelivered" and undelivered.final
    assert undelivered.error_code == 30003 and not undelivered.delivered


def test_a_callback_not_signed_with_our_token_is_refused(provider):
    with sms_receiver("een ander token") as receiver, sms(provider) as client:
        client.send(RESIDENT, "Hallo", reference="v-11", status_callback=receiver.url)
        assert len(receiver.wait_for_refusals(2)) == 2
    assert receiver.items == []
    assert [c.answer for c in provider.wait_for_callbacks(2)] == [403, 403]


def test_a_tampered_callback_does_not_verify(provider, status_receiver):
    with sms(provider) as client:
        client.send(RESIDENT, "Hallo", reference="v-12", status_callback=status_receiver.url)
    callback = provider.wait_for_callbacks(2)[1]
    params = dict(callback.params)
    assert parse_status_callback(callback.url, params, callback.signature, TOKEN).delivered

    for changed in (
        {**params, "MessageStatus": "undelivered"},
        {**params, "To": "+31699999999"},
    ):
        with pytest.raises(CallbackError):
            parse_status_callback(callback.url, changed, callback.signature, TOKEN)
    with pytest.raises(CallbackError):  # another reference in the URL
        other = callback.url.replace("reference=v-12", "reference=v-13")
        parse_status_callback(other, params, callback.signature, TOKEN)
    with pytest.raises(CallbackError):
        parse_status_callback(callback.url, params, None, TOKEN)


def test_the_signature_is_twilios_scheme():
    # Twilio's documented example: the URL, then each parameter name and value by name.
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    params = {
        "CallSid": "CA1234567890ABCDE",
        "Caller": "+12349013030",
        "Digits": "1234",
        "From": "+12349013030",
        "To": "+18005551212",
    }
    assert twilio_signature(url, params, "12345") == "0/KCTR6DLpKmkAf8muzZqo1nDgQ="


def test_settings_come_from_the_environment_and_say_what_is_missing():
    settings = SmsSettings.from_env(
        {
            "KLANTBEELD_SMS_ACCOUNT_SID": ACCOUNT,
            "KLANTBEELD_SMS_AUTH_TOKEN": TOKEN,
            "KLANTBEELD_SMS_SENDER": "Gemeente",
            "KLANTBEELD_SMS_TIMEOUT": "4",
        }
    )
    assert settings.base_url == "https://api.twilio.com" and settings.timeout == 4.0
    with pytest.raises(ValueError, match="KLANTBEELD_SMS_AUTH_TOKEN"):
        SmsSettings.from_env({"KLANTBEELD_SMS_ACCOUNT_SID": ACCOUNT, "KLANTBEELD_SMS_SENDER": "X"})
    with pytest.raises(ValueError, match="afzender"):
        SmsSettings("https://api.twilio.com", ACCOUNT, TOKEN, "Gemeente Amsterdam")


# -- WhatsApp ----------------------------------------------------------------------------


@pytest.fixture
def webhooks() -> Iterator[WhatsAppReceiver]:
    with whatsapp_receiver(APP_SECRET, VERIFY_TOKEN) as receiver:
        yield receiver


@pytest.fixture
def gateway(webhooks) -> Iterator[LocalWhatsApp]:
    with whatsapp_gateway(
        token=ACCESS_TOKEN,
        app_secret=APP_SECRET,
        webhook_url=webhooks.url,
        verify_token=VERIFY_TOKEN,
    ) as local:
        local.not_on_whatsapp.add("31600000000")
        yield local
    assert local.violations == []


def client(gateway: LocalWhatsApp, token: str = ACCESS_TOKEN, **options) -> WhatsAppGateway:
    return WhatsAppGateway(gateway.url, gateway.phone_number_id, token, **options)


def resident_writes(gateway: LocalWhatsApp, text: str = "Hoe staat mijn aanvraag ervoor?") -> str:
    """A message from the resident, which opens the 24-hour window for answers."""
    delivery = gateway.send_inbound(text, from_number=RESIDENT, name="Fatima Yilmaz")
    assert delivery.answer == 200
    message_id: str = delivery.payload["entry"][0]["changes"][0]["value"]["messages"][0]["id"]
    return message_id


def test_an_inbound_message_arrives_as_a_typed_message(gateway, webhooks):
    moment = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
    gateway.send_inbound(
        "Wanneer hoor ik iets over mijn bezwaar? Groet, René",
        from_number=RESIDENT,
        name="René de Vries",
        message_id="wamid.test-1",
        timestamp=moment,
    )

    (message,) = webhooks.wait_for(1)
    assert message == InboundMessage(
        message_id="wamid.test-1",
        from_number="31612345678",
        profile_name="René de Vries",
        timestamp=moment,
        type="text",
        text="Wanneer hoor ik iets over mijn bezwaar? Groet, René",
        media_id=None,
        mime_type=None,
        filename=None,
        caption=None,
        reply_to=None,
        phone_number_id=gateway.phone_number_id,
    )


def test_a_document_from_a_resident_can_be_downloaded(gateway, webhooks):
    pdf = b"%PDF-1.7 bezwaarschrift"
    gateway.send_inbound(
        "Mijn bezwaarschrift",
        from_number=RESIDENT,
        name="Fatima Yilmaz",
        media=InboundMedia(pdf, "application/pdf", "bezwaar.pdf"),
    )

    (message,) = webhooks.wait_for(1)
    assert isinstance(message, InboundMessage)
    assert (message.type, message.filename, message.caption, message.text) == (
        "document",
        "bezwaar.pdf",
        "Mijn bezwaarschrift",
        None,
    )
    assert message.mime_type == "application/pdf" and message.media_id
    with client(gateway) as whatsapp:
        media = whatsapp.download_media(message.media_id)
    assert (media.content, media.mime_type) == (pdf, "application/pdf")


def test_a_webhook_with_a_wrong_signature_is_refused(webhooks):
    with whatsapp_gateway(
        token=ACCESS_TOKEN, app_secret="een ander geheim", webhook_url=webhooks.url
    ) as impostor:
        delivery = impostor.send_inbound("Klik hier", from_number=RESIDENT, name="X")
    assert delivery.answer == 401
    assert webhooks.refused == [delivery.body] and webhooks.items == []


def test_the_signature_covers_the_raw_body():
    body = b'{"object": "whatsapp_business_account", "entry": [], "x": "\\u00e9"}'
    header = "sha256=" + hmac.new(APP_SECRET.encode(), body, "sha256").hexdigest()
    assert verify_signature(body, header, APP_SECRET)
    # The same JSON, encoded again as UTF-8: other bytes, so not what Meta signed.
    again = json.dumps(json.loads(body), ensure_ascii=False).encode()
    assert not verify_signature(again, header, APP_SECRET)
    assert not verify_signature(body, header, "een ander geheim")
    assert not verify_signature(body, header.removeprefix("sha256="), APP_SECRET)
    assert not verify_signature(body, None, APP_SECRET)


def test_the_subscription_handshake(gateway):
    assert gateway.verify_webhook()
    assert not gateway.verify_webhook(verify_token="geraden")


def test_verification_response():
    asked = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158"}
    assert verification_response(asked, VERIFY_TOKEN) == "1158"
    assert verification_response({**asked, "hub.verify_token": "x"}, VERIFY_TOKEN) is None
    assert verification_response({**asked, "hub.mode": "unsubscribe"}, VERIFY_TOKEN) is None
    assert verification_response(asked, "") is None


def test_an_answer_is_sent_and_its_statuses_come_back(gateway, webhooks):
    question = resident_writes(gateway)
    with client(gateway) as whatsapp:
        wamid = whatsapp.send_text(RESIDENT, "Uw aanvraag is in behandeling.", reply_to=question)

    (sent,) = gateway.wait_for(1)
    assert sent.id == wamid and sent.to == "31612345678"
    assert sent.text == "Uw aanvraag is in behandeling."
    assert sent.request["context"] == {"message_id": question}
    statuses = [item for item in webhooks.wait_for(3) if isinstance(item, StatusUpdate)]
    assert [(s.message_id, s.status) for s in statuses] == [(wamid, "sent"), (wamid, "delivered")]
    assert statuses[1].recipient == "31612345678" and not statuses[1].failed


def test_a_document_is_uploaded_and_sent(gateway):
    resident_writes(gateway)
    pdf = b"%PDF-1.7 besluit"
    with client(gateway) as whatsapp:
        whatsapp.send_document(RESIDENT, pdf, filename="besluit.pdf", caption="Het besluit")

    (sent,) = gateway.wait_for(1)
    assert sent.type == "document"
    assert (sent.media["filename"], sent.media["caption"]) == ("besluit.pdf", "Het besluit")
    assert gateway.media[sent.media["id"]].content == pdf


def test_an_image_is_sent_by_link(gateway):
    resident_writes(gateway)
    with client(gateway) as whatsapp:
        whatsapp.send_image(RESIDENT, "https://gemeente.example.nl/kaart.png", caption="De kaart")
    (sent,) = gateway.wait_for(1)
    assert sent.type == "image"
    assert sent.media == {"link": "https://gemeente.example.nl/kaart.png", "caption": "De kaart"}


def test_an_answer_outside_the_service_window_is_reported_failed(gateway, webhooks):
    day_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=25)
    gateway.send_inbound("Hallo", from_number=RESIDENT, name="F", timestamp=day_ago)
    with client(gateway) as whatsapp:
        wamid = whatsapp.send_text(RESIDENT, "Excuses voor het late antwoord.")

    failed = webhooks.wait_for(2)[1]
    assert isinstance(failed, StatusUpdate) and failed.message_id == wamid and failed.failed
    assert failed.error_code == 131047 and failed.error_title == "Re-engagement message"


def test_a_number_not_on_whatsapp_is_reported_failed(gateway, webhooks):
    with client(gateway) as whatsapp:
        whatsapp.send_text("+31600000000", "Hallo")
    (failed,) = webhooks.wait_for(1)
    assert isinstance(failed, StatusUpdate) and failed.error_code == 131026


def test_a_bad_number_is_refused_for_good(gateway):
    with client(gateway) as whatsapp:
        with pytest.raises(GatewayError) as refused:
            whatsapp.send_text("3161234", "Hallo")  # too short for a wa_id: Meta says no
        assert refused.value.permanent and (refused.value.status, refused.value.code) == (400, 100)
        with pytest.raises(GatewayError) as refused:
            whatsapp.send_text("bel me", "Hallo")  # not even asked
        assert refused.value.permanent and refused.value.status is None
    assert gateway.messages == []


def test_a_bad_token_is_no_reason_to_drop_the_message(gateway):
    with client(gateway, token="verlopen") as whatsapp, pytest.raises(GatewayError) as refused:
        whatsapp.send_text(RESIDENT, "Hallo")
    assert refused.value.kind == "configuration" and not refused.value.permanent
    assert (refused.value.status, refused.value.code) == (401, 190)


def test_a_phone_number_id_that_is_not_ours_is_a_setting_to_fix(gateway):
    whatsapp = WhatsAppGateway(gateway.url, "999", ACCESS_TOKEN)
    with whatsapp, pytest.raises(GatewayError) as refused:
        whatsapp.send_text(RESIDENT, "Hallo")
    assert refused.value.kind == "configuration" and refused.value.code == 100


def test_the_gateway_comes_from_the_environment():
    whatsapp = WhatsAppGateway.from_env(
        {"KLANTBEELD_WHATSAPP_PHONE_NUMBER_ID": "1065", "KLANTBEELD_WHATSAPP_TOKEN": "t"}
    )
    assert (whatsapp.base_url, whatsapp.version) == ("https://graph.facebook.com", "v23.0")
    with pytest.raises(ValueError, match="KLANTBEELD_WHATSAPP_TOKEN"):
        WhatsAppGateway.from_env({"KLANTBEELD_WHATSAPP_PHONE_NUMBER_ID": "1065"})


def test_a_gateway_in_trouble_is_tried_again_later(gateway):
    gateway.failing = True
    with client(gateway) as whatsapp, pytest.raises(GatewayError) as refused:
        whatsapp.send_text(RESIDENT, "Hallo")
    assert refused.value.kind == "unavailable" and refused.value.code == 2


def test_a_gateway_that_does_not_answer_in_time_is_tried_again_later(gateway):
    gateway.delay = 1.0
    with client(gateway, timeout=0.2) as whatsapp, pytest.raises(GatewayError) as refused:
        whatsapp.send_text(RESIDENT, "Hallo")
    assert not refused.value.permanent and refused.value.status is None


def test_changes_the_parser_does_not_know_are_passed_over():
    payload = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "1",
                "changes": [
                    {"field": "account_alerts", "value": {"alert": "x"}},
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": "3120", "phone_number_id": "9"},
                            "contacts": [{"profile": {"name": "A"}, "wa_id": "316"}],
                            "messages": [
                                {
                                    "from": "316",
                                    "id": "wamid.1",
                                    "timestamp": "1750000000",
                                    "type": "location",
                                    "location": {"latitude": 52.37, "longitude": 4.89},
                                    "nieuw_veld": True,
                                }
                            ],
                        },
                    },
                ],
            }
        ],
    }
    (message,) = parse_webhook(payload)
    assert isinstance(message, InboundMessage)
    assert (message.type, message.text, message.profile_name) == ("location", None, "A")
