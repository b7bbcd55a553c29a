"""A received mail as the intake needs it: who sent it, its subject, its text, its
attachments, what it answers, and a fingerprint of its content.

Real-world mail is parsed with the standard library's tolerant compat32 parser, which
records defects instead of raising. The text is the text/plain body where there is one,
else the HTML converted to text; every other leaf part is an attachment (inline images
too: a screenshot pasted into an HTML mail exists nowhere else); a winmail.dat is opened.
Only a message that cannot be read as a mail at all raises ``Onleesbaar``: the caller keeps
it aside (quarantine), never drops it."""

from __future__ import annotations

import datetime
import email
import email.policy
import hashlib
import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import errors
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from klantbeeld.channels.email.html import html_naar_tekst
from klantbeeld.channels.email.tekens import koptekst, tekst_uit_bytes, zonder_besturingstekens
from klantbeeld.channels.email.tnef import TnefFout, lees_tnef

# Defects after which the parts of a multipart cannot be told apart.
_ONLEESBARE_STRUCTUUR = (errors.NoBoundaryInMultipartDefect, errors.StartBoundaryNotFoundDefect)
_BERICHT_ID = re.compile(r"<[^<>\s]+>")
_ADRES = EmailValidator()
TNEF_TYPEN = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})


class Onleesbaar(ValueError):
    """The message cannot be read as a mail; ``str()`` says why (for the administrator)."""


@dataclass(frozen=True)
class Bijlage:
    naam: str
    inhoud: bytes
    formaat: str


@dataclass(frozen=True)
class Mail:
    ruw: bytes
    kop: Message
    bericht_id: str  # the Message-ID as written, "<…>"; "" when it has none
    onderwerp: str
    afzender: str  # the address
    afzender_naam: str
    tekst: str
    taal: str
    bijlagen: tuple[Bijlage, ...]
    # The ids this mail answers: In-Reply-To first, then References from the newest.
    verwijzingen: tuple[str, ...]
    inhoudshash: str
    verzonden_op: datetime.datetime | None = None
    gebreken: tuple[str, ...] = field(default=())


def ontleed(ruw: bytes) -> Message:
    """The parsed message (compat32: defects recorded, nothing raised, bytes kept)."""
    return email.message_from_bytes(ruw, policy=email.policy.compat32)


def kopwaarden(bericht: Message, naam: str) -> list[str]:
    """Every value of header field ``naam``, decoded."""
    gezocht = naam.lower()
    return [
        koptekst(waarde) for sleutel, waarde in bericht.raw_items() if sleutel.lower() == gezocht
    ]


def kop(bericht: Message, naam: str) -> str:
    waarden = kopwaarden(bericht, naam)
    return waarden[0] if waarden else ""


def bericht_ids(waarde: str) -> list[str]:
    return _BERICHT_ID.findall(waarde)


def bericht_id_van(bericht: Message) -> str:
    waarde = kop(bericht, "Message-ID")
    gevonden = bericht_ids(waarde)
    # A Message-ID without its angle brackets (some mailers write them so) still names it.
    return (gevonden[0] if gevonden else waarde.strip())[:998]


def inhoudshash(ruw: bytes, *, grootte: int | None = None) -> str:
    """A fingerprint of what the sender wrote: the originator's header fields and the
    body, not the trace fields each delivery adds (Received, Return-Path, Delivered-To),
    so the same mail delivered twice has one fingerprint. With ``grootte`` (a message
    too big to fetch, of which only the header is at hand) the size stands for the body."""
    kopblok, _, romp = ruw.replace(b"\r\n", b"\n").partition(b"\n\n")
    velden = _velden(kopblok)
    stukken = [velden.get(naam, b"") for naam in (b"from", b"to", b"cc", b"subject", b"date")]
    stukken.append(velden.get(b"message-id", b""))
    stukken.append(str(grootte).encode() if grootte is not None else romp)
    return hashlib.sha256(b"\0".join(stukken)).hexdigest()


def _velden(kopblok: bytes) -> dict[bytes, bytes]:
    velden: dict[bytes, bytes] = {}
    naam = b""
    for regel in kopblok.split(b"\n"):
        if regel[:1] in (b" ", b"\t") and naam:
            velden[naam] += b" " + regel.strip()
            continue
        sleutel, dubbelepunt, waarde = regel.partition(b":")
        naam = sleutel.strip().lower() if dubbelepunt else b""
        if naam and naam not in velden:
            velden[naam] = waarde.strip()
    return velden


