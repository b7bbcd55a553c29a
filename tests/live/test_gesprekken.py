"""Live conversations in the domain: messages in order and once, the queue, taking,
passing on, closing and the rating (domain/services/gesprekken.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from klantbeeld.domain.models import Afzender, Gespreksstatus
from klantbeeld.domain.services import gesprekken
from klantbeeld.domain.services.gesprekken import Bestand, GesprekFout

pytestmark = pytest.mark.django_db


def test_messages_are_numbered_in_order_and_a_resend_is_stored_once():
    gesprek, _ = gesprekken.open_gesprek(naam="Fatima")
    eerste = gesprekken.plaats_bericht(
        gesprek, afzender=Afzender.BEZOEKER, tekst="Hallo", client_id="a1"
    )
    tweede = gesprekken.plaats_bericht(
        gesprek, afzender=Afzender.BEZOEKER, tekst="Nog iets", client_id="a2"
    )
    opnieuw = gesprekken.plaats_bericht(
        gesprek, afzender=Afzender.BEZOEKER, tekst="Hallo", client_id="a1"
    )

    assert (eerste.volgnummer, tweede.volgnummer) == (1, 2)
    assert opnieuw.pk == eerste.pk
    assert [b.volgnummer for b in gesprekken.berichten_sinds(gesprek, 1)] == [2]


def test_an_empty_or_too_long_message_is_refused_and_nothing_is_stored():
    gesprek, _ = gesprekken.open_gesprek()
    with pytest.raises(GesprekFout, match="zonder tekst"):
        gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="   ")
    with pytest.raises(GesprekFout, match="4000"):
        gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="x" * 4001)
    assert gesprek.berichten.count() == 0


def test_a_file_alone_is_a_message_and_is_named_in_the_transcript():
    gesprek, _ = gesprekken.open_gesprek(naam="Fatima")
    gesprekken.plaats_bericht(
        gesprek,
        afzender=Afzender.BEZOEKER,
        naam="Fatima",
        bijlage=Bestand("foto.jpg", "image/jpeg", b"\xff\xd8"),
    )
    assert "Fatima: [bestand: foto.jpg]" in gesprekken.transcript(gesprek)


def test_the_visitor_comes_back_only_with_the_secret():
    gesprek, sleutel = gesprekken.open_gesprek()
    assert gesprekken.voor_bezoeker(gesprek.uuid, sleutel) == gesprek
    assert gesprekken.voor_bezoeker(gesprek.uuid, sleutel + "x") is None
    assert gesprekken.voor_bezoeker("geen-uuid", sleutel) is None


def test_the_queue_gives_positions_and_one_agent_takes_a_conversation():
    eerste, _ = gesprekken.open_gesprek()
    tweede, _ = gesprekken.open_gesprek()
    assert gesprekken.positie(eerste) == 1
    assert gesprekken.positie(tweede) == 2

    anna, bram = User.objects.create_user("anna"), User.objects.create_user("bram")
    gesprekken.neem_aan(eerste, anna, naam="Anna")
    with pytest.raises(GesprekFout, match="al door een collega"):
        gesprekken.neem_aan(eerste, bram)

    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert (eerste.status, eerste.medewerker) == (Gespreksstatus.ACTIEF, anna)
    assert gesprekken.positie(eerste) is None
    assert gesprekken.positie(tweede) == 1
    assert eerste.berichten.last().tekst == "Anna helpt u verder."


def test_a_bot_conversation_goes_to_the_queue_with_what_was_said():
    from klantbeeld.domain.services.actoren import geautomatiseerde_actor
    from klantbeeld.domain.services.common import SYSTEM

    bot = geautomatiseerde_actor("Chatbot", "Virtuele assistent", SYSTEM)
    gesprek, _ = gesprekken.open_gesprek(chatbot=bot)
    assert gesprek.status == Gespreksstatus.BOT and gesprekken.positie(gesprek) is None
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Mijn paspoort is weg")
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BOT, naam="Gem", tekst="Dat regel ik niet")

    gesprekken.naar_wachtrij(gesprek)

    gesprek.refresh_from_db()
    assert gesprek.status == Gespreksstatus.WACHTRIJ and gesprekken.positie(gesprek) == 1
    assert "Gem: Dat regel ik niet" in gesprekken.transcript(gesprek)


def test_only_the_agent_in_the_conversation_passes_it_on():
    gesprek, _ = gesprekken.open_gesprek()
    anna, bram, cor = (User.objects.create_user(n) for n in ("anna", "bram", "cor"))
    gesprekken.neem_aan(gesprek, anna)
    with pytest.raises(GesprekFout, match="Alleen wie"):
        gesprekken.draag_over(gesprek, aan=cor, door=bram)
    gesprekken.draag_over(gesprek, aan=bram, door=anna, naam="Bram")
    gesprek.refresh_from_db()
    assert gesprek.medewerker == bram
    assert gesprek.berichten.last().tekst == "U wordt verder geholpen door Bram."


def test_a_closed_conversation_takes_no_more_messages():
    gesprek, _ = gesprekken.open_gesprek()
    gesprekken.sluit(gesprek)
    with pytest.raises(GesprekFout, match="afgesloten"):
        gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Hallo?")
    with pytest.raises(GesprekFout, match="afgesloten"):
        gesprekken.naar_wachtrij(gesprek)


def test_read_marks_only_the_other_sides_messages():
    gesprek, _ = gesprekken.open_gesprek()
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Vraag")
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.MEDEWERKER, tekst="Antwoord")
    assert gesprekken.markeer_gelezen(gesprek, door=Afzender.MEDEWERKER, tot=2) == 1
    assert gesprekken.markeer_gelezen(gesprek, door=Afzender.MEDEWERKER, tot=2) == 0
    gelezen = dict(gesprek.berichten.values_list("afzender", "gelezen_op"))
    assert gelezen["bezoeker"] is not None and gelezen["medewerker"] is None


def test_the_rating_is_one_to_five_and_given_once():
    gesprek, _ = gesprekken.open_gesprek()
    with pytest.raises(GesprekFout, match="1 tot en met 5"):
        gesprekken.waardeer(gesprek, 6)
    gesprekken.waardeer(gesprek, 4)
    with pytest.raises(GesprekFout, match="al een waardering"):
        gesprekken.waardeer(gesprek, 5)
    gesprek.refresh_from_db()
    assert gesprek.waardering == 4
