"""Text from the bytes and header fields of real-world mail: any charset, declared or not,
declared wrongly, or unknown to Python; RFC 2047 encoded words; raw 8-bit header bytes.
Nothing here raises on bad input: what cannot be read is replaced, never lost (the whole
message is kept as a document)."""

from __future__ import annotations

import base64
import binascii
import codecs
import re

# Labels that mail software writes but Python does not know, or knows as something
# narrower than what the senders actually use (WHATWG's encoding table does the same:
# "iso-8859-1" is read as windows-1252, whose extra characters Outlook writes under it).
_ALIASSEN = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "x-user-defined": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "x-sjis": "shift_jis",
    "unicode-1-1-utf-7": "utf-7",
    "iso-8859-8-i": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6",
    "windows-874": "cp874",
    "x-mac-roman": "mac_roman",
    "macintosh": "mac_roman",
}
# Declared as plain ASCII (or nothing), yet 8-bit bytes come: try UTF-8, then windows-1252.
_GEEN = {"", "us-ascii", "ascii", "unknown-8bit", "x-unknown", "unknown", "default", "none"}


def codec(charset: str | None) -> str | None:
    """The Python codec for a MIME charset label, or None when there is none."""
    label = (charset or "").strip().strip('"').lower()
    # RFC 2231 lets a language follow: utf-8*nl.
    label = label.split("*", 1)[0]
    if label in _GEEN:
        return None
    label = _ALIASSEN.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def tekst_uit_bytes(data: bytes, charset: str | None) -> str:
    """``data`` as text: in its declared charset when that fits, else UTF-8 when that fits,
    else the declared charset or windows-1252 with replacement characters."""
    gekozen = codec(charset)
    if gekozen is not None:
        try:
            return data.decode(gekozen)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(gekozen or "cp1252", "replace")
    except LookupError:
        return data.decode("cp1252", "replace")


# An RFC 2047 encoded word: =?charset?B|Q?text?=
_WOORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=")
# Whitespace between two encoded words is not part of the text (RFC 2047 6.2).
_TUSSEN_WOORDEN = re.compile(r"(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?[^?\s]+\?[bBqQ]\?)")
_VOUW = re.compile(r"\r?\n(?=[ \t])")


def koptekst(waarde: object) -> str:
    """A header field's value as text: unfolded, 8-bit bytes decoded, encoded words
    decoded. ``waarde`` is what the compat32 parser stores (str with surrogate escapes
    for 8-bit bytes) or an ``email.header.Header``."""
    if waarde is None:
        return ""
    tekst = str(waarde)
    tekst = _VOUW.sub("", tekst)
    if any("\udc80" <= teken <= "\udcff" for teken in tekst):
        tekst = tekst_uit_bytes(tekst.encode("ascii", "surrogateescape"), None)
    if "=?" in tekst:
        tekst = _TUSSEN_WOORDEN.sub(r"\1", tekst)
        tekst = _WOORD.sub(_decodeer_woord, tekst)
    return tekst.strip()


def _decodeer_woord(gevonden: re.Match[str]) -> str:
    charset, soort, inhoud = gevonden.groups()
    try:
        ruw = base64.b64decode(inhoud + "=" * (-len(inhoud) % 4)) if soort in "bB" else _q(inhoud)
    except (binascii.Error, ValueError):
        return gevonden.group(0)
    return tekst_uit_bytes(ruw, charset)


def _q(inhoud: str) -> bytes:
    """RFC 2047's Q encoding: quoted-printable with ``_`` for a space."""
    uit = bytearray()
    index = 0
    data = inhoud.encode("ascii", "replace")
    while index < len(data):
        teken = data[index]
        if teken == ord("_"):
            uit.append(0x20)
        elif teken == ord("=") and _hex(data[index + 1 : index + 3]):
            uit.append(int(data[index + 1 : index + 3], 16))
            index += 2
        else:
            uit.append(teken)
        index += 1
    return bytes(uit)


def _hex(paar: bytes) -> bool:
    return len(paar) == 2 and all(chr(b) in "0123456789abcdefABCDEF" for b in paar)


_BESTURING = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def zonder_besturingstekens(tekst: str) -> str:
    """Control characters out (the register's fields and XML-ish consumers refuse them);
    line breaks and tabs stay."""
    return _BESTURING.sub("", tekst.replace("\r\n", "\n").replace("\r", "\n"))