def lees(ruw: bytes) -> Mail:
    if not ruw.strip():
        raise Onleesbaar("Leeg bericht: geen kop en geen inhoud.")
    bericht = ontleed(ruw)
    if not list(bericht.raw_items()):
        raise Onleesbaar("Geen kopregels: dit is geen e-mailbericht.")
    gebreken = [type(gebrek).__name__ for deel in bericht.walk() for gebrek in deel.defects]
    if any(isinstance(g, _ONLEESBARE_STRUCTUUR) for d in bericht.walk() for g in d.defects):
        raise Onleesbaar(
            "De MIME-structuur is onleesbaar: de grens tussen de delen (boundary) ontbreekt "
            f"of klopt niet ({', '.join(sorted(set(gebreken)))})."
        )
    naam, adres = afzender(bericht)
    if not adres:
        raise Onleesbaar("Geen geldig afzenderadres (From, Sender, Reply-To of Return-Path).")
    inhoud = _Inhoud()
    inhoud.lees(bericht)
    return Mail(
        ruw=ruw,
        kop=bericht,
        bericht_id=bericht_id_van(bericht),
        onderwerp=zonder_besturingstekens(kop(bericht, "Subject")).replace("\n", " ").strip(),
        afzender=adres,
        afzender_naam=naam,
        tekst=inhoud.tekst(),
        taal=taal(kop(bericht, "Content-Language")),
        bijlagen=tuple(inhoud.bijlagen),
        verwijzingen=verwijzingen(bericht),
        inhoudshash=inhoudshash(ruw),
        verzonden_op=_datum(kop(bericht, "Date")),
        gebreken=tuple(sorted(set(gebreken))),
    )


def afzender(bericht: Message) -> tuple[str, str]:
    """(display name, address) of who sent it: From, else Sender, Reply-To, Return-Path."""
    for veld in ("From", "Sender", "Reply-To", "Return-Path"):
        for naam, adres in getaddresses(kopwaarden(bericht, veld)):
            adres = adres.strip()
            try:
                _ADRES(adres)
            except ValidationError:
                continue
            naam = zonder_besturingstekens(naam).replace("\n", " ").strip()
            return ("" if "@" in naam else naam), adres
    return "", ""


def verwijzingen(bericht: Message) -> tuple[str, ...]:
    gevonden = bericht_ids(kop(bericht, "In-Reply-To"))
    gevonden += reversed(bericht_ids(" ".join(kopwaarden(bericht, "References"))))
    return tuple(dict.fromkeys(gevonden))


def _datum(waarde: str) -> datetime.datetime | None:
    try:
        moment = parsedate_to_datetime(waarde)
    except (TypeError, ValueError, IndexError):
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)


class _Inhoud:
    """Walks the MIME tree: body texts in order, everything else as attachments."""

    def __init__(self) -> None:
        self.teksten: list[str] = []
        self.bijlagen: list[Bijlage] = []

    def tekst(self) -> str:
        return "\n\n".join(t for t in (t.strip() for t in self.teksten) if t)

    def lees(self, deel: Message, tekst_gekozen: bool = False) -> None:
        soort = deel.get_content_type()
        if soort in ("message/rfc822", "message/global"):
            self._doorgestuurd(deel)
        elif soort.startswith("multipart/") and deel.is_multipart():
            self._meerdelig(deel, soort, tekst_gekozen)
        elif deel.is_multipart():
            # message/delivery-status and the like: header blocks, no file of their own
            # (the whole mail is kept as .eml).
            return
        elif _is_tekst(deel):
            if not tekst_gekozen:
                self._tekst(deel)
            # else: another rendering of the text already read (multipart/alternative)
        else:
            self._bijlage(deel)

    def _meerdelig(self, deel: Message, soort: str, tekst_gekozen: bool) -> None:
        delen = [d for d in _delen(deel)]
        if soort == "multipart/alternative" and not tekst_gekozen and delen:
            # RFC 2046: alternatives of the same content; the plain one reads best here,
            # the others may still carry images that exist nowhere else.
            gekozen = _beste_alternatief(delen)
            for index, alternatief in enumerate(delen):
                self.lees(alternatief, tekst_gekozen=index != gekozen)
            return
        for alternatief in delen:
            self.lees(alternatief, tekst_gekozen)

    def _tekst(self, deel: Message) -> None:
        data = _payload(deel)
        tekst = tekst_uit_bytes(data, deel.get_content_charset() or _html_charset(deel, data))
        if deel.get_content_type() == "text/html":
            tekst = html_naar_tekst(tekst)
        self.teksten.append(zonder_besturingstekens(tekst))

    def _bijlage(self, deel: Message) -> None:
        data = _payload(deel)
        if not data:
            return  # nothing to keep (and the whole mail is kept as .eml anyway)
        naam = bestandsnaam(deel, len(self.bijlagen) + 1)
        is_tnef = deel.get_content_type() in TNEF_TYPEN or naam.lower() == "winmail.dat"
        if is_tnef and self._tnef(data):
            return
        self.bijlagen.append(Bijlage(naam=naam, inhoud=data, formaat=deel.get_content_type()))

    def _tnef(self, data: bytes) -> bool:
        try:
            tnef = lees_tnef(data)
        except TnefFout:
            return False
        for bijlage in tnef.bijlagen:
            formaat = bijlage.formaat or _formaat_bij(bijlage.naam)
            self.bijlagen.append(Bijlage(schone_naam(bijlage.naam), bijlage.inhoud, formaat))
        if not self.tekst():
            self.teksten.append(tnef.tekst or html_naar_tekst(tnef.html))
        return True

    def _doorgestuurd(self, deel: Message) -> None:
        """A mail attached to this one (forwarded as attachment) is kept whole, as .eml."""
        binnen = deel.get_payload()
        if isinstance(binnen, list) and binnen and isinstance(binnen[0], Message):
            data = binnen[0].as_bytes(policy=email.policy.compat32)
            onderwerp = kop(binnen[0], "Subject")
        else:
            data, onderwerp = _payload(deel), ""
        if not data:
            return
        naam = deel.get_filename() and bestandsnaam(deel, len(self.bijlagen) + 1)
        naam = naam or f"{_stam(onderwerp) or 'doorgestuurd-bericht'}.eml"
        self.bijlagen.append(Bijlage(naam=naam, inhoud=data, formaat="message/rfc822"))


