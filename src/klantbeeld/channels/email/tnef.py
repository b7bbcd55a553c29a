"""The attachments in ``winmail.dat`` (application/ms-tnef): Outlook and Exchange wrap a
mail's attachments in it when they send "rich text", so without this reader a citizen's
files would reach the register as one opaque blob.

Read after Microsoft's published format, [MS-OXTNEF]: a signature, then attributes
(level, id, length, data, checksum). An attachment starts at ``attAttachRendData``; its
bytes are in ``attAttachData`` (or the MAPI property PR_ATTACH_DATA_BIN), its name in
``attAttachTitle`` (8.3) or, better, PR_ATTACH_LONG_FILENAME in ``attAttachment``'s MAPI
properties. Anything this reader does not follow raises ``TnefFout``: the caller then keeps
the winmail.dat itself."""

from __future__ import annotations

import codecs
import struct
from dataclasses import dataclass, field

SIGNATUUR = 0x223E9F78
NIVEAU_BERICHT = 0x01
NIVEAU_BIJLAGE = 0x02

# Attribute ids (the low word of the attribute; the high word is its type).
ATT_BODY = 0x800C
ATT_OEM_CODEPAGE = 0x9007
ATT_MSG_PROPS = 0x9003
ATT_ATTACH_REND_DATA = 0x9002
ATT_ATTACH_TITLE = 0x8010
ATT_ATTACH_DATA = 0x800F
ATT_ATTACHMENT = 0x9005

# MAPI property ids.
PR_BODY = 0x1000
PR_BODY_HTML = 0x1013
PR_DISPLAY_NAME = 0x3001
PR_ATTACH_DATA = 0x3701
PR_ATTACH_FILENAME = 0x3704
PR_ATTACH_LONG_FILENAME = 0x3707
PR_ATTACH_MIME_TAG = 0x370E

# MAPI property types: fixed sizes (as stored, padding included) and the variable ones.
_VAST = {
    0x0002: 4,  # PtypInteger16
    0x0003: 4,  # PtypInteger32
    0x0004: 4,  # PtypFloating32
    0x0005: 8,  # PtypFloating64
    0x0006: 8,  # PtypCurrency
    0x0007: 8,  # PtypFloatingTime
    0x000A: 4,  # PtypErrorCode
    0x000B: 4,  # PtypBoolean
    0x0014: 8,  # PtypInteger64
    0x0040: 8,  # PtypTime
    0x0048: 16,  # PtypGuid
}
PT_STRING8 = 0x001E
PT_UNICODE = 0x001F
PT_BINARY = 0x0102
PT_OBJECT = 0x000D
_VARIABEL = {PT_STRING8, PT_UNICODE, PT_BINARY, PT_OBJECT}
MEERVOUDIG = 0x1000


class TnefFout(ValueError):
    """Not a TNEF stream this reader can follow."""


@dataclass(frozen=True)
class TnefBijlage:
    naam: str
    inhoud: bytes
    formaat: str


@dataclass
class Tnef:
    bijlagen: list[TnefBijlage]
    tekst: str = ""
    html: str = ""


@dataclass
class _Deel:
    titel: str = ""
    data: bytes | None = None
    eigenschappen: dict[int, object] = field(default_factory=dict)


class _Stroom:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.positie = 0

    def op(self) -> bool:
        return self.positie >= len(self.data)

    def lees(self, lengte: int) -> bytes:
        if lengte < 0 or self.positie + lengte > len(self.data):
            raise TnefFout("afgebroken TNEF-gegevens")
        stuk = self.data[self.positie : self.positie + lengte]
        self.positie += lengte
        return stuk

    def u8(self) -> int:
        return self.lees(1)[0]

    def u16(self) -> int:
        return int(struct.unpack("<H", self.lees(2))[0])

    def u32(self) -> int:
        return int(struct.unpack("<I", self.lees(4))[0])

    def opvulling(self, lengte: int) -> None:
        self.lees(-lengte % 4)


def lees_tnef(data: bytes) -> Tnef:
    stroom = _Stroom(data)
    if stroom.u32() != SIGNATUUR:
        raise TnefFout("geen TNEF-handtekening")
    stroom.u16()  # the legacy key, which nothing needs
    codepage = "cp1252"
    delen: list[_Deel] = []
    bericht: dict[int, object] = {}
    tekst = ""
    while not stroom.op():
        niveau, attribuut, inhoud = _attribuut(stroom)
        if attribuut == ATT_OEM_CODEPAGE and len(inhoud) >= 4:
            codepage = _codepage(struct.unpack("<I", inhoud[:4])[0])
        elif attribuut == ATT_ATTACH_REND_DATA:
            delen.append(_Deel())
        elif niveau == NIVEAU_BIJLAGE and delen:
            _bijlage_attribuut(delen[-1], attribuut, inhoud, codepage)
        elif niveau == NIVEAU_BERICHT and attribuut == ATT_BODY:
            tekst = _string8(inhoud, codepage)
        elif niveau == NIVEAU_BERICHT and attribuut == ATT_MSG_PROPS:
            bericht.update(mapi_eigenschappen(inhoud, codepage))
    return Tnef(
        bijlagen=[b for b in (_bijlage(deel, n) for n, deel in enumerate(delen, 1)) if b],
        tekst=tekst or _als_tekst(bericht.get(PR_BODY), codepage),
        html=_als_tekst(bericht.get(PR_BODY_HTML), codepage),
    )


