"""Writes TNEF streams (winmail.dat) after [MS-OXTNEF], for the tests of the reader in
src/klantbeeld/channels/email/tnef.py and for the corpus's Outlook mail."""

from __future__ import annotations

import struct
from collections.abc import Sequence

from klantbeeld.channels.email import tnef

# The attribute type in the high word of an attribute id ([MS-OXTNEF] 2.1.3.3).
_TYPE = {
    tnef.ATT_OEM_CODEPAGE: 0x0006,
    tnef.ATT_ATTACH_REND_DATA: 0x0006,
    tnef.ATT_ATTACH_TITLE: 0x0001,
    tnef.ATT_ATTACH_DATA: 0x0006,
    tnef.ATT_ATTACHMENT: 0x0006,
    tnef.ATT_MSG_PROPS: 0x0006,
    tnef.ATT_BODY: 0x0002,
    0x9006: 0x0008,  # attTnefVersion
    0x8008: 0x0007,  # attMessageClass
}


def attribuut(niveau: int, ident: int, data: bytes, *, controle: int | None = None) -> bytes:
    volledig = (_TYPE.get(ident, 0x0006) << 16) | ident
    som = sum(data) & 0xFFFF if controle is None else controle
    return struct.pack("<BII", niveau, volledig, len(data)) + data + struct.pack("<H", som)


def _opgevuld(data: bytes) -> bytes:
    return data + b"\x00" * (-len(data) % 4)


def eigenschappen(waarden: Sequence[tuple[int, int, object]]) -> bytes:
    """A MAPI property list of (type, id, value); a named property (id >= 0x8000) gets a
    numeric name in the PS_PUBLIC_STRINGS set."""
    uit = struct.pack("<I", len(waarden))
    for soort, ident, waarde in waarden:
        uit += struct.pack("<HH", soort, ident)
        if ident >= 0x8000:
            uit += bytes(16) + struct.pack("<II", 0, 0x8001)
        if soort in (tnef.PT_UNICODE, tnef.PT_STRING8, tnef.PT_BINARY, tnef.PT_OBJECT):
            if soort == tnef.PT_UNICODE:
                ruw = str(waarde).encode("utf-16-le") + b"\x00\x00"
            elif soort == tnef.PT_STRING8:
                ruw = str(waarde).encode("cp1252") + b"\x00"
            elif soort == tnef.PT_OBJECT:
                ruw = bytes(16) + bytes(waarde)  # type: ignore[arg-type]
            else:
                ruw = bytes(waarde)  # type: ignore[arg-type]
            uit += struct.pack("<II", 1, len(ruw)) + _opgevuld(ruw)
        elif soort == 0x0003:
            uit += struct.pack("<I", int(waarde))  # type: ignore[call-overload]
        elif soort == 0x0040:
            uit += struct.pack("<Q", int(waarde))  # type: ignore[call-overload]
        else:
            raise ValueError(f"type {soort:#x} not written by this helper")
    return uit


def winmail(
    bijlagen: Sequence[tuple[str, bytes, str]],
    *,
    lange_namen: bool = True,
    tekst: str = "",
    codepage: int = 1252,
) -> bytes:
    """A winmail.dat with (name, content, MIME type) attachments; with ``lange_namen``
    the name also as PR_ATTACH_LONG_FILENAME (Outlook writes an 8.3 title besides)."""
    uit = struct.pack("<IH", tnef.SIGNATUUR, 0x1234)
    uit += attribuut(tnef.NIVEAU_BERICHT, 0x9006, struct.pack("<I", 0x00010000))
    uit += attribuut(tnef.NIVEAU_BERICHT, tnef.ATT_OEM_CODEPAGE, struct.pack("<II", codepage, 0))
    uit += attribuut(tnef.NIVEAU_BERICHT, 0x8008, b"IPM.Microsoft Mail.Note\x00")
    props: list[tuple[int, int, object]] = [(0x0003, 0x0E07, 1), (0x0003, 0x8005, 7)]
    if tekst:
        props.append((tnef.PT_UNICODE, tnef.PR_BODY, tekst))
    uit += attribuut(tnef.NIVEAU_BERICHT, tnef.ATT_MSG_PROPS, eigenschappen(props))
    for naam, inhoud, formaat in bijlagen:
        kort = naam if len(naam) <= 12 else naam[:6].upper() + "~1" + naam[naam.rfind(".") :][:4]
        uit += attribuut(tnef.NIVEAU_BIJLAGE, tnef.ATT_ATTACH_REND_DATA, bytes(14))
        uit += attribuut(tnef.NIVEAU_BIJLAGE, tnef.ATT_ATTACH_TITLE, kort.encode("cp1252") + b"\0")
        uit += attribuut(tnef.NIVEAU_BIJLAGE, tnef.ATT_ATTACH_DATA, inhoud)
        attach: list[tuple[int, int, object]] = [(0x0003, 0x3705, 1)]
        if lange_namen:
            attach.append((tnef.PT_UNICODE, tnef.PR_ATTACH_LONG_FILENAME, naam))
        if formaat:
            attach.append((tnef.PT_STRING8, tnef.PR_ATTACH_MIME_TAG, formaat))
        attach.append((0x0040, 0x3007, 132000000000000000))
        uit += attribuut(tnef.NIVEAU_BIJLAGE, tnef.ATT_ATTACHMENT, eigenschappen(attach))
    return uit