def _delen(deel: Message) -> Iterator[Message]:
    payload = deel.get_payload()
    if isinstance(payload, list):
        yield from (d for d in payload if isinstance(d, Message))


def _beste_alternatief(delen: list[Message]) -> int:
    soorten = [d.get_content_type() for d in delen]
    for gewenst in ("text/plain", "text/html"):
        for index, soort in enumerate(soorten):
            if soort == gewenst and _is_tekst(delen[index]):
                return index
    # multipart/related (HTML with its images) or something else: the richest, last one.
    return len(delen) - 1


def _is_tekst(deel: Message) -> bool:
    """A body text, not a text file attached."""
    if deel.get_content_type() not in ("text/plain", "text/html"):
        return False
    return deel.get_content_disposition() != "attachment" and not deel.get_filename()


def _payload(deel: Message) -> bytes:
    try:
        data = deel.get_payload(decode=True)
    except Exception:  # a transfer encoding the library trips over: keep it as it came
        data = None
    if isinstance(data, bytes):
        return data
    ruw = deel.get_payload()
    return ruw.encode("ascii", "surrogateescape") if isinstance(ruw, str) else b""


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def _html_charset(deel: Message, data: bytes) -> str | None:
    if deel.get_content_type() != "text/html":
        return None
    gevonden = _META_CHARSET.search(data[:4096])
    return gevonden.group(1).decode("ascii") if gevonden else None


def bestandsnaam(deel: Message, nummer: int) -> str:
    try:
        naam = deel.get_filename() or deel.get_param("name") or ""
    except Exception:  # a broken RFC 2231 parameter
        naam = ""
    if isinstance(naam, tuple):  # RFC 2231 (charset, language, value) left undecoded
        naam = tekst_uit_bytes(str(naam[2]).encode("latin-1", "replace"), naam[0])
    naam = schone_naam(koptekst(naam))
    if naam:
        return naam
    extensie = mimetypes.guess_extension(deel.get_content_type()) or ".bin"
    return f"bijlage-{nummer}{extensie}"


def schone_naam(naam: str) -> str:
    """A file name without a path, control characters or quotes, at most 255 characters."""
    naam = re.split(r"[\\/]", naam.strip())[-1]
    naam = re.sub(r'[\x00-\x1f\x7f"<>|?*:]', "", naam).strip(" .")
    if len(naam) > 255:
        stam, punt, extensie = naam.rpartition(".")
        naam = f"{stam[: 250 - len(extensie)]}.{extensie}" if punt and len(extensie) < 10 else naam
    return naam[:255]


def _formaat_bij(naam: str) -> str:
    return mimetypes.guess_type(naam)[0] or "application/octet-stream"


def _stam(onderwerp: str) -> str:
    return re.sub(r"[^\w.-]+", "-", onderwerp, flags=re.UNICODE).strip("-.")[:60]


def eml_naam(onderwerp: str) -> str:
    return f"{_stam(onderwerp) or 'e-mail'}.eml"


# ISO 639-1 to the register's three-letter codes (the form of its example "nld"; a
# three-letter code given by the sender is kept as given).
_TALEN = {
    "nl": "nld", "en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita",
    "pt": "por", "pl": "pol", "tr": "tur", "ar": "ara", "zh": "zho", "ru": "rus",
    "uk": "ukr", "ro": "ron", "bg": "bul", "fy": "fry", "so": "som", "ti": "tir",
    "fa": "fas", "hu": "hun", "cs": "ces", "sk": "slk", "el": "ell", "lt": "lit",
    "lv": "lav", "et": "est", "da": "dan", "sv": "swe", "no": "nor", "nb": "nob",
    "fi": "fin", "hr": "hrv", "sr": "srp", "bs": "bos", "sq": "sqi", "ku": "kur",
    "ur": "urd", "hi": "hin", "id": "ind", "vi": "vie", "th": "tha", "ja": "jpn",
    "ko": "kor", "he": "heb", "am": "amh", "prs": "prs", "ps": "pus", "ber": "ber",
}  # fmt: skip


def taal(content_language: str) -> str:
    """The language of Content-Language (RFC 3282; the first one named), else Dutch."""
    eerste = re.split(r"[,\s]", content_language.strip(), maxsplit=1)[0]
    hoofd = eerste.split("-", 1)[0].lower()
    if hoofd in _TALEN:
        return _TALEN[hoofd]
    if len(hoofd) == 3 and hoofd.isascii() and hoofd.isalpha():
        return hoofd
    return "nld"
