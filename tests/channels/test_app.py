"""App messages (C9853) through the messaging gateway's stand-in (the WhatsApp Cloud API
over real HTTP): its signed webhooks are posted to Klantbeeld's live server, the worker
groups them into conversation units, each registered as one klantcontact (checked
through the Klantinteracties API), files stored in the Documenten API stand-in, and the
employee's answer sent back through the gateway within WhatsApp's 24-hour window."""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from django.utils import timezone

from klantbeeld.channels.app import gesprekken
from klantbeeld.channels.app.gesprekken import berichten_van, gesprek_van, sluit_gesprek
from klantbeeld.channels.app.models import (
    Appbericht,
    Appgesprek,
    Berichtstatus,
    Richting,
    Sluitreden,
    Webhookbericht,
)
from klantbeeld.channels.app.versturen import REDEN_BUITEN_VENSTER, stel_op
from klantbeeld.domain.models import Actor, Klantcontact, Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.intake import Contactadres, Deelnemer
from klantbeeld.domain.services.klantcontacten import delete_klantcontact
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.domain.services.zaken import Bestand
from klantbeeld.events.models import OutboxMessage
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from standins.whatsapp import InboundMedia, LocalWhatsApp, whatsapp_gateway
from standins.zgw import LocalZgw
from tests.domain.test_opvolging import BY, actor
from tests.integrations.conftest import drain, zgw  # noqa: F401

APP_SECRET = "meta-app-secret-van-de-gemeente"
VERIFY_TOKEN = "klantbeeld-verify-token"
ACCESS_TOKEN = "EAAGm0PX4ZCpsBA-toegang"
INWONER = "31612345678"  # a wa_id: the number without +
NAAM = "Fatima El Amrani"
KCC = "Klantcontactcentrum"
EXPAND = "hadBetrokkenen.digitaleAdressen,leiddeTotInterneTaken,omvatteBijlagen"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@dataclass
class App:
    gateway: LocalWhatsApp
    zgw: LocalZgw
    team: Actor
    webhook: str  # Klantbeeld's webhook URL

    def stuur(self, tekst: str | None, op: datetime.datetime | None = None, **kwargs: Any):
        """A message from the resident, posted as Meta posts it; Klantbeeld answers 200."""
        kwargs.setdefault("from_number", INWONER)
        kwargs.setdefault("name", NAAM)
        delivery = self.gateway.send_inbound(tekst, timestamp=op, **kwargs)
        assert delivery.answer == 200, delivery.error
        return delivery

    def statussen_beantwoord(self, aantal: int) -> None:
        """Wait until the gateway posted ``aantal`` webhooks in all and each was answered."""
        self.gateway.post_reports()
        self.gateway.wait_until(
            lambda: (
                len(self.gateway.webhooks) >= aantal
                and all(w.answer is not None or w.error for w in self.gateway.webhooks)
            )
        )
        assert [w.answer for w in self.gateway.webhooks] == [200] * len(self.gateway.webhooks)


@pytest.fixture
def app(settings, live_server, zgw: LocalZgw) -> Iterator[App]:  # noqa: F811
    team = actor(KCC, "organisatorische_eenheid")
    webhook = f"{live_server.url}/kanalen/whatsapp/webhook"
    with whatsapp_gateway(
        token=ACCESS_TOKEN,
        app_secret=APP_SECRET,
        webhook_url=webhook,
        verify_token=VERIFY_TOKEN,
        # Klantbeeld runs in this process: on SQLite its threads share the test's database
        # connection, so statuses are posted when the test asks (statussen_beantwoord).
        automatic_reports=False,
    ) as gateway:
        settings.KLANTBEELD_BASE_URL = live_server.url
        settings.KLANTBEELD_WHATSAPP_URL = gateway.url
        settings.KLANTBEELD_WHATSAPP_PHONE_NUMBER_ID = gateway.phone_number_id
        settings.KLANTBEELD_WHATSAPP_TOKEN = ACCESS_TOKEN
        settings.KLANTBEELD_WHATSAPP_APP_SECRET = APP_SECRET
        settings.KLANTBEELD_WHATSAPP_VERIFY_TOKEN = VERIFY_TOKEN
        settings.KLANTBEELD_APP_TEAM = KCC
        settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = zgw.objects("informatieobjecttypen")[0][
            "url"
        ]
        yield App(gateway, zgw, team, webhook)
    assert gateway.violations == []


