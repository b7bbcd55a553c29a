"""The TOPdesk client against the local TOPdesk over real HTTP: create, read, list what
changed since a moment, the progress trail, errors in words, the timeout, the check."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from klantbeeld.integrations.topdesk.client import (
    Aanmelder,
    Melding,
    TopdeskClient,
    TopdeskFout,
    controleer,
    korte_omschrijving,
)
from standins.topdesk import LocalTopdesk, local_topdesk

GEBRUIKER, WACHTWOORD = "klantbeeld", "een-applicatiewachtwoord"
BEGIN = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)

MELDING = Melding(
    korte_omschrijving="Container niet geleegd",
    verzoek="De groene container in de Parkweg is twee keer overgeslagen.",
    kenmerk="KB-TAAK-0001",
    aanmelder=Aanmelder("J. de Vries", email="j.devries@example.nl", telefoon="0612345678"),
    categorie="Afval",
)


@pytest.fixture
def topdesk(settings: Any) -> Iterator[LocalTopdesk]:
    with local_topdesk(GEBRUIKER, WACHTWOORD) as td:
        settings.KLANTBEELD_TOPDESK_URL = td.url
        settings.KLANTBEELD_TOPDESK_GEBRUIKER = GEBRUIKER
        settings.KLANTBEELD_TOPDESK_WACHTWOORD = WACHTWOORD
        settings.KLANTBEELD_TOPDESK_TIMEOUT = 3
        td.klok = lambda: BEGIN
        yield td
        assert td.violations == []


def test_create_sends_klantbeelds_data(topdesk: LocalTopdesk) -> None:
    lang = "Container niet geleegd " + "en nog veel meer woorden " * 5
    with TopdeskClient() as client:
        incident = client.maak_incident(MELDING)
        tweede = client.maak_incident(
            Melding(
                lang, "…", "KB-2", Aanmelder("x", persoon_id="0b8a2f66-1c5e-4b6e-9d5b-6f0d6a8f9e11")
            )
        )
    assert (incident.nummer, incident.kenmerk, incident.status) == (
        "I 2612 001",
        "KB-TAAK-0001",
        "Aangemeld",
    )
    assert (incident.afgerond, incident.gesloten, incident.gemeld_op) == (False, False, BEGIN)
    opgeslagen = topdesk.incidents[incident.id].json()
    assert opgeslagen["caller"] == {
        "id": None,
        "branch": None,
        "dynamicName": "J. de Vries",
        "email": "j.devries@example.nl",
        "phoneNumber": "0612345678",
    }
    assert opgeslagen["category"]["name"] == "Afval"
    assert opgeslagen["request"] == MELDING.verzoek
    assert len(tweede.korte_omschrijving) == 80 and tweede.korte_omschrijving.endswith("…")
    assert (
        topdesk.incidents[tweede.id].json()["caller"]["id"]
        == "0b8a2f66-1c5e-4b6e-9d5b-6f0d6a8f9e11"
    )


def test_short_description_on_one_line_within_80() -> None:
    assert korte_omschrijving("  Lamp\nkapot  ") == "Lamp kapot"
    assert korte_omschrijving("a" * 80) == "a" * 80
    assert korte_omschrijving("a" * 81) == "a" * 79 + "…"


def test_reference_longer_than_60_is_refused_before_sending(topdesk: LocalTopdesk) -> None:
    with TopdeskClient() as client, pytest.raises(TopdeskFout, match="langer dan de 60 tekens"):
        client.maak_incident(Melding("x", "y", "K" * 61, MELDING.aanmelder))
    assert topdesk.requests == []


def test_read_list_changed_since_and_progress_trail(topdesk: LocalTopdesk) -> None:
    nu = [BEGIN]
    topdesk.klok = lambda: nu[0]
    with TopdeskClient() as client:
        ids = []
        for _ in range(3):
            ids.append(client.maak_incident(MELDING).id)
            nu[0] += datetime.timedelta(minutes=1)
        topdesk.actie(ids[0], "Intern nagevraagd", zichtbaar=False)
        nu[0] += datetime.timedelta(minutes=1)
        topdesk.sluit(ids[0], "De container wordt morgen geleegd.")

        gelezen = client.incident(ids[0])
        assert gelezen is not None
        assert (gelezen.status, gelezen.afgerond, gelezen.gesloten) == ("Afgemeld", True, True)
        assert gelezen.gesloten_op == BEGIN + datetime.timedelta(minutes=4)
        assert client.incident("0b8a2f66-1c5e-4b6e-9d5b-6f0d6a8f9e11") is None

        sinds = client.gewijzigd_sinds(BEGIN + datetime.timedelta(seconds=30))
        assert [i.id for i in sinds] == [ids[1], ids[2], ids[0]]
        assert client.gewijzigd_sinds(BEGIN + datetime.timedelta(hours=1)) == []

        spoor = client.voortgang(ids[0])
        assert [(v.tekst, v.zichtbaar_voor_aanmelder, v.door) for v in spoor] == [
            ("De container wordt morgen geleegd.", True, "Tweede lijn"),
            ("Intern nagevraagd", False, "Tweede lijn"),
        ]
        assert client.voortgang(ids[1]) == []


def test_changed_since_reads_every_page(topdesk: LocalTopdesk, monkeypatch: Any) -> None:
    monkeypatch.setattr("klantbeeld.integrations.topdesk.client.PER_PAGINA", 2)
    nu = [BEGIN]
    topdesk.klok = lambda: nu[0]
    with TopdeskClient() as client:
        for _ in range(5):
            client.maak_incident(MELDING)
            nu[0] += datetime.timedelta(seconds=1)
        assert len(client.gewijzigd_sinds(BEGIN - datetime.timedelta(seconds=1))) == 5
    pagina_vragen = [t for m, t in topdesk.requests if "pageStart" in t]
    assert len(pagina_vragen) == 3


def test_errors_in_words(topdesk: LocalTopdesk, settings: Any) -> None:
    settings.KLANTBEELD_TOPDESK_WACHTWOORD = "fout"
    with TopdeskClient() as client, pytest.raises(TopdeskFout) as fout:
        client.maak_incident(MELDING)
    assert fout.value.status == 401
    assert "controleer de gebruikersnaam en het applicatiewachtwoord" in str(fout.value)

    settings.KLANTBEELD_TOPDESK_WACHTWOORD = WACHTWOORD
    topdesk.failing = 503
    with TopdeskClient() as client, pytest.raises(TopdeskFout, match="tijdelijk niet beschikbaar"):
        client.versie()
    topdesk.failing = None

    # A caller without a name: TOPdesk refuses it, and its own words come along.
    with TopdeskClient() as client, pytest.raises(TopdeskFout, match=r"weigert het verzoek: .+"):
        client.maak_incident(Melding("x", "y", "KB-1", Aanmelder("")))
    topdesk.violations.clear()


def test_timeout_and_unreachable(topdesk: LocalTopdesk, settings: Any) -> None:
    settings.KLANTBEELD_TOPDESK_TIMEOUT = 0.2
    topdesk.delay = 1
    with TopdeskClient() as client, pytest.raises(TopdeskFout, match="gaf geen antwoord binnen"):
        client.versie()
    topdesk.delay = 0
    settings.KLANTBEELD_TOPDESK_URL = "http://127.0.0.1:9"
    with (
        TopdeskClient() as client,
        pytest.raises(TopdeskFout, match=r"TOPdesk is niet bereikbaar\."),
    ):
        client.versie()


def test_check_and_command(topdesk: LocalTopdesk, settings: Any, capsys: Any) -> None:
    controle = controleer()
    assert (controle.ingesteld, controle.gezond) == (True, True)
    assert controle.melding.startswith("TOPdesk is bereikbaar")
    call_command("topdesk")
    assert "TOPdesk is bereikbaar" in capsys.readouterr().out

    settings.KLANTBEELD_TOPDESK_WACHTWOORD = "fout"
    with pytest.raises(CommandError):
        call_command("topdesk")
    assert "applicatiewachtwoord" in capsys.readouterr().out

    settings.KLANTBEELD_TOPDESK_URL = ""
    call_command("topdesk")
    assert "TOPdesk is niet ingesteld." in capsys.readouterr().out
