"""Texts with placeholders, maintained by the functional administrator: text modules for
answers, and the messages about a zaak's status. A placeholder is a name in braces,
``{naam}``; ``{{`` and ``}}`` are a literal brace. Only the names a text may use are filled
in: an unknown name is an error the administrator sees when saving, not a gap in a
letter to a resident."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

_FORMATTER = string.Formatter()
_NAAM = re.compile(r"[a-z][a-z0-9_]*\Z")


def plaatshouders(tekst: str) -> list[str]:
    """The placeholder names in ``tekst``, in order; ValueError for a malformed one."""
    namen = []
    for _letterlijk, naam, opmaak, conversie in _FORMATTER.parse(tekst):
        if naam is None:
            continue
        if not _NAAM.match(naam) or opmaak or conversie:
            raise ValueError(naam)
        namen.append(naam)
    return namen


def controleer(tekst: str, toegestaan: Iterable[str]) -> None:
    """ValidationError naming what is wrong when ``tekst`` uses a placeholder that is not
    ``toegestaan`` or is malformed (for the admin's form)."""
    toegestaan = set(toegestaan)
    try:
        namen = plaatshouders(tekst)
    except ValueError:
        raise ValidationError(
            gettext(
                "Ongeldige plaatshouder in de tekst: gebruik {naam} met kleine letters, of "
                "{{ en }} voor een accolade."
            )
        ) from None
    onbekend = sorted(set(namen) - toegestaan)
    if onbekend:
        raise ValidationError(
            gettext("Onbekende plaatshouder(s): %(namen)s. Beschikbaar: %(beschikbaar)s.")
            % {
                "namen": ", ".join(f"{{{n}}}" for n in onbekend),
                "beschikbaar": ", ".join(f"{{{n}}}" for n in sorted(toegestaan)) or "-",
            }
        )


def vul_in(tekst: str, waarden: Mapping[str, str]) -> str:
    """``tekst`` with its placeholders filled in from ``waarden``; a name without a value
    becomes empty (the text was checked against the available names when it was saved)."""
    delen = []
    for letterlijk, naam, _opmaak, _conversie in _FORMATTER.parse(tekst):
        delen.append(letterlijk)
        if naam is not None:
            delen.append(str(waarden.get(naam, "")))
    return "".join(delen)
