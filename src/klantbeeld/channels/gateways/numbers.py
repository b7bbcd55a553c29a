"""Phone numbers as the providers want them: E.164 (``+31612345678``) for SMS, the same
digits without ``+`` for WhatsApp (its ``wa_id``)."""

from __future__ import annotations

import re

_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_SEPARATORS = re.compile(r"[\s\-().]")


def e164(nummer: str, *, landcode: str = "31") -> str:
    """``nummer`` in E.164; a national number (``06 12345678``) is read as one of the
    country ``landcode``. Raises ValueError for anything that cannot be a phone number."""
    kaal = _SEPARATORS.sub("", nummer)
    if kaal.startswith("00"):
        kaal = "+" + kaal[2:]
    elif kaal.startswith("0"):
        kaal = f"+{landcode}{kaal[1:]}"
    if not _E164.fullmatch(kaal):
        raise ValueError(f"{nummer!r} is geen telefoonnummer (verwacht bijv. +31612345678).")
    return kaal


def wa_id(nummer: str, *, landcode: str = "31") -> str:
    """``nummer`` as WhatsApp names a user: the E.164 digits without ``+``. International
    digits without ``+`` (``31612345678``, a wa_id already) stay as they are."""
    kaal = _SEPARATORS.sub("", nummer)
    if kaal.isdigit() and not kaal.startswith("0"):
        return kaal
    return e164(kaal, landcode=landcode)[1:]
