"""Texts with placeholders (text modules, zaakmelding texts)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from klantbeeld.channels.teksten import controleer, plaatshouders, vul_in


def test_placeholders_are_filled_in_and_braces_can_be_written():
    tekst = "Beste {naam}, uw zaak {zaak} is {status}. {{niet vervangen}}"
    assert plaatshouders(tekst) == ["naam", "zaak", "status"]
    assert vul_in(tekst, {"naam": "Jan", "zaak": "ZAAK-1", "status": "klaar"}) == (
        "Beste Jan, uw zaak ZAAK-1 is klaar. {niet vervangen}"
    )


def test_a_value_is_not_itself_filled_in():
    assert vul_in("{naam}", {"naam": "{zaak}"}) == "{zaak}"


@pytest.mark.parametrize(
    ("tekst", "fout"),
    [
        ("Beste {klant}", "Onbekende plaatshouder(s): {klant}"),
        ("Beste {naam.__class__}", "Ongeldige plaatshouder"),
        ("Beste {naam!r}", "Ongeldige plaatshouder"),
        ("Beste {0}", "Ongeldige plaatshouder"),
    ],
)
def test_an_unknown_or_malformed_placeholder_is_refused_with_what_is_available(tekst, fout):
    with pytest.raises(ValidationError) as error:
        controleer(tekst, ["naam", "zaak"])
    assert fout in error.value.messages[0]


def test_an_unclosed_brace_is_refused():
    with pytest.raises(ValidationError):
        controleer("Beste {naam", ["naam"])