def moment(**ago: float) -> datetime.datetime:
    """A time in the past, to the second (as the gateway gives it)."""
    return (timezone.now() - datetime.timedelta(**ago)).replace(microsecond=0)


def app_contacten(ki) -> list[dict[str, Any]]:
    results = ki.get("klantcontacten", {"expand": EXPAND, "pageSize": 100}).json()["results"]
    return sorted((c for c in results if c["kanaal"] == "app"), key=lambda c: c["plaatsgevondenOp"])


def api_tijd(waarde: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(waarde.replace("Z", "+00:00"))


# -- taking messages in -------------------------------------------------------------------


def test_c9853_three_messages_are_one_conversation_and_one_klantcontact(app, ki):
    begin = moment(minutes=10)
    app.stuur("Goedemiddag, mijn groene container is niet geleegd.", begin)
    app.stuur("Het is de tweede week op rij.", begin + datetime.timedelta(minutes=2))
    app.stuur("Dorpsstraat 12, Voorbeeld.", begin + datetime.timedelta(minutes=5))
    assert not Klantcontact.objects.exists()  # stored, for the worker
    drain()

    [contact] = app_contacten(ki)
    assert contact["onderwerp"] == "Goedemiddag, mijn groene container is niet geleegd."
    assert contact["inhoud"].splitlines() == [
        f"[{timezone.localtime(begin + datetime.timedelta(minutes=m)):%d-%m-%Y %H:%M}] {tekst}"
        for m, tekst in (
            (0, "Goedemiddag, mijn groene container is niet geleegd."),
            (2, "Het is de tweede week op rij."),
            (5, "Dorpsstraat 12, Voorbeeld."),
        )
    ]
    # VNG: at the last message; the first one's time in the metadata (cases.md C9853).
    assert api_tijd(contact["plaatsgevondenOp"]) == begin + datetime.timedelta(minutes=5)
    assert api_tijd(contact["metadata"]["eersteBerichtOp"]) == begin
    assert contact["indicatieContactGelukt"] is True

    [betrokkene] = contact["_expand"]["hadBetrokkenen"]
    assert betrokkene["wasPartij"] is None and betrokkene["initiator"] is True
    assert betrokkene["contactnaam"]["achternaam"] == NAAM
    [adres] = betrokkene["_expand"]["digitaleAdressen"]
    assert (adres["soortDigitaalAdres"], adres["adres"], adres["omschrijving"]) == (
        "telefoonnummer",
        f"+{INWONER}",
        "app",
    )
    [taak] = contact["_expand"]["leiddeTotInterneTaken"]
    assert taak["status"] == "te_verwerken"
    assert taak["gevraagdeHandeling"] == "Lezen en bepalen benodigde actie"
    assert [a["uuid"] for a in taak["toegewezenAanActoren"]] == [str(app.team.uuid)]

    kc = Klantcontact.objects.get()
    [gateway_actor] = kc.actoren.all()
    assert (gateway_actor.naam, gateway_actor.soort_actor) == (
        "App-gateway",
        "geautomatiseerde_actor",
    )
    gesprek = Appgesprek.objects.get()
    assert gesprek.open and gesprek.klantcontact == kc and gesprek.profielnaam == NAAM
    assert [b.tekst for b in berichten_van(gesprek)] == [
        "Goedemiddag, mijn groene container is niet geleegd.",
        "Het is de tweede week op rij.",
        "Dorpsstraat 12, Voorbeeld.",
    ]
    # The processed webhook items keep their keys (for R14), not the personal data.
    assert all(rij.gegevens == {} for rij in Webhookbericht.objects.all())


def test_the_same_webhook_delivered_twice_changes_nothing(app, ki):
    eerste = app.stuur("Wanneer wordt het grofvuil opgehaald?", moment(minutes=3))
    app.stuur("Het gaat om een bank.", moment(minutes=1))
    drain()
    voor = (app_contacten(ki), Appbericht.objects.count(), OutboxMessage.objects.count())

    again = httpx.post(
        eerste.url,
        content=eerste.body,
        headers={"Content-Type": "application/json", "X-Hub-Signature-256": eerste.signature},
    )
    assert again.status_code == 200  # Meta stops sending it
    drain()
    assert (app_contacten(ki), Appbericht.objects.count(), OutboxMessage.objects.count()) == voor


def test_a_webhook_not_signed_with_the_app_secret_is_refused_and_nothing_is_kept(app):
    echt = app.stuur("Hallo", moment(minutes=1))
    Webhookbericht.objects.all().delete()
    OutboxMessage.objects.all().delete()
    anders = hmac.new(b"een-ander-geheim", echt.body, hashlib.sha256).hexdigest()
    for handtekening in (f"sha256={anders}", "", echt.signature.replace("sha256=", "sha1=")):
        answer = httpx.post(
            app.webhook,
            content=echt.body,
            headers={"Content-Type": "application/json", "X-Hub-Signature-256": handtekening},
        )
        assert answer.status_code == 403
    # The signature covers the exact bytes.
    answer = httpx.post(
        app.webhook,
        content=echt.body.replace(b"Hallo", b"Hallo!"),
        headers={"Content-Type": "application/json", "X-Hub-Signature-256": echt.signature},
    )
    assert answer.status_code == 403
    assert not Webhookbericht.objects.exists() and not OutboxMessage.objects.exists()


def test_the_subscription_handshake_needs_our_verify_token(app):
    assert app.gateway.verify_webhook()
    assert not app.gateway.verify_webhook(verify_token="niet-de-onze")


def test_a_photo_is_stored_in_the_documenten_api_and_attached_to_the_contact(app, ki):
    app.stuur(
        "Zo ligt het erbij.",
        moment(minutes=1),
        media=InboundMedia(PNG, "image/png", kind="image"),
    )
    drain()
    [eio] = app.zgw.objects("enkelvoudiginformatieobjecten")
    assert app.zgw.content_of(eio) == PNG
    assert eio["formaat"] == "image/png" and eio["bestandsnaam"].endswith(".png")
    [contact] = app_contacten(ki)
    [bijlage] = contact["_expand"]["omvatteBijlagen"]
    assert bijlage["bijlageidentificator"]["objectId"] == eio["url"].rstrip("/").rsplit("/", 1)[1]
    assert contact["inhoud"].endswith("(foto) Zo ligt het erbij.")
    bericht = Appbericht.objects.get()
    assert str(bericht.document) == bijlage["bijlageidentificator"]["objectId"]
    assert bericht.bestandsnaam == eio["bestandsnaam"]


def test_a_file_that_cannot_be_stored_yet_holds_up_nothing_and_follows_later(app, ki, settings):
    iot = settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = ""  # no document type: refused
    app.stuur(
        "De brief van de belastingen.",
        moment(minutes=2),
        media=InboundMedia(b"%PDF-1.4 aanslag", "application/pdf", "aanslag.pdf"),
    )
    app.stuur("Klopt dit bedrag?", moment(minutes=1))
    drain()
    [contact] = app_contacten(ki)  # both messages registered meanwhile
    assert "(document: aanslag.pdf) De brief" in contact["inhoud"]
    assert "Klopt dit bedrag?" in contact["inhoud"]
    wacht = OutboxMessage.objects.get(destination="app:bestand")
    assert wacht.status == "pending" and "KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE" in (
        wacht.last_error
    )

    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = iot
    OutboxMessage.objects.filter(pk=wacht.pk).update(next_attempt_at=timezone.now())
    drain()
    [eio] = app.zgw.objects("enkelvoudiginformatieobjecten")
    assert app.zgw.content_of(eio) == b"%PDF-1.4 aanslag"
    assert eio["bestandsnaam"] == "aanslag.pdf"
    [contact] = app_contacten(ki)
    assert len(contact["_expand"]["omvatteBijlagen"]) == 1


def test_a_message_after_24_hours_of_silence_starts_a_second_conversation(app, ki):
    app.stuur("Is het zwembad open met Pasen?", moment(hours=30))
    app.stuur("En mijn container is weer niet geleegd.", moment(minutes=1))
    drain()
    eerste, tweede = app_contacten(ki)
    assert "zwembad" in eerste["inhoud"] and "zwembad" not in tweede["inhoud"]
    assert "container" in tweede["inhoud"]
    assert eerste["uuid"] != tweede["uuid"]
    oud, nieuw = Appgesprek.objects.order_by("eerste_bericht_op")
    assert (oud.open, oud.sluitreden, nieuw.open) == (False, Sluitreden.STILTE, True)
    assert all(len(c["_expand"]["leiddeTotInterneTaken"]) == 1 for c in (eerste, tweede))


def test_the_worker_closes_a_conversation_quiet_for_24_hours(app):
    app.stuur("Mag ik een dakkapel plaatsen zonder vergunning?", moment(hours=25))
    app.stuur("Het gaat om de achterkant.", moment(hours=24, minutes=50))
    drain()  # the unit's check is due: it has been quiet for a day
    gesprek = Appgesprek.objects.get()
    assert not gesprek.open and gesprek.sluitreden == Sluitreden.STILTE
    assert gesprek.verslag_document is None  # the transcript fits in the contact


def test_closing_keeps_a_long_transcript_whole_as_a_document(app, ki):
    begin = moment(minutes=30)
    klacht = "de stoep ligt hier al weken open en niemand doet iets. " * 8
    delen = [f"Deel {n}: {klacht}" for n in range(3)]
    for n, deel in enumerate(delen):
        app.stuur(deel, begin + datetime.timedelta(minutes=n))
    drain()
    [contact] = app_contacten(ki)
    assert 990 < len(contact["inhoud"]) <= 1000 and contact["inhoud"].endswith("…")
    assert app.zgw.objects("enkelvoudiginformatieobjecten") == []  # not before closing

    medewerker = actor("Sanne de Vries")
    gesprek = sluit_gesprek(Appgesprek.objects.get(), medewerker, BY)
    assert not gesprek.open and gesprek.sluitreden == Sluitreden.MEDEWERKER
    assert gesprek.gesloten_door == medewerker
    drain()  # the worker stores the transcript
    gesprek.refresh_from_db()
    [eio] = app.zgw.objects("enkelvoudiginformatieobjecten")
    verslag = app.zgw.content_of(eio).decode("utf-8")
    assert verslag == gesprekken.transcript(gesprek)
    assert all(deel.strip() in verslag for deel in delen)
    [contact] = app_contacten(ki)
    [bijlage] = contact["_expand"]["omvatteBijlagen"]
    assert bijlage["bijlageidentificator"]["objectId"] == str(gesprek.verslag_document)
    assert sluit_gesprek(gesprek, medewerker, BY).gesloten_op == gesprek.gesloten_op  # once

    # A message after closing starts a new unit and contact.
    app.stuur("Nog een vraag: wanneer komt de veegwagen?", moment(minutes=1))
    drain()
    assert len(app_contacten(ki)) == 2 and Appgesprek.objects.filter(gesloten_op=None).count() == 1


def test_deleting_the_contact_takes_its_conversation_with_it(app):
    """Retention: the messages live on the contact's conversation, not beside it."""
    app.stuur("Mijn adres is veranderd.", moment(minutes=1))
    drain()
    delete_klantcontact(Klantcontact.objects.get(), BY)
    assert not Appgesprek.objects.exists() and not Appbericht.objects.exists()
    assert Webhookbericht.objects.get().gegevens == {}


# -- answering ----------------------------------------------------------------------------


def antwoord(gesprek: Appgesprek, tekst: str = "We komen morgen de container legen.") -> Verzending:
    """The employee answers by app (the workspace's call, C9708)."""
    with ZgwZakenregister(by=BY) as register:
        verzending = verstuur(
            Bericht(kanaal="app", adres=gesprek.telefoonnummer, onderwerp="Uw vraag", tekst=tekst),
            ontvanger=Deelnemer(
                achternaam=gesprek.profielnaam,
                initiator=False,
                adressen=[Contactadres("telefoonnummer", gesprek.telefoonnummer, "app")],
            ),
            actor=actor("Sanne de Vries"),
            by=BY,
            register=register,
            vervolg_op=gesprek.klantcontact,
        )
    assert verzending is not None
    return verzending


def test_c9708_the_answer_goes_back_through_the_gateway_and_into_the_thread(app):
    app.stuur("Mijn container is niet geleegd.", moment(minutes=5))
    drain()
    gesprek = Appgesprek.objects.get()
    assert gesprekken.kan_beantwoorden(gesprek)
    verzending = antwoord(gesprek)
    assert app.gateway.messages == []  # after commit, by the worker
    drain()

    [verstuurd] = app.gateway.wait_for(1)
    assert (verstuurd.to, verstuurd.text) == (INWONER, "We komen morgen de container legen.")
    verzending.refresh_from_db()
    assert (verzending.status, verzending.bericht_id) == (Verzendstatus.VERSTUURD, verstuurd.id)
    uit = Appbericht.objects.get(richting=Richting.UIT)
    assert (uit.gesprek, uit.wamid, uit.verzending) == (gesprek, verstuurd.id, verzending)

    app.statussen_beantwoord(3)  # the message, then sent and delivered
    drain()
    verzending.refresh_from_db()
    uit.refresh_from_db()
    assert verzending.status == Verzendstatus.AFGELEVERD
    assert uit.status == Berichtstatus.AFGELEVERD
    assert app.gateway.send_status(verstuurd.id, "read").answer == 200
    drain()
    uit.refresh_from_db()
    assert uit.status == Berichtstatus.GELEZEN

    assert verzending.klantcontact is not None
    assert gesprek_van(verzending.klantcontact) == gesprek
    draad = berichten_van(gesprek)
    assert [(b.richting, b.door) for b in draad] == [("in", NAAM), ("uit", "Sanne de Vries")]
    assert draad[1].status_weergave == "Gelezen"


def test_an_answer_outside_the_24_hour_window_is_refused_and_the_contact_not_reached(app):
    app.stuur("Kunt u mij terugbellen over de bijstand?", moment(hours=25))
    drain()
    gesprek = Appgesprek.objects.get()
    assert not gesprekken.kan_beantwoorden(gesprek)
    verzending = antwoord(gesprek)
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.MISLUKT
    assert verzending.fout == REDEN_BUITEN_VENSTER and "ander kanaal" in verzending.fout
    assert verzending.klantcontact is not None
    assert verzending.klantcontact.indicatie_contact_gelukt is False
    assert app.gateway.messages == []  # never offered to the gateway
    [geweigerd] = [b for b in berichten_van(gesprek) if b.richting == "uit"]
    assert (geweigerd.status, geweigerd.fout) == (Berichtstatus.MISLUKT, REDEN_BUITEN_VENSTER)


def test_the_gateways_own_window_refusal_marks_the_contact_not_reached(app):
    """Meta's clock decides: our record says the window is open, the gateway's says not
    (131047, reported by status webhook)."""
    app.stuur("Hoe vraag ik een parkeervergunning aan?", moment(minutes=2))
    drain()
    app.gateway.last_inbound.clear()
    verzending = antwoord(Appgesprek.objects.get())
    drain()
    app.statussen_beantwoord(2)  # the message, then failed
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.MISLUKT and verzending.fout == REDEN_BUITEN_VENSTER
    assert verzending.klantcontact is not None
    assert verzending.klantcontact.indicatie_contact_gelukt is False
    assert Appbericht.objects.get(richting=Richting.UIT).status == Berichtstatus.MISLUKT


def test_app_answers_are_offered_only_while_the_gateway_is_set_up(settings):
    assert not verzenden.kan_versturen("app")
    settings.KLANTBEELD_WHATSAPP_PHONE_NUMBER_ID = "106540352242922"
    settings.KLANTBEELD_WHATSAPP_TOKEN = ACCESS_TOKEN
    assert verzenden.kan_versturen("app")


@pytest.mark.parametrize(
    ("bericht", "fout"),
    [
        (Bericht(kanaal="app", adres="bel me", onderwerp="o", tekst="t"), "geen telefoonnummer"),
        (Bericht(kanaal="app", adres=INWONER, onderwerp="o", tekst=" "), "zonder tekst"),
        (Bericht(kanaal="app", adres=INWONER, onderwerp="o", tekst="x" * 4097), "hoogstens 4096"),
        (
            Bericht(
                kanaal="app",
                adres=INWONER,
                onderwerp="o",
                tekst="t",
                bijlagen=[Bestand("brief.pdf", b"%PDF", "application/pdf")],
            ),
            "bijlagen",
        ),
    ],
)
def test_what_cannot_go_by_app_is_refused_before_anything_is_registered(bericht, fout):
    with pytest.raises(ValueError, match=fout):
        stel_op(bericht)


def test_handling_the_conversations_task_closes_the_conversation(app, ki):
    """An employee done with the task (answered, or closed in the workspace or through
    the API) is done with the conversation: the resident's next message starts anew."""
    app.stuur("Waar haal ik een parkeervergunning?", moment(minutes=5))
    drain()
    gesprek = Appgesprek.objects.get()
    [contact] = app_contacten(ki)
    [taak] = contact["_expand"]["leiddeTotInterneTaken"]
    response = ki.patch(f"internetaken/{taak['uuid']}", {"status": "verwerkt"})
    assert response.status_code == 200, response
    gesprek.refresh_from_db()
    assert not gesprek.open and gesprek.sluitreden == Sluitreden.MEDEWERKER
    app.stuur("En voor een tweede auto?", moment(minutes=1))
    drain()
    assert len(app_contacten(ki)) == 2
