"""The workspace in Dutch or, by the employee's choice, English; the APIs and the logs
stay Dutch whatever anyone chooses."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from klantbeeld.demo.numbers import bsn
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


def engels(tekst: str) -> str:
    with translation.override("en"):
        vertaald = translation.gettext(tekst)
    assert vertaald != tekst, f"no English for {tekst!r}"
    return vertaald


def test_dutch_unless_english_is_chosen_whatever_the_browser_asks() -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.get("/werkplek/zoeken/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="nl"' in page and "Klant zoeken" in page

    gekozen = kcc.post("/i18n/setlang/", {"language": "en", "next": "/werkplek/zoeken/"})
    assert gekozen.status_code == 302 and gekozen["Location"] == "/werkplek/zoeken/"
    page = kcc.get("/werkplek/zoeken/").content.decode()
    assert '<html lang="en"' in page
    for tekst in ("Klant zoeken", "Zoek op", "Doel van het opzoeken", "Uitloggen"):
        assert engels(tekst) in page

    kcc.post("/i18n/setlang/", {"language": "nl", "next": "/werkplek/"})
    assert '<html lang="nl"' in kcc.get("/werkplek/zoeken/").content.decode()


def test_in_english_the_forms_errors_and_messages_are_english_and_the_log_dutch(
    settings: Any,
) -> None:
    settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = "0201234567"
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    kcc.post("/i18n/setlang/", {"language": "en", "next": "/werkplek/"})
    found = kcc.post("/werkplek/zoeken/", {"q": bsn(1)}, follow=True).content.decode()
    assert engels("BSN of RSIN") in found
    fout = kcc.post(
        f"/werkplek/klanten/{jan.uuid}/contact/",
        {"kanaal": "telefoon", "onderwerp": "", "gelukt": "ja", "uiterlijk_op": "morgen"},
    ).content.decode()
    assert engels("Het contact is niet vastgelegd.") in fout
    assert engels("Vul een datum in, bijvoorbeeld 24-11-2026.") in fout
    assert engels("Onderwerp") in fout and engels("Telefoon") in fout
    done = kcc.post(
        f"/werkplek/klanten/{jan.uuid}/contact/",
        {"kanaal": "telefoon", "onderwerp": "Afval", "gelukt": "ja"},
        follow=True,
    ).content.decode()
    assert engels("Contact vastgelegd met nummer %(nummer)s.").split("%")[0] in done
    assert set(Verwerkingsactie.objects.values_list("handeling_naam", flat=True)) >= {
        "Klant zoeken",
        "Klantcontact vastleggen",
    }


def test_the_apis_answer_in_dutch_whatever_is_asked(ki: Any) -> None:
    response = ki.post("partijen", json={}, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == "Ongeldige invoerwaarde."
    assert any("vereist" in p["reason"] for p in body["invalidParams"])


def _po_entries() -> list[tuple[str, str]]:
    """(msgid, msgstr) of the English catalogue's singular entries, as written."""
    from pathlib import Path

    import klantbeeld

    po = Path(klantbeeld.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
    entries: list[tuple[str, str]] = []
    current: dict[str, str] = {}
    key = ""
    for line in [*po.read_text().splitlines(), ""]:
        if not line.strip():
            if current.get("msgid") and "msgid_plural" not in current:
                entries.append((current["msgid"], current.get("msgstr", "")))
            current, key = {}, ""
        elif line.startswith(("msgid ", "msgstr ", "msgid_plural ", "msgstr[")):
            key, _, rest = line.partition(" ")
            current[key] = _unquote(rest)
        elif line.startswith('"') and key:
            current[key] += _unquote(line)
    return entries


def _unquote(text: str) -> str:
    import ast

    return str(ast.literal_eval(text))


def test_every_text_has_english_and_the_compiled_catalogue_matches() -> None:
    entries = _po_entries()
    assert len(entries) > 200
    assert [msgid for msgid, msgstr in entries if not msgstr] == []
    with translation.override("en"):
        stale = [msgid for msgid, msgstr in entries if translation.gettext(msgid) != msgstr]
    assert stale == [], "run compilemessages (docs/development.md)"
