"""The chatbot cases of cases.md (C1242, C9309, C9476, C7352, C5479, C4374), each driven
through the chatbot API as a bot drives it and checked through the Klantinteracties API."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, Gesprek, Klantcontact, Partij
from klantbeeld.domain.services import gesprekken
from standins.zgw import LocalZgw
from tests.chatbot.conftest import open_gesprek, zeg
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db

VRAAG = "Wanneer wordt het oud papier opgehaald in de Dorpsstraat?"
ANTWOORD = "Het oud papier wordt elke tweede woensdag van de maand opgehaald."


def afvalgesprek(bot: ApiClient, **velden: Any) -> dict[str, Any]:
    gesprek = open_gesprek(bot, **velden)
    zeg(bot, gesprek, "bezoeker", VRAAG, "b1")
    zeg(bot, gesprek, "bot", ANTWOORD, "t1")
    return gesprek


def chatcontacten(ki: ApiClient) -> list[dict[str, Any]]:
    resultaten: list[dict[str, Any]] = ki.get("klantcontacten", {"kanaal": "chat"}).json()[
        "results"
    ]
    return resultaten


def sluit(bot: ApiClient, gesprek: dict[str, Any], **velden: Any) -> dict[str, Any]:
    response = bot.post(f"gesprekken/{gesprek['uuid']}/afsluiting", velden)
    assert response.status_code == 200, response
    antwoord: dict[str, Any] = response.json()
    return antwoord


def soorten_actor(ki: ApiClient, contact: dict[str, Any]) -> list[str]:
    return [ki.get(a["url"]).json()["soortActor"] for a in contact["hadBetrokkenActoren"]]


def test_c1242_a_logged_in_chat_the_bot_solved_is_one_contact_with_only_the_bot_as_actor(
    bot: ApiClient, ticket: str, inwoner: Partij, ki: ApiClient
):
    gesprek = afvalgesprek(bot, partijTicket=ticket)
    antwoord = sluit(bot, gesprek, vraag=VRAAG, antwoord=ANTWOORD, onderwerp="Afvalkalender")

    assert antwoord["gesprek"]["status"] == "afgesloten"
    [contact] = chatcontacten(ki)
    assert antwoord["registratie"]["klantcontact"]["uuid"] == contact["uuid"]
    assert (contact["onderwerp"], contact["reactie"]) == ("Afvalkalender", ANTWOORD)
    assert contact["inhoud"].startswith(VRAAG)
    assert contact["indicatieContactGelukt"] is True
    assert soorten_actor(ki, contact) == ["geautomatiseerde_actor"]
    [betrokkene] = ki.get(contact["url"], {"expand": "hadBetrokkenen"}).json()["_expand"][
        "hadBetrokkenen"
    ]
    assert betrokkene["wasPartij"]["uuid"] == str(inwoner.uuid)
    assert contact["leiddeTotInterneTaken"] == []
    # Closing again (a retry) registers nothing more.
    assert (
        bot.post(f"gesprekken/{gesprek['uuid']}/afsluiting", {}).json()["registratie"]["nieuw"]
        is False
    )
    assert len(chatcontacten(ki)) == 1


def test_c1242_an_anonymous_chat_the_bot_solved_registers_nothing(bot: ApiClient, ki: ApiClient):
    gesprek = afvalgesprek(bot)
    antwoord = sluit(bot, gesprek, vraag=VRAAG, antwoord=ANTWOORD)

    assert antwoord["registratie"] is None
    assert antwoord["gesprek"]["status"] == "afgesloten"
    assert chatcontacten(ki) == []
    assert not Klantcontact.objects.exists()


def test_c1242_a_long_chat_keeps_its_transcript_as_a_document(
    bot: ApiClient, ticket: str, register: LocalZgw, ki: ApiClient
):
    gesprek = afvalgesprek(bot, partijTicket=ticket)
    for nr in range(8):
        zeg(bot, gesprek, "bezoeker", f"En wat als ik op vakantie ben, vraag {nr}? " * 4, f"v{nr}")
    sluit(bot, gesprek, vraag=VRAAG, antwoord=ANTWOORD)

    [contact] = chatcontacten(ki)
    assert len(contact["inhoud"]) == 1000 and contact["inhoud"].endswith("…")
    assert len(contact["omvatteBijlagen"]) == 1
    [document] = register.objects("enkelvoudiginformatieobjecten")
    tekst = register.content_of(document).decode()
    assert tekst.startswith(VRAAG) and "vraag 7?" in tekst


def test_c9309_handed_to_an_agent_with_the_transcript_and_the_summary(
    bot: ApiClient, kcc: Actor, ki: ApiClient
):
    gesprek = afvalgesprek(bot)
    zeg(bot, gesprek, "bezoeker", "Mijn container is gestolen, wat nu?", "b2")
    response = bot.post(
        f"gesprekken/{gesprek['uuid']}/overdracht",
        {"samenvatting": "Container gestolen, wil een nieuwe.", "onderwerp": "Gestolen container"},
    )

    assert response.status_code == 200, response
    assert (response.json()["status"], response.json()["positie"]) == ("wachtrij", 1)
    opgeslagen = Gesprek.objects.get(uuid=gesprek["uuid"])
    assert (opgeslagen.team, opgeslagen.onderwerp) == (kcc, "Gestolen container")
    assert list(gesprekken.wachtrij(kcc)) == [opgeslagen]
    # What the agent who takes it reads: everything said, nobody repeats.
    verloop = gesprekken.transcript(opgeslagen)
    for tekst in (VRAAG, ANTWOORD, "Mijn container is gestolen", "Container gestolen, wil"):
        assert tekst in verloop
    # The visitor's turns relayed while waiting, and the agent's answer read back.
    zeg(bot, gesprek, "bezoeker", "Ik wacht.", "b3")
    gezien = bot.get(f"gesprekken/{gesprek['uuid']}/berichten").json()["laatsteVolgnummer"]
    agent = User.objects.create_user("agent", first_name="Sanne")
    gesprekken.neem_aan(opgeslagen, agent)
    gesprekken.plaats_bericht(
        opgeslagen, afzender="medewerker", tekst="Ik help u.", medewerker=agent
    )
    nieuw = bot.get(f"gesprekken/{gesprek['uuid']}/berichten", {"sinds": gezien}).json()
    assert [b["afzender"] for b in nieuw["berichten"]] == ["systeem", "medewerker"]
    assert nieuw["status"] == "actief"
    # A transfer is no follow-up: the bot registers nothing; the agent registers the one
    # contact (with the same source key) from the workspace.
    assert chatcontacten(ki) == []


def test_c9476_call_back_task_for_kcc_with_the_phone_number_and_no_partij(
    bot: ApiClient, kcc: Actor, register: LocalZgw, ki: ApiClient
):
    gesprek = afvalgesprek(bot)
    response = bot.post(
        f"gesprekken/{gesprek['uuid']}/terugbelverzoek",
        {
            "naam": "Jan de Vries",
            "telefoonnummer": "0612345678",
            "vraag": "Mijn container is niet geleegd",
            "samenvatting": "De bot kon niet helpen met een gemiste lediging.",
        },
    )

    assert response.status_code == 201, response
    body = response.json()
    [contact] = chatcontacten(ki)
    assert body["klantcontact"]["uuid"] == contact["uuid"]
    assert contact["inhoud"].startswith(
        "Mijn container is niet geleegd\n\nDe bot kon niet helpen met een gemiste lediging."
    )
    assert VRAAG in contact["inhoud"]
    assert soorten_actor(ki, contact) == ["geautomatiseerde_actor"]
    uitgebreid = ki.get(
        contact["url"], {"expand": "hadBetrokkenen,hadBetrokkenen.digitaleAdressen"}
    ).json()
    [betrokkene] = uitgebreid["_expand"]["hadBetrokkenen"]
    assert betrokkene["wasPartij"] is None
    assert betrokkene["contactnaam"]["achternaam"] == "Jan de Vries"
    assert [
        (a["soortDigitaalAdres"], a["adres"]) for a in betrokkene["_expand"]["digitaleAdressen"]
    ] == [("telefoonnummer", "0612345678")]
    taken = ki.get(
        "internetaken", {"status": "te_verwerken", "toegewezenAanActor__uuid": str(kcc.uuid)}
    ).json()["results"]
    [taak] = taken
    assert taak["uuid"] == body["internetaak"]["uuid"]
    assert taak["gevraagdeHandeling"] == "Terugbellen"
    assert taak["aanleidinggevendKlantcontact"]["uuid"] == contact["uuid"]
    assert Gesprek.objects.get(uuid=gesprek["uuid"]).afgesloten


def test_c9476_a_bad_phone_number_or_no_team_changes_nothing(
    bot: ApiClient, ki: ApiClient, settings
):
    gesprek = afvalgesprek(bot)
    pad = f"gesprekken/{gesprek['uuid']}/terugbelverzoek"
    verzoek = {"naam": "Jan", "telefoonnummer": "0612345678", "vraag": "Container"}
    settings.KLANTBEELD_CHAT_TEAM = settings.KLANTBEELD_INTAKE_TEAM = ""

    response = bot.post(pad, verzoek)
    assert response.status_code == 503
    assert "KLANTBEELD_CHAT_TEAM" in response.json()["detail"]
    assert chatcontacten(ki) == []
    assert not Gesprek.objects.get(uuid=gesprek["uuid"]).afgesloten


def test_c7352_the_rating_is_on_the_conversation_not_in_the_contact(
    bot: ApiClient, ticket: str, ki: ApiClient
):
    gesprek = afvalgesprek(bot, partijTicket=ticket)
    sluit(bot, gesprek, vraag=VRAAG, antwoord=ANTWOORD)
    response = bot.post(f"gesprekken/{gesprek['uuid']}/waardering", {"cijfer": 5})

    assert response.status_code == 200, response
    assert Gesprek.objects.get(uuid=gesprek["uuid"]).waardering == 5
    [contact] = chatcontacten(ki)
    tekst = str(ki.get(contact["url"]).json())
    assert "waardering" not in tekst.lower() and "cijfer" not in tekst.lower()


def test_c5479_one_contact_with_the_submission_as_bijlage_and_the_zaak(
    applicatie, ticket: str, inwoner: Partij, register: LocalZgw, ki: ApiClient
):
    bot = applicatie("Formulierenbot", "chatbot")
    zaak = register.add_zaak("PARKEERVERGUNNING", omschrijving="Parkeervergunning", bsn=bsn(3))
    gesprek = open_gesprek(bot, partijTicket=ticket)
    zeg(bot, gesprek, "bezoeker", "Ik wil een parkeervergunning aanvragen", "b1")
    inzending = "5b0f2a8e-7c1d-4e3f-9a2b-1c0d9e8f7a6b"
    response = bot.post(
        f"gesprekken/{gesprek['uuid']}/formulier",
        {
            "formulier": {"codeObjecttype": "productaanvraag", "objectId": inzending},
            "naam": "Aanvraag parkeervergunning",
            "antwoord": "Ik heb de aanvraag voor u ingediend.",
            "zaak": zaak["url"],
        },
    )
    assert response.status_code == 201, response
    sluit(bot, gesprek, vraag="Parkeervergunning", antwoord="Klaar.")

    [contact] = chatcontacten(ki)
    assert contact["onderwerp"] == "Aanvraag parkeervergunning"
    assert soorten_actor(ki, contact) == ["geautomatiseerde_actor"]
    [bijlage] = contact["omvatteBijlagen"]
    assert ki.get(bijlage["url"]).json()["bijlageidentificator"] == {
        "codeObjecttype": "productaanvraag",
        "codeRegister": "objecten",
        "codeSoortObjectId": "uuid",
        "objectId": inzending,
    }
    [onderwerp] = contact["gingOverOnderwerpobjecten"]
    identificator = ki.get(onderwerp["url"]).json()["onderwerpobjectidentificator"]
    assert (identificator["codeObjecttype"], identificator["objectId"]) == (
        "zgw-Zaak",
        zaak["url"].rstrip("/").rsplit("/", 1)[-1],
    )
    # No second klantcontact for the form itself.
    assert ki.get("klantcontacten").json()["count"] == 1


def test_c5479_a_form_for_an_anonymous_visitor_is_refused(bot: ApiClient, ki: ApiClient):
    gesprek = afvalgesprek(bot)
    response = bot.post(
        f"gesprekken/{gesprek['uuid']}/formulier",
        {
            "formulier": {
                "codeObjecttype": "productaanvraag",
                "objectId": "5b0f2a8e-7c1d-4e3f-9a2b-1c0d9e8f7a6b",
            },
            "naam": "Aanvraag",
        },
    )
    assert response.status_code == 409
    assert chatcontacten(ki) == []


def test_c4374_the_bot_asks_kcc_to_read_and_decide_and_is_the_contacts_actor(
    bot: ApiClient, kcc: Actor, register: LocalZgw, ki: ApiClient
):
    gesprek = afvalgesprek(bot)
    response = bot.post(
        f"gesprekken/{gesprek['uuid']}/taak",
        {
            "vraag": "Klacht over de ophaaldienst",
            "bezoeker": {"naam": "Piet", "emailadres": "piet@example.org"},
        },
    )

    assert response.status_code == 201, response
    taak = ki.get(response.json()["internetaak"]["url"]).json()
    assert taak["gevraagdeHandeling"] == "Lezen en bepalen benodigde actie"
    assert taak["status"] == "te_verwerken"
    assert [a["uuid"] for a in taak["toegewezenAanActoren"]] == [str(kcc.uuid)]
    contact = ki.get(taak["aanleidinggevendKlantcontact"]["url"]).json()
    assert contact["kanaal"] == "chat"
    [actor] = contact["hadBetrokkenActoren"]
    assert ki.get(actor["url"]).json()["naam"] == "Virtuele assistent"
    assert soorten_actor(ki, contact) == ["geautomatiseerde_actor"]
    # The conversation goes on; closing it later adds no second contact.
    assert not Gesprek.objects.get(uuid=gesprek["uuid"]).afgesloten
    sluit(bot, gesprek, vraag="Klacht", antwoord="Een collega neemt contact op.")
    assert len(chatcontacten(ki)) == 1