def _attribuut(stroom: _Stroom) -> tuple[int, int, bytes]:
    niveau = stroom.u8()
    if niveau not in (NIVEAU_BERICHT, NIVEAU_BIJLAGE):
        raise TnefFout(f"onbekend niveau {niveau:#04x}")
    attribuut = stroom.u32() & 0xFFFF
    inhoud = stroom.lees(stroom.u32())
    if stroom.u16() != sum(inhoud) & 0xFFFF:
        raise TnefFout("controlegetal klopt niet")
    return niveau, attribuut, inhoud


def _bijlage_attribuut(deel: _Deel, attribuut: int, inhoud: bytes, codepage: str) -> None:
    if attribuut == ATT_ATTACH_TITLE:
        deel.titel = _string8(inhoud, codepage)
    elif attribuut == ATT_ATTACH_DATA:
        deel.data = inhoud
    elif attribuut == ATT_ATTACHMENT:
        deel.eigenschappen.update(mapi_eigenschappen(inhoud, codepage))


def _bijlage(deel: _Deel, nummer: int) -> TnefBijlage | None:
    data = deel.data
    if data is None:
        binnen = deel.eigenschappen.get(PR_ATTACH_DATA)
        data = binnen if isinstance(binnen, bytes) else None
    if not data:
        return None
    naam = ""
    for eigenschap in (PR_ATTACH_LONG_FILENAME, PR_ATTACH_FILENAME, PR_DISPLAY_NAME):
        waarde = deel.eigenschappen.get(eigenschap)
        if isinstance(waarde, str) and waarde.strip():
            naam = waarde.strip()
            break
    formaat = deel.eigenschappen.get(PR_ATTACH_MIME_TAG)
    return TnefBijlage(
        naam=naam or deel.titel.strip() or f"bijlage-{nummer}",
        inhoud=data,
        formaat=formaat.strip() if isinstance(formaat, str) else "",
    )


def mapi_eigenschappen(data: bytes, codepage: str) -> dict[int, object]:
    """A MAPI property list ([MS-OXTNEF] 2.1.3.4): id -> value (str, bytes, int or a list
    for multi-valued properties). Named properties (ids from 0x8000) are read past."""
    stroom = _Stroom(data)
    aantal = stroom.u32()
    if aantal > len(data) // 4:
        raise TnefFout("onmogelijk aantal eigenschappen")
    gevonden: dict[int, object] = {}
    for _ in range(aantal):
        soort = stroom.u16()
        eigenschap = stroom.u16()
        if eigenschap >= 0x8000:
            _naam_overslaan(stroom)
        basis = soort & ~MEERVOUDIG
        meervoudig = bool(soort & MEERVOUDIG)
        aantal_waarden = stroom.u32() if meervoudig or basis in _VARIABEL else 1
        if aantal_waarden > len(data):
            raise TnefFout("onmogelijk aantal waarden")
        waarden = [_waarde(stroom, basis, codepage) for _ in range(aantal_waarden)]
        gevonden[eigenschap] = waarden if meervoudig else (waarden[0] if waarden else None)
    return gevonden


def _naam_overslaan(stroom: _Stroom) -> None:
    stroom.lees(16)  # the property set's GUID
    if stroom.u32() == 0:
        stroom.u32()  # a numeric name
    else:
        lengte = stroom.u32()
        stroom.lees(lengte)
        stroom.opvulling(lengte)


def _waarde(stroom: _Stroom, soort: int, codepage: str) -> object:
    if soort in _VAST:
        ruw = stroom.lees(_VAST[soort])
        return int.from_bytes(ruw[:4], "little") if soort in (0x0002, 0x0003, 0x000B) else ruw
    if soort not in _VARIABEL:
        raise TnefFout(f"onbekend eigenschapstype {soort:#06x}")
    lengte = stroom.u32()
    ruw = stroom.lees(lengte)
    stroom.opvulling(lengte)
    if soort == PT_UNICODE:
        return ruw.decode("utf-16-le", "replace").rstrip("\x00")
    if soort == PT_STRING8:
        return _string8(ruw, codepage)
    if soort == PT_OBJECT:
        return ruw[16:]  # after the interface's GUID
    return ruw


def _string8(ruw: bytes, codepage: str) -> str:
    return ruw.split(b"\x00", 1)[0].decode(codepage, "replace")


def _als_tekst(waarde: object, codepage: str) -> str:
    if isinstance(waarde, str):
        return waarde
    if isinstance(waarde, bytes):
        return _string8(waarde, codepage)
    return ""


def _codepage(nummer: int) -> str:
    naam = "utf-8" if nummer == 65001 else f"cp{nummer}"
    try:
        return codecs.lookup(naam).name
    except LookupError:
        return "cp1252"
