"""Social media (Mastodon) through the local Mastodon over real HTTP: mentions and direct
messages read into klantcontacten with a task (checked through the Klantinteracties API),
read once whatever happens, a thread kept one conversation, answers posted through the
outbox (again after the server was away), and public answers with personal data refused."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.utils import timezone

from klantbeeld.channels.sociaal import lezer
from klantbeeld.channels.sociaal.lezen import lees
from klantbeeld.channels.sociaal.models import Richting, Sociaalaccount, Sociaalbericht
from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact, Onderwerpobject, Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services import opvolging, verzenden
from klantbeeld.domain.services.intake import Contactadres, Deelnemer
from klantbeeld.domain.services.openbaar import OpenbaarMetPersoonsgegevens
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.events.models import OutboxMessage
from standins.mastodon import LocalMastodon, local_mastodon
from tests.domain.test_opvolging import BY, actor
from tests.integrations.conftest import drain

TOKEN = "mastodon-toegangstoken-van-de-gemeente"
TOKEN_ENV = "KLANTBEELD_TEST_MASTODON_TOKEN"
INWONER = "fatima@social.example"
KANAAL = "sociale media"
EXPAND = "hadBetrokkenen.digitaleAdressen,leiddeTotInterneTaken"

pytestmark = pytest.mark.django_db


@dataclass
class Opzet:
    mastodon: LocalMastodon
    account: Sociaalaccount
    team: Actor

    def lees(self) -> int:
        with httpx.Client() as http:
            return lees(Sociaalaccount.objects.get(pk=self.account.pk), http)


@pytest.fixture
def opzet(monkeypatch) -> Iterator[Opzet]:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    team = actor("Klantcontactcentrum", "organisatorische_eenheid")
    with local_mastodon("gemeente", TOKEN) as mastodon:
        account = Sociaalaccount.objects.create(
            naam="Mastodon", server=mastodon.url, account=mastodon.handle, token_env=TOKEN_ENV,
            team=team,
        )  # fmt: skip
        yield Opzet(mastodon, account, team)
        assert mastodon.violations == []


def contacten(ki) -> list[dict[str, Any]]:
    antwoord = ki.get("klantcontacten", {"kanaal": KANAAL, "expand": EXPAND, "pageSize": 100})
    assert antwoord.status_code == 200
    return sorted(antwoord.json()["results"], key=lambda c: c["plaatsgevondenOp"])


def antwoord(kc: Klantcontact, tekst: str, *, openbaar: bool) -> Verzending | None:
    bericht = Sociaalbericht.objects.get(klantcontact=kc, richting=Richting.IN)
    return verstuur(
        Bericht(
            kanaal=KANAAL,
            adres=f"@{bericht.auteur}",
            onderwerp=f"Re: {kc.onderwerp}",
            tekst=tekst,
            antwoord_op_bericht_id=bericht.post_id,
            afzender=bericht.account.account,
            openbaar=openbaar,
        ),
        ontvanger=Deelnemer(
            initiator=False,
            achternaam="Fatima",
            adressen=[Contactadres("overig", f"@{bericht.auteur}", "Mastodon")],
        ),
        actor=actor("Sanne de Vries"),
        by=BY,
        vervolg_op=kc,
    )


# -- reading --------------------------------------------------------------------------------


def test_a_direct_message_becomes_a_klantcontact_with_a_task_for_the_team(opzet, ki):
    opzet.mastodon.post(
        INWONER, "Mijn container is niet geleegd.\nGraag snel.", naam="Fatima",
        zichtbaarheid="direct",
    )  # fmt: skip
    assert opzet.lees() == 1

    [contact] = contacten(ki)
    assert contact["onderwerp"] == "Mijn container is niet geleegd."
    assert contact["inhoud"] == "@gemeente Mijn container is niet geleegd.\nGraag snel."
    assert contact["metadata"]["zichtbaarheid"] == "direct"
    assert contact["metadata"]["sociaalAccount"] == opzet.mastodon.handle
    [betrokkene] = contact["_expand"]["hadBetrokkenen"]
    assert betrokkene["wasPartij"] is None  # a handle proves no identity
    assert betrokkene["initiator"] is True
    assert betrokkene["contactnaam"]["achternaam"] == "Fatima"
    [adres] = betrokkene["_expand"]["digitaleAdressen"]
    assert (adres["soortDigitaalAdres"], adres["adres"], adres["omschrijving"]) == (
        "overig", f"@{INWONER}", "Mastodon",
    )  # fmt: skip
    [taak] = contact["_expand"]["leiddeTotInterneTaken"]
    assert taak["gevraagdeHandeling"] == "Lezen en bepalen benodigde actie"
    assert taak["status"] == "te_verwerken"
    assert list(opvolging.toegewezenen(InterneTaak.objects.get(uuid=taak["uuid"]))) == [opzet.team]
    kc = Klantcontact.objects.get(uuid=contact["uuid"])
    assert [a.naam for a in kc.actoren.all()] == ["Sociale-mediakoppeling"]


def test_a_public_mention_is_marked_public(opzet, ki):
    opzet.mastodon.post(INWONER, "Wanneer is het milieupark open?", zichtbaarheid="public")
    opzet.lees()
    [contact] = contacten(ki)
    assert contact["metadata"]["zichtbaarheid"] == "openbaar"
    assert contact["metadata"]["url"].endswith(contact["metadata"]["bronBerichtId"])


def test_reading_again_registers_nothing_twice_and_the_cursor_is_kept(opzet, ki):
    opzet.mastodon.post(INWONER, "Eerste vraag", zichtbaarheid="direct")
    opzet.mastodon.post(INWONER, "Tweede vraag", zichtbaarheid="direct")
    assert opzet.lees() == 2
    cursor = Sociaalaccount.objects.get(pk=opzet.account.pk).cursor
    assert cursor == opzet.mastodon.meldingen[-1].id

    assert opzet.lees() == 0
    # As after a restart with a lost cursor: everything is read again, nothing registered.
    Sociaalaccount.objects.filter(pk=opzet.account.pk).update(cursor="")
    assert opzet.lees() == 0
    assert len(contacten(ki)) == 2

    opzet.mastodon.post(INWONER, "Derde vraag", zichtbaarheid="direct")
    opzet.mastodon.requests.clear()
    assert opzet.lees() == 1
    eerste = parse_qs(urlsplit(opzet.mastodon.requests[0][1]).query)
    assert eerste["min_id"] == [opzet.mastodon.meldingen[1].id]
    assert eerste["types[]"] == ["mention"]


def test_more_than_a_page_is_read_in_pages_oldest_first(opzet, ki):
    for n in range(45):
        opzet.mastodon.post(INWONER, f"Bericht {n}", zichtbaarheid="direct")
    Sociaalaccount.objects.filter(pk=opzet.account.pk).update(cursor="0")
    assert opzet.lees() == 45
    assert len(contacten(ki)) == 45
    geregistreerd = Klantcontact.objects.filter(kanaal=KANAAL).order_by("pk")
    assert [kc.onderwerp for kc in geregistreerd] == [f"Bericht {n}" for n in range(45)]


def test_a_reply_in_the_thread_follows_the_answer_it_replies_to(opzet):
    opzet.mastodon.post(INWONER, "Lantaarnpaal kapot bij het station", zichtbaarheid="public")
    opzet.lees()
    eerste = Klantcontact.objects.get(kanaal=KANAAL)
    verzending = antwoord(eerste, "Dank u, we sturen iemand langs.", openbaar=True)
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.VERSTUURD
    [geplaatst] = opzet.mastodon.geplaatst()
    assert geplaatst["visibility"] == "public"
    assert geplaatst["in_reply_to_id"] == eerste.metadata["bronBerichtId"]
    assert geplaatst["content"].startswith(f"<p>@{INWONER} Dank u")

    opzet.mastodon.post(INWONER, "Hij doet het weer!", antwoord_op=geplaatst["id"])
    assert opzet.lees() == 1
    reactie = (
        Klantcontact.objects.filter(kanaal=KANAAL)
        .exclude(pk__in=[eerste.pk, verzending.klantcontact.pk])
        .get()
    )
    assert Onderwerpobject.objects.filter(
        klantcontact=reactie, was_klantcontact=verzending.klantcontact
    ).exists()


def test_the_reader_looks_after_the_interval_and_shows_a_refused_token(opzet, monkeypatch):
    opzet.mastodon.post(INWONER, "Hallo", zichtbaarheid="direct")
    with httpx.Client() as http:
        assert lezer.ronde(http) == 1
        opzet.mastodon.post(INWONER, "Nog een", zichtbaarheid="direct")
        assert lezer.ronde(http) == 0  # within its interval
        later = timezone.now() + datetime.timedelta(seconds=61)
        monkeypatch.setenv(TOKEN_ENV, "fout-token")
        assert lezer.ronde(http, later) == 0
        account = Sociaalaccount.objects.get(pk=opzet.account.pk)
        assert "401" in account.fout and "access token is invalid" in account.fout
        monkeypatch.setenv(TOKEN_ENV, TOKEN)
        assert lezer.ronde(http, later + datetime.timedelta(seconds=61)) == 1
    assert Sociaalaccount.objects.get(pk=opzet.account.pk).fout == ""


# -- answering ------------------------------------------------------------------------------


def test_a_direct_answer_goes_out_through_the_outbox_again_after_the_server_was_away(opzet):
    opzet.mastodon.post(INWONER, "Wanneer komt mijn paspoort?", zichtbaarheid="direct")
    opzet.lees()
    kc = Klantcontact.objects.get(kanaal=KANAAL)
    opzet.mastodon.failing = 503
    verzending = antwoord(kc, "Uw paspoort ligt klaar, BSN 123456782.", openbaar=False)
    assert verzending is not None and verzending.klantcontact is not None
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.TE_VERSTUREN
    [bericht] = OutboxMessage.objects.filter(destination="verzending:sociale media")
    assert "503" in bericht.last_error and bericht.attempts == 1

    opzet.mastodon.failing = None
    OutboxMessage.objects.filter(pk=bericht.pk).update(next_attempt_at=timezone.now())
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.VERSTUURD
    [geplaatst] = opzet.mastodon.geplaatst()
    assert geplaatst["visibility"] == "direct"  # a BSN is fine in a direct message
    assert verzending.bericht_id == geplaatst["id"]
    assert [m["acct"] for m in geplaatst["mentions"]] == [INWONER]
    # R9: the answer is a klantcontact following the resident's.
    assert verzending.klantcontact.kanaal == KANAAL
    assert Onderwerpobject.objects.filter(
        klantcontact=verzending.klantcontact, was_klantcontact=kc
    ).exists()


def test_a_public_answer_with_personal_data_is_refused_and_nothing_registered(opzet):
    opzet.mastodon.post(INWONER, "Klopt mijn adres?", zichtbaarheid="public")
    opzet.lees()
    kc = Klantcontact.objects.get(kanaal=KANAAL)
    with pytest.raises(OpenbaarMetPersoonsgegevens, match="burgerservicenummer"):
        antwoord(kc, "Uw BSN 123456782 staat goed.", openbaar=True)
    with pytest.raises(OpenbaarMetPersoonsgegevens, match="postcode en huisnummer"):
        antwoord(kc, "U woont op 1234 AB 12.", openbaar=True)
    assert not Verzending.objects.exists()
    assert Klantcontact.objects.count() == 1
    assert opzet.mastodon.geplaatst() == []


def test_a_public_answer_naming_the_known_customer_is_refused(opzet):
    from klantbeeld.domain.models import Partij

    opzet.mastodon.post(INWONER, "Vraag over mijn aanslag", zichtbaarheid="public")
    opzet.lees()
    kc = Klantcontact.objects.get(kanaal=KANAAL)
    partij = Partij.objects.create(
        soort_partij="persoon",
        indicatie_actief=True,
        contactnaam_voornaam="Fatima",
        contactnaam_achternaam="Amrani",
        bezoekadres_straatnaam="Dorpsstraat",
        bezoekadres_huisnummer=12,
    )
    kc.betrokkenen.update(was_partij=partij)
    with pytest.raises(OpenbaarMetPersoonsgegevens, match="een adres of nummer van de klant"):
        antwoord(kc, "We kijken naar de aanslag voor Dorpsstraat 12.", openbaar=True)
    with pytest.raises(OpenbaarMetPersoonsgegevens, match="de naam van de klant"):
        antwoord(kc, "Mevrouw Amrani, we kijken ernaar.", openbaar=True)
    assert antwoord(kc, "We kijken ernaar en sturen u een direct bericht.", openbaar=True)


def test_a_post_that_was_not_public_gets_no_public_answer(opzet):
    opzet.mastodon.post(INWONER, "Privé vraag", zichtbaarheid="direct")
    opzet.lees()
    kc = Klantcontact.objects.get(kanaal=KANAAL)
    with pytest.raises(ValueError, match="niet openbaar"):
        antwoord(kc, "Dank u.", openbaar=True)


def test_too_long_for_the_server_is_refused_before_anything_is_registered(opzet):
    opzet.mastodon.post(INWONER, "Vraag", zichtbaarheid="direct")
    opzet.lees()
    kc = Klantcontact.objects.get(kanaal=KANAAL)
    with pytest.raises(ValueError, match="hoogstens 500 tekens"):
        antwoord(kc, "x" * 490, openbaar=False)
    assert not Verzending.objects.exists()


def test_answers_are_offered_only_while_an_account_is_active(opzet):
    assert verzenden.kan_versturen(KANAAL)
    Sociaalaccount.objects.update(actief=False)
    assert not verzenden.kan_versturen(KANAAL)
