"""Mailboxes for the functional administrator: loaded from a file (all or none, the
password by environment variable), the connection test saying plainly what is wrong, and
the admin's lists of what was kept out and kept aside (download, try again)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from klantbeeld.channels.email.config import ConfigError, load
from klantbeeld.channels.email.controle import controleer
from klantbeeld.channels.email.models import Postvak, Postvakbericht, Uitkomst
from klantbeeld.domain.models import Actor, Klantcontact
from tests.channels.mail_corpus import corpus
from tests.channels.mail_corpus.steun import (
    ADRES,
    WACHTWOORD,
    WACHTWOORD_ENV,
    documentenregister,  # noqa: F401
    ingesteld_postvak,  # noqa: F401
    lees,
    mail,
    mailserver,  # noqa: F401
)
from tests.domain.test_opvolging import actor
from tests.support.beheer import beheer_login

pytestmark = pytest.mark.django_db

BESTAND = """
[[postvak]]
naam = "Algemeen"
adres = "info@gemeente.local"
host = "127.0.0.1"
poort = {poort}
beveiliging = "geen"
gebruiker = "info@gemeente.local"
wachtwoord_env = "{env}"
team = "KCC"

[[postvak]]
naam = "Vergunningen"
adres = "vergunningen@gemeente.local"
host = "imap.gemeente.local"
gebruiker = "vergunningen"
wachtwoord_env = "{env}"
team = "{team2}"
markering = "vlag"
gevraagde_handeling = "Opvolgen klantcontact"
max_mb = 10
idle = false
interval = 120
"""


@pytest.fixture
def teams():
    return actor("KCC", "organisatorische_eenheid"), actor(
        "Vergunningen", "organisatorische_eenheid"
    )


def schrijf(tmp_path: Path, tekst: str) -> Path:
    pad = tmp_path / "postvakken.toml"
    pad.write_text(tekst, encoding="utf-8")
    return pad


def test_mailboxes_are_loaded_from_a_file_and_updated_by_name(tmp_path, monkeypatch, teams):
    monkeypatch.setenv(WACHTWOORD_ENV, WACHTWOORD)
    kcc, vergunningen = teams
    pad = schrijf(tmp_path, BESTAND.format(poort=1143, env=WACHTWOORD_ENV, team2=vergunningen.uuid))
    assert load(pad) == [("Algemeen", "aangemaakt"), ("Vergunningen", "aangemaakt")]
    algemeen, tweede = Postvak.objects.order_by("naam")
    assert (algemeen.team, algemeen.poort, algemeen.map, algemeen.markering) == (
        kcc,
        1143,
        "INBOX",
        "verplaatsen",
    )
    assert (tweede.team, tweede.markering, tweede.idle, tweede.max_mb) == (
        vergunningen,
        "vlag",
        False,
        10,
    )
    # Each mailbox has its automated actor, made once.
    assert algemeen.actor is not None and algemeen.actor.soort_actor == "geautomatiseerde_actor"
    pad.write_text(BESTAND.format(poort=1993, env=WACHTWOORD_ENV, team2="Vergunningen"))
    assert load(pad) == [("Algemeen", "bijgewerkt"), ("Vergunningen", "bijgewerkt")]
    assert Postvak.objects.get(naam="Algemeen").poort == 1993
    assert Actor.objects.filter(soort_actor="geautomatiseerde_actor").count() == 2
    # The password itself is stored nowhere.
    assert WACHTWOORD not in str(list(Postvak.objects.values_list()))


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        (lambda t: t.replace('team = "KCC"', 'team = "Onbekend"'), "postvak 1: team 'Onbekend'"),
        (lambda t: t.replace("interval = 120", 'interval = "120"'), "interval moet een geheel"),
        (lambda t: t.replace("max_mb = 10", "max_mb = 10\nkleur = 'rood'"), "onbekende sleutel"),
        (lambda t: t.replace('beveiliging = "geen"', 'beveiliging = "tls13"'), "beveiliging"),
        (lambda t: t.replace('adres = "info@gemeente.local"', 'adres = "geen adres"'), "adres"),
        (lambda t: t.replace('host = "imap.gemeente.local"\n', ""), "host ontbreekt"),
        (lambda t: t + "\n[[postvak]]\nnaam = 'Algemeen'\n", "dubbel"),
        (lambda t: "[[postvak]\n", "postvakken.toml"),
    ],
)
def test_a_wrong_file_changes_nothing_and_says_where(
    tmp_path, monkeypatch, teams, wijziging, melding
):
    monkeypatch.setenv(WACHTWOORD_ENV, WACHTWOORD)
    pad = schrijf(tmp_path, wijziging(BESTAND.format(poort=1143, env=WACHTWOORD_ENV, team2="KCC")))
    with pytest.raises(ConfigError, match=melding):
        load(pad)
    assert not Postvak.objects.exists()


def test_an_unset_password_variable_is_refused(tmp_path, monkeypatch, teams):
    monkeypatch.delenv(WACHTWOORD_ENV, raising=False)
    pad = schrijf(tmp_path, BESTAND.format(poort=1143, env=WACHTWOORD_ENV, team2="KCC"))
    with pytest.raises(CommandError, match=f"omgevingsvariabele {WACHTWOORD_ENV}"):
        call_command("postvakken", "load", str(pad))
    assert not Postvak.objects.exists()


# -- the connection test ------------------------------------------------------------------------


def test_the_connection_test_reports_what_waits(server, postvak, zgw):
    server.deliver(ADRES, mail())
    controle = controleer(postvak)
    assert controle.gelukt, controle.melding
    assert "Verbonden met 127.0.0.1" in controle.melding
    assert "Map 'INBOX': 1 bericht(en) te verwerken" in controle.melding
    assert "Verwerkt, Quarantaine maakt de worker aan" in controle.melding or (
        "Quarantaine, Verwerkt maakt de worker aan" in controle.melding
    )


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"wachtwoord_env": "KLANTBEELD_TEST_NIET_GEZET"}, "KLANTBEELD_TEST_NIET_GEZET"),
        ({"gebruiker": "iemand@gemeente.local"}, "Inloggen als iemand@gemeente.local"),
        ({"poort": 1}, "Geen verbinding met 127.0.0.1:1"),
        ({"map": "Bestaat niet"}, "De map 'Bestaat niet' is niet te openen"),
        ({"beveiliging": "ssl"}, "TLS met 127.0.0.1"),
    ],
)
def test_the_connection_test_says_plainly_what_is_wrong(server, postvak, zgw, wijziging, melding):
    for veld, waarde in wijziging.items():
        setattr(postvak, veld, waarde)
    controle = controleer(postvak)
    assert not controle.gelukt and melding in controle.melding, controle.melding


def test_the_connection_test_names_a_missing_document_type(server, postvak, zgw, settings):
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = ""
    controle = controleer(postvak)
    assert not controle.gelukt and "geen documenttype" in controle.melding


def test_postvakken_check_fails_for_a_mailbox_that_does_not_work(server, postvak, zgw):
    call_command("postvakken", "check")
    postvak.gebruiker = "fout@gemeente.local"
    postvak.save()
    with pytest.raises(CommandError, match="Niet in orde: Algemeen"):
        call_command("postvakken", "check")


# -- the admin ----------------------------------------------------------------------------------


@pytest.fixture
def beheerder(client):
    gebruiker = User.objects.create_superuser("beheer", "beheer@example.nl", "een-lang-wachtwoord")
    return beheer_login(client, gebruiker)


def test_the_admin_tests_a_mailbox_connection(beheerder, server, postvak, zgw):
    antwoord = beheerder.post(
        "/admin/email/postvak/",
        {"action": "verbinding_testen", "_selected_action": [postvak.pk]},
        follow=True,
    )
    assert "Algemeen: Verbonden met 127.0.0.1" in antwoord.content.decode()


def test_a_mailbox_added_in_the_admin_gets_its_actor(beheerder, server, monkeypatch, teams):
    monkeypatch.setenv(WACHTWOORD_ENV, WACHTWOORD)
    antwoord = beheerder.post(
        "/admin/email/postvak/add/",
        {
            "naam": "Balie",
            "adres": "balie@gemeente.local",
            "actief": "on",
            "host": server.host,
            "poort": server.port,
            "beveiliging": "geen",
            "gebruiker": "balie@gemeente.local",
            "wachtwoord_env": WACHTWOORD_ENV,
            "map": "INBOX",
            "markering": "verplaatsen",
            "map_verwerkt": "Verwerkt",
            "vlag": "KlantbeeldVerwerkt",
            "map_quarantaine": "Quarantaine",
            "max_mb": 25,
            "idle": "on",
            "interval": 60,
            "team": teams[0].pk,
            "gevraagde_handeling": "Lezen en bepalen benodigde actie",
            "informatieobjecttype": "",
        },
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:2000]
    postvak = Postvak.objects.get(naam="Balie")
    assert postvak.actor is not None and postvak.actor.naam == "Mailverwerker balie@gemeente.local"


def test_the_quarantine_shows_downloads_and_tries_again(beheerder, server, postvak, zgw):
    server.deliver(ADRES, corpus()["broken-boundary.eml"])
    server.deliver(ADRES, mail(Precedence="bulk"))
    lees(postvak)
    apart = Postvakbericht.objects.get(uitkomst=Uitkomst.QUARANTAINE)
    buiten = Postvakbericht.objects.get(uitkomst=Uitkomst.BUITENGEHOUDEN)

    lijst = beheerder.get("/admin/email/quarantainebericht/").content.decode()
    assert "Kapotte MIME" in lijst and "Vraag over de afvalkalender" not in lijst
    lijst = beheerder.get("/admin/email/buitengehoudenbericht/").content.decode()
    assert "Precedence: bulk" in lijst and "Kapotte MIME" not in lijst

    download = beheerder.get(f"/admin/email/quarantainebericht/{apart.pk}/download/")
    assert download["Content-Type"] == "message/rfc822"
    assert download.content == server.messages(ADRES, "Quarantaine")[0].raw

    antwoord = beheerder.post(
        "/admin/email/quarantainebericht/",
        {"action": "opnieuw_verwerken", "_selected_action": [apart.pk]},
        follow=True,
    )
    assert "MIME-structuur is onleesbaar" in antwoord.content.decode()  # still: says why
    antwoord = beheerder.post(
        "/admin/email/buitengehoudenbericht/",
        {"action": "toch_registreren", "_selected_action": [buiten.pk]},
        follow=True,
    )
    assert "Geregistreerd als klantcontact" in antwoord.content.decode()
    assert Klantcontact.objects.count() == 1


def test_the_admin_lists_are_read_only(beheerder, server, postvak, zgw):
    server.deliver(ADRES, mail(Precedence="bulk"))
    lees(postvak)
    rij = Postvakbericht.objects.get()
    assert beheerder.get("/admin/email/postvakbericht/add/").status_code == 403
    pagina = beheerder.get(f"/admin/email/postvakbericht/{rij.pk}/change/")
    assert pagina.status_code == 200 and "Download (.eml)" in pagina.content.decode()
