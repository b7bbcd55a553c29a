"""Chat for agents (workspace/chats.py): the queue of the agent's teams, taking a chat (one
agent gets it), who may see and answer a chat, messages and files, transfer to a colleague
or a team, and the registration through the call panel: one klantcontact with the
transcript, the agent and the chatbot as actors (C9309), R1 discard."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, Afzender, Gesprek, Gespreksstatus, Klantcontact
from klantbeeld.domain.models.actoren import SoortActor, Teamlid
from klantbeeld.domain.services import gesprekken
from klantbeeld.workspace.medewerkers import IDENTIFICATOR
from klantbeeld.workspace.models import LopendContact, Tekstblok
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db
SCRIPT = {"HTTP_X_CHAT": "1"}


def actor(login: str, naam: str) -> Actor:
    return Actor.objects.create(
        naam=naam,
        soort_actor=SoortActor.MEDEWERKER,
        indicatie_actief=True,
        telefoonnummer="0201234567",
        actoridentificator_object_id=login,
        **IDENTIFICATOR,
    )


def team(naam: str, *leden: Actor) -> Actor:
    team = Actor.objects.create(
        naam=naam, soort_actor=SoortActor.ORGANISATORISCHE_EENHEID, indicatie_actief=True
    )
    for lid in leden:
        Teamlid.objects.create(team=team, medewerker=lid)
    return team


@pytest.fixture
def chatbot() -> Actor:
    return Actor.objects.create(
        naam="Gem", soort_actor=SoortActor.GEAUTOMATISEERDE_ACTOR, indicatie_actief=True
    )


def met_bot(chatbot: Actor, **kwargs: Any) -> Gesprek:
    """A chat the bot talked in first, handed over to the queue (C9309)."""
    gesprek, _ = gesprekken.open_gesprek(chatbot=chatbot, naam="Petra Pieters", **kwargs)
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Mijn container is kapot")
    gesprekken.plaats_bericht(
        gesprek, afzender=Afzender.BOT, naam="Gem", tekst="Ik verbind u door met een medewerker."
    )
    return gesprekken.naar_wachtrij(gesprek)


def user(naam: str) -> User:
    return User.objects.get(username=naam)


def test_the_queue_shows_waiting_chats_of_the_agents_teams_and_everyones(chatbot, settings):
    settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = "0201234567"
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    kcc = team("Klantcontactcentrum", actor("sanne", "Sanne de Vries"))
    vergunningen = team("Vergunningen")
    met_bot(chatbot, team=kcc)
    gesprekken.open_gesprek(naam="Zonder Team")
    gesprekken.open_gesprek(naam="Ander Team", team=vergunningen)

    page = sanne.get("/werkplek/chats/").content.decode()
    assert "Petra Pieters" in page and "eerst met de chatbot" in page and "Plaats 1" in page
    assert "Zonder Team" in page
    assert "Ander Team" not in page
    assert "Wachtrij (2 wachtend)" in page
    assert sanne.get("/werkplek/chats/aantal/").json() == {"wachtend": 2, "mijn": 0}
    # The menu counts them on every page.
    assert "2 wachtend" in sanne.get("/werkplek/zoeken/").content.decode()


def test_taking_a_chat_opens_it_with_the_bots_transcript_and_a_contact_in_progress(chatbot):
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    gesprek = met_bot(chatbot)
    response = sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/")
    assert (
        response.status_code == 302 and response["Location"] == f"/werkplek/chats/{gesprek.uuid}/"
    )
    gesprek.refresh_from_db()
    assert gesprek.status == Gespreksstatus.ACTIEF and gesprek.medewerker == user("sanne")
    page = sanne.get(response["Location"]).content.decode()
    # C9309: the agent sees what the visitor told the bot.
    assert "Mijn container is kapot" in page and "Ik verbind u door" in page
    assert "Chat met Petra Pieters" in page
    lopend = LopendContact.objects.get()
    assert lopend.kanaal == "chat" and lopend.gesprek == gesprek
    assert (lopend.voornaam, lopend.achternaam) == ("Petra", "Pieters")
    assert "Naar de chat" in page  # the call panel links back to it


def test_a_colleague_who_was_faster_gets_the_chat_and_the_other_a_plain_message(chatbot):
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    bram = medewerker(Rol.KCC_MEDEWERKER, naam="bram")
    gesprek = met_bot(chatbot)
    assert sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/").status_code == 302
    response = bram.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/", follow=True)
    assert "al door een collega aangenomen" in response.content.decode()
    gesprek.refresh_from_db()
    assert gesprek.medewerker == user("sanne")
    assert not LopendContact.objects.filter(medewerker__username="bram").exists()


def test_a_chat_another_agent_holds_does_not_exist_for_them(chatbot):
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    bram = medewerker(Rol.KCC_MEDEWERKER, naam="bram")
    gesprek = met_bot(chatbot)
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/")
    basis = f"/werkplek/chats/{gesprek.uuid}"
    assert bram.get(f"{basis}/").status_code == 404
    assert bram.get(f"{basis}/berichten/").status_code == 404
    assert bram.post(f"{basis}/versturen/", {"tekst": "Hallo"}, **SCRIPT).status_code == 404
    assert bram.post(f"{basis}/gelezen/", {"tot": "9"}).status_code == 404
    assert bram.post(f"{basis}/sluiten/").status_code == 404
    assert not gesprek.berichten.filter(afzender=Afzender.MEDEWERKER).exists()
    # A teamleider may look along, not answer.
    leider = medewerker(Rol.TEAMLEIDER, naam="tl")
    page = leider.get(f"{basis}/").content.decode()
    assert "U kijkt mee" in page and 'name="tekst"' not in page
    assert leider.post(f"{basis}/versturen/", {"tekst": "Hallo"}, **SCRIPT).status_code == 404


def test_messages_files_and_read_marks(chatbot):
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    User.objects.filter(username="sanne").update(first_name="Sanne")
    gesprek = met_bot(chatbot)
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/")
    basis = f"/werkplek/chats/{gesprek.uuid}"
    antwoord = sanne.post(
        f"{basis}/versturen/", {"tekst": "Ik kijk het na.", "client_id": "c1"}, **SCRIPT
    ).json()
    assert antwoord["afzender"] == "medewerker" and antwoord["naam"] == "Sanne"
    # Sent again after a lost connection: stored once.
    again = sanne.post(
        f"{basis}/versturen/", {"tekst": "Ik kijk het na.", "client_id": "c1"}, **SCRIPT
    ).json()
    assert again["volgnummer"] == antwoord["volgnummer"]
    assert sanne.post(f"{basis}/versturen/", {"tekst": " "}, **SCRIPT).status_code == 400

    bestand = SimpleUploadedFile("foto.png", b"\x89PNG\r\n\x1a\nfoto", content_type="image/png")
    met_bestand = sanne.post(f"{basis}/versturen/", {"bijlage": bestand}, **SCRIPT).json()
    assert met_bestand["bijlage"] == {"naam": "foto.png", "type": "image/png"}
    niet = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    fout = sanne.post(f"{basis}/versturen/", {"bijlage": niet}, **SCRIPT)
    assert fout.status_code == 400 and "Dit soort bestand" in fout.json()["fout"]

    # The visitor's file, downloaded as an attachment.
    van_bezoeker = gesprekken.plaats_bericht(
        gesprek,
        afzender=Afzender.BEZOEKER,
        bijlage=gesprekken.Bestand("brief.pdf", "application/pdf", b"%PDF-1.4"),
    )
    download = sanne.get(f"{basis}/bijlagen/{van_bezoeker.volgnummer}/")
    assert download.content == b"%PDF-1.4"
    assert download["Content-Disposition"].startswith("attachment")
    assert sanne.get(f"{basis}/bijlagen/1/").status_code == 404  # a message without a file

    assert sanne.post(f"{basis}/gelezen/", {"tot": str(van_bezoeker.volgnummer)}).status_code == 204
    assert not gesprek.berichten.filter(afzender="bezoeker", gelezen_op__isnull=True).exists()
    na = sanne.get(f"{basis}/berichten/?na={van_bezoeker.volgnummer - 1}").json()
    assert [b["volgnummer"] for b in na["berichten"]] == [van_bezoeker.volgnummer]


def test_snelteksten_are_the_teams_text_modules_filled_in_for_the_chat(chatbot, settings):
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    User.objects.filter(username="sanne").update(first_name="Sanne")
    anders = team("Vergunningen")
    Tekstblok.objects.create(naam="Groet", tekst="Goedendag {naam}, u spreekt met {medewerker}.")
    Tekstblok.objects.create(naam="Vergunning", tekst="Alleen voor vergunningen.", team=anders)
    gesprek = met_bot(chatbot)
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/")
    page = sanne.get(f"/werkplek/chats/{gesprek.uuid}/").content.decode()
    assert 'data-sneltekst="Goedendag Petra Pieters, u spreekt met Sanne."' in page
    assert "Alleen voor vergunningen." not in page


def test_transfer_to_a_colleague_moves_the_chat_and_the_notes(chatbot, settings):
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lisa = medewerker(Rol.KCC_MEDEWERKER, naam="lisa")
    lisa_actor = actor("lisa", "Lisa van Dijk")
    gesprek = met_bot(chatbot)
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/")
    response = sanne.post(
        f"/werkplek/chats/{gesprek.uuid}/overdragen/",
        {"aan": str(lisa_actor.pk), "toelichting": "Vraag over vergunning"},
    )
    assert response.status_code == 302 and response["Location"] == "/werkplek/chats/"
    gesprek.refresh_from_db()
    assert gesprek.medewerker == user("lisa") and gesprek.status == Gespreksstatus.ACTIEF
    assert LopendContact.objects.get().medewerker == user("lisa")
    assert sanne.get(f"/werkplek/chats/{gesprek.uuid}/").status_code == 404
    assert (
        "Mijn container is kapot" in lisa.get(f"/werkplek/chats/{gesprek.uuid}/").content.decode()
    )


def test_transfer_to_a_team_puts_the_chat_in_its_queue(chatbot):
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    vergunningen = team("Vergunningen")
    gesprek = met_bot(chatbot)
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/")
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/overdragen/", {"aan": str(vergunningen.pk)})
    gesprek.refresh_from_db()
    assert gesprek.status == Gespreksstatus.WACHTRIJ and gesprek.team == vergunningen
    assert gesprek.medewerker is None
    assert not LopendContact.objects.exists()
    assert "doorverbonden met een medewerker van Vergunningen" in gesprekken.transcript(gesprek)


def test_a_logged_in_visitor_is_shown_beside_the_chat_unless_hidden(chatbot):
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    gesprek = met_bot(chatbot, partij=jan)
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/")
    page = sanne.get(f"/werkplek/chats/{gesprek.uuid}/").content.decode()
    assert "Klant: Jan Jansen" in page and bsn(1) in page
    assert LopendContact.objects.get().klant == jan

    geheim = persoon("Geheime", "Persoon", indicatie_geheimhouding=True)
    verborgen = met_bot(chatbot, partij=geheim)
    sanne.post(f"/werkplek/chats/{verborgen.uuid}/aannemen/")
    page = sanne.get(f"/werkplek/chats/{verborgen.uuid}/").content.decode()
    assert "Geheime" not in page.replace("Geheimhouding", "")
    assert LopendContact.objects.get(gesprek=verborgen).klant is None


def test_identifying_the_visitor_in_the_call_panel_shows_them_beside_the_chat(chatbot):
    jan = persoon("Jan", "Jansen")
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    gesprek = met_bot(chatbot)
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/")
    sanne.post("/werkplek/belpaneel/huidig/klant/", {"partij": str(jan.uuid)})
    gesprek.refresh_from_db()
    assert gesprek.partij == jan
    assert "Klant: Jan Jansen" in sanne.get(f"/werkplek/chats/{gesprek.uuid}/").content.decode()


def afronden(client: Client, lopend: LopendContact, **velden: str) -> Any:
    [onderwerp] = lopend.onderwerpen.all()
    data = {"onderwerp": [onderwerp.pk]}
    data.update({f"o{onderwerp.pk}-{naam}": waarde for naam, waarde in velden.items()})
    return client.post(f"/werkplek/contact-afronden/{lopend.uuid}/", data)


def test_ending_and_registering_a_chat_makes_one_klantcontact_with_bot_and_agent(chatbot, settings):
    settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = "0201234567"
    jan = persoon("Jan", "Jansen")
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    gesprek = met_bot(chatbot, partij=jan)
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/")
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/versturen/", {"tekst": "Ik maak een melding."})
    lopend = LopendContact.objects.get()
    response = sanne.post(f"/werkplek/chats/{gesprek.uuid}/sluiten/")
    assert response["Location"] == f"/werkplek/contact-afronden/{lopend.uuid}/"
    page = sanne.get(response["Location"]).content.decode()
    assert 'value="chat" selected' in page
    response = afronden(
        sanne, lopend, kanaal="chat", onderwerp="Kapotte container", vraag="", gelukt="ja"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    [kc] = Klantcontact.objects.all()
    assert kc.kanaal == "chat" and kc.plaatsgevonden_op == gesprek.gestart_op
    assert "Mijn container is kapot" in kc.inhoud and "Ik maak een melding." in kc.inhoud
    assert {a.naam for a in kc.actoren.all()} == {"Gem", "sanne"}
    gesprek.refresh_from_db()
    assert gesprek.klantcontact == kc and gesprek.afgesloten
    assert not LopendContact.objects.exists()


def test_an_anonymous_chat_solved_at_once_is_discarded_without_registering(chatbot):
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    gesprek = met_bot(chatbot)
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/aannemen/")
    sanne.post(f"/werkplek/chats/{gesprek.uuid}/sluiten/")
    lopend = LopendContact.objects.get()
    sanne.post(f"/werkplek/belpaneel/{lopend.uuid}/weggooien/")
    assert not Klantcontact.objects.exists()
    gesprek.refresh_from_db()
    assert gesprek.afgesloten and gesprek.klantcontact is None
