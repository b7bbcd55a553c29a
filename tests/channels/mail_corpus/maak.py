"""Writes the mail corpus (the .eml files beside this file) that test_mail_corpus.py feeds
through a real mailbox: what citizens' mail programs, Outlook, mailing lists, auto-
responders and mail servers send, including the broken kinds. Run it again after a change:

    python -m tests.channels.mail_corpus.maak

Each message is written byte for byte (CRLF line ends), not built with the email package,
so the odd encodings stay as odd as they are in the wild. A too-big message is made by the
test itself (a repository needs no 30 MB file)."""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

from tests.channels.mail_corpus.tnef_schrijver import winmail

MAP = Path(__file__).parent
KOP = (
    "Return-Path: <{van}>\r\n"
    "Received: from mail.example.org (mail.example.org [192.0.2.10])\r\n"
    "\tby mx.gemeente.local with ESMTPS id 4Q1; Mon, 6 Jul 2026 09:14:02 +0200\r\n"
    "From: {naam} <{van}>\r\n"
    "To: info@gemeente.local\r\n"
    "Date: Mon, 6 Jul 2026 09:13:58 +0200\r\n"
    "Message-ID: <{id}@example.org>\r\n"
    "MIME-Version: 1.0\r\n"
)

# A 1x1 PNG and a tiny PDF: real files, small.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def kop(ident: str, naam: str = "Jan de Vries", van: str = "jan@example.org") -> bytes:
    # Names outside ASCII go raw, in UTF-8, as RFC 6532 mail programs write them.
    return KOP.format(id=ident, naam=naam, van=van).encode("utf-8")


def b64(data: bytes) -> bytes:
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


def crlf(tekst: str) -> bytes:
    return tekst.replace("\n", "\r\n").encode("ascii")


def berichten() -> dict[str, bytes]:
    b: dict[str, bytes] = {}
    b["iso-8859-1.eml"] = (
        kop("latin1")
        + b"Subject: Vraag over de kermis\r\n"
        + b"Content-Type: text/plain; charset=iso-8859-1\r\n"
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + "Geachte heer/mevrouw,\r\n\r\nIk heb een vraag over het caf\xe9 op het plein: "
        "mag de na\xefeve eigenaar daar \xe9\xe9n terras plaatsen?\r\n\r\nGroet, Jan\r\n".encode(
            "iso-8859-1"
        )
    )
    b["windows-1252.eml"] = (
        kop("cp1252", "Sanne Bakker", "sanne@example.org")
        + b"Subject: Factuur =?windows-1252?Q?=80_12,50?=\r\n"
        # Outlook's habit: iso-8859-1 declared, windows-1252 written (quotes, euro sign).
        + b'Content-Type: text/plain; charset="iso-8859-1"\r\n'
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + "Ik kreeg een \u201cfactuur\u201d van \u20ac 12,50 \u2013 klopt dat?\r\n".encode("cp1252")
    )
    b["koi8-r.eml"] = (
        kop("koi8", "Ivan Petrov", "ivan@example.org")
        + b"Subject: =?koi8-r?B?"
        + base64.b64encode("Вопрос о парковке".encode("koi8-r"))  # noqa: RUF001
        + b"?=\r\n"
        + b"Content-Language: ru\r\n"
        + b"Content-Type: text/plain; charset=koi8-r\r\n"
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + "Здравствуйте! Где можно получить разрешение на парковку?\r\n".encode("koi8-r")
    )
    b["utf-8-base64.eml"] = (
        kop("utf8b64", "Zoë Çelik", "zoe@example.org")
        + b"Subject: =?utf-8?B?"
        + base64.b64encode("Afspraak paspoort — spoed 🙏".encode())
        + b"?=\r\n"
        + b"Content-Type: text/plain; charset=utf-8\r\n"
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + b64("Kan ik deze week nog een afspraak maken? Mijn paspoort verloopt 🙏 — Zoë".encode())
    )
    b["utf-8-quoted-printable.eml"] = (
        kop("utf8qp", "Mehmet Yılmaz", "mehmet@example.org")  # noqa: RUF001
        + b"Subject: =?UTF-8?Q?Geluidsoverlast_na_22=3A00_=E2=80=93_Stra=C3=9Fe?=\r\n"
        + b"Content-Type: text/plain; charset=UTF-8\r\n"
        + b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        + quopri.encodestring(
            (
                "De buren maken elke nacht lawaai na 22:00 uur. Dit is een lange regel die "
                "quoted-printable afbreekt met een zachte regeleinde, want regels mogen niet "
                "langer zijn dan 76 tekens – ook niet met een ß of een é erin.\n"  # noqa: RUF001
            ).encode()
        ).replace(b"\n", b"\r\n")
    )
    b["encoded-words.eml"] = (
        kop("words", "=?iso-8859-1?Q?Ren=E9e_M=FCller?=", "renee@example.org")
        # Two adjacent encoded words (the space between them is not text), a Q word with
        # underscores, and a word in a charset Python does not know (read as UTF-8).
        + b"Subject: =?utf-8?Q?Aanvraag_?= =?utf-8?B?dmVyaHVpemluZyDwn5qa?= en\r\n"
        + b" =?x-unknown-charset?Q?rest?=\r\n"
        + b"Content-Type: text/plain; charset=us-ascii\r\n\r\n"
        + b"Wij verhuizen per 1 augustus.\r\n"
    )
    b["html-only.eml"] = (
        kop("html", "Petra Smit", "petra@example.org")
        + b"Subject: Melding losliggende stoeptegel\r\n"
        + b"Content-Type: text/html\r\n"
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + (
            b'<html><head><meta charset="utf-8"><style>p{color:red}</style></head><body>'
            b"<p>Beste gemeente,</p><p>Op de <b>Kerkstraat 12</b> ligt een stoeptegel los.<br>"
            b"Zie ook <a href='https://kaart.example.org/1'>de kaart</a>.</p>"
            b"<ul><li>sinds maandag</li><li>bij de bushalte</li></ul>"
            b"<script>alert('x')</script><p>Met vriendelijke groet,<br>Petra</p></body></html>\r\n"
        )
    )
    b["nested-multipart.eml"] = (
        kop("nested", "Karin Jansen", "karin@example.org")
        + b"Subject: Foto van de kapotte lantaarnpaal\r\n"
        + b'Content-Type: multipart/mixed; boundary="=_mixed"\r\n\r\n'
        + b"This is a multi-part message in MIME format.\r\n"
        + b"--=_mixed\r\n"
        + b'Content-Type: multipart/alternative; boundary="=_alt"\r\n\r\n'
        + b"--=_alt\r\n"
        + b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + b"De lantaarnpaal bij nummer 3 is kapot. Foto hieronder en in de bijlage.\r\n"
        + b"--=_alt\r\n"
        + b'Content-Type: multipart/related; boundary="=_rel"; type="text/html"\r\n\r\n'
        + b"--=_rel\r\n"
        + b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        + b'<p>De lantaarnpaal bij nummer 3 is kapot.</p><img src="cid:foto1@example.org">\r\n'
        + b"--=_rel\r\n"
        + b"Content-Type: image/png\r\n"
        + b"Content-Transfer-Encoding: base64\r\n"
        + b"Content-ID: <foto1@example.org>\r\n"
        + b'Content-Disposition: inline; filename="lantaarnpaal.png"\r\n\r\n'
        + b64(PNG)
        + b"--=_rel--\r\n"
        + b"--=_alt--\r\n"
        + b"--=_mixed\r\n"
        + b'Content-Type: application/pdf; name="melding.pdf"\r\n'
        + b"Content-Transfer-Encoding: base64\r\n"
        # RFC 2231: a file name in UTF-8, percent-encoded.
        + b"Content-Disposition: attachment;\r\n"
        + b" filename*=utf-8''situatie%20schets%20%E2%82%AC.pdf\r\n\r\n"
        + b64(PDF)
        + b"--=_mixed--\r\n"
    )
    b["winmail.eml"] = (
        kop("winmail", "Bedrijf B.V.", "info@bedrijf.example.org")
        + b"Subject: Offerte en tekening\r\n"
        + b'Content-Type: multipart/mixed; boundary="=_outlook"\r\n\r\n'
        + b"--=_outlook\r\n"
        + b"Content-Type: text/plain; charset=us-ascii\r\n\r\n"
        + b"Bijgaand de offerte en de tekening voor de dakkapel.\r\n"
        + b"--=_outlook\r\n"
        + b'Content-Type: application/ms-tnef; name="winmail.dat"\r\n'
        + b"Content-Transfer-Encoding: base64\r\n"
        + b'Content-Disposition: attachment; filename="winmail.dat"\r\n\r\n'
        + b64(
            winmail(
                [
                    ("Offerte dakkapel 2026.pdf", PDF, "application/pdf"),
                    ("tekening.png", PNG, "image/png"),
                ]
            )
        )
        + b"--=_outlook--\r\n"
    )
    b["empty-body.eml"] = (
        kop("emptybody", "Lege Inhoud", "leeg@example.org")
        + b"Subject: Zie onderwerp: wanneer is het gemeentehuis open?\r\n"
        + b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    )
    # Two bytes: no header, no body (an IMAP server refuses zero bytes).
    b["empty-message.eml"] = b"\r\n"
    b["broken-boundary.eml"] = (
        kop("broken", "Kapot Bericht", "kapot@example.org")
        + b"Subject: Kapotte MIME\r\n"
        + b'Content-Type: multipart/mixed; boundary="declared-boundary"\r\n\r\n'
        + b"--another-boundary\r\n"
        + b"Content-Type: text/plain\r\n\r\n"
        + b"De grens hierboven is niet de aangekondigde.\r\n"
        + b"--another-boundary--\r\n"
    )
    b["truncated-multipart.eml"] = (
        kop("truncated", "Afgebroken Verzending", "afgebroken@example.org")
        + b"Subject: Bericht zonder slotgrens\r\n"
        + b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        + b"--b1\r\n"
        + b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + b"Dit bericht eindigt zonder afsluitende grens, maar is wel te lezen.\r\n"
        + b"--b1\r\n"
        + b'Content-Type: text/plain; name="notities.txt"\r\n'
        + b'Content-Disposition: attachment; filename="notities.txt"\r\n\r\n'
        + b"notitie een\r\nnotitie twee\r\n"
    )
    b["auto-reply.eml"] = (
        kop("ooo", "Jan de Vries", "jan@example.org")
        + b"Subject: Automatisch antwoord: Uw vraag aan de gemeente\r\n"
        + b"Auto-Submitted: auto-replied\r\n"
        + b"X-Auto-Response-Suppress: All\r\n"
        + b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + b"Ik ben afwezig tot en met 20 juli.\r\n"
    )
    b["list-mail.eml"] = (
        kop("nieuwsbrief", "Nieuwsbrief Wijkvereniging", "nieuws@wijk.example.org")
        + b"Subject: Nieuwsbrief juli\r\n"
        + b"Precedence: list\r\n"
        + b"List-Id: Wijkvereniging <nieuws.wijk.example.org>\r\n"
        + b"List-Unsubscribe: <mailto:leave@wijk.example.org>\r\n"
        + b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + b"Het wijkfeest is op 12 september.\r\n"
    )
    b["loop.eml"] = (
        kop("loop", "Gemeente Voorbeeld", "info@gemeente.local")
        + b"Subject: Uw vraag is ontvangen\r\n"
        + b"X-Klantbeeld-Verzending: 1\r\n"
        + b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + b"Wij hebben uw vraag ontvangen.\r\n"
    )
    b["dsn-standard.eml"] = (
        b"Return-Path: <>\r\n"
        + b"From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
        + b"To: info@gemeente.local\r\n"
        + b"Subject: Undelivered Mail Returned to Sender\r\n"
        + b"Date: Mon, 6 Jul 2026 10:00:00 +0200\r\n"
        + b"Message-ID: <dsn1@mx.example.net>\r\n"
        + b"Auto-Submitted: auto-replied\r\n"
        + b"MIME-Version: 1.0\r\n"
        + b'Content-Type: multipart/report; report-type=delivery-status; boundary="R"\r\n\r\n'
        + b"--R\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        + b"--R\r\nContent-Type: message/delivery-status\r\n\r\n"
        + b"Reporting-MTA: dns; mx.example.net\r\n\r\n"
        + b"Final-Recipient: rfc822; iemand@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        + b"Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
        + b"--R\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        + b"From: info@gemeente.local\r\nTo: iemand@example.net\r\nSubject: Antwoord\r\n"
        + b"Message-ID: <onbekend-bij-klantbeeld@gemeente.local>\r\n"
        + b"\r\n--R--\r\n"
    )
    b["bounce-nonstandard.eml"] = (
        b"Return-Path: <>\r\n"
        + b"From: postmaster@exchange.example.net\r\n"
        + b"To: info@gemeente.local\r\n"
        + b"Subject: Onbestelbaar: Antwoord op uw vraag\r\n"
        + b"Date: Mon, 6 Jul 2026 10:05:00 +0200\r\n"
        + b"Message-ID: <ndr2@exchange.example.net>\r\n"
        + b"MIME-Version: 1.0\r\n"
        + b'Content-Type: multipart/mixed; boundary="N"\r\n\r\n'
        + b"--N\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        + b"Het bericht kon niet worden bezorgd.\r\n"
        + b"Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'\r\n"
        + b"--N\r\nContent-Type: message/rfc822\r\n\r\n"
        + b"From: info@gemeente.local\r\nTo: weg@example.net\r\nSubject: Antwoord op uw vraag\r\n"
        + b"Message-ID: <ook-onbekend@gemeente.local>\r\n\r\nHet antwoord.\r\n"
        + b"--N--\r\n"
    )
    b["no-message-id.eml"] = (
        b"From: Zonder Id <zonderid@example.org>\r\n"
        + b"To: info@gemeente.local\r\n"
        + b"Subject: Bericht zonder Message-ID\r\n"
        + b"Date: Mon, 6 Jul 2026 11:00:00 +0200\r\n"
        + b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + b"Mijn mailprogramma zet er geen Message-ID in.\r\n"
    )
    b["raw-8bit-header.eml"] = (
        kop("raw8bit", "Björn van der Ĳssel", "bjorn@example.org")
        + "Subject: Vraag over de brug bij de Ĳssel — raw UTF-8\r\n".encode()
        + b"Content-Type: text/plain; charset=utf-8\r\n"
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + "Wanneer gaat de brug over de Ĳssel weer open?\r\n".encode()
    )
    b["forwarded-attachment.eml"] = (
        kop("fwd", "Doorstuur Der", "door@example.org")
        + b"Subject: Fwd: bevestiging\r\n"
        + b'Content-Type: multipart/mixed; boundary="F"\r\n\r\n'
        + b"--F\r\nContent-Type: text/plain\r\n\r\nZie de doorgestuurde mail.\r\n"
        + b"--F\r\nContent-Type: message/rfc822\r\n\r\n"
        + b"From: iemand@example.org\r\nSubject: Bevestiging afspraak\r\n"
        + b"Message-ID: <binnen@example.org>\r\n\r\nUw afspraak staat.\r\n"
        + b"--F--\r\n"
    )
    b["no-sender.eml"] = (
        b"To: info@gemeente.local\r\n"
        + b"Subject: Wie ben ik?\r\n"
        + b"Message-ID: <nosender@example.org>\r\n"
        + b"Content-Type: text/plain\r\n\r\n"
        + b"Dit bericht heeft geen afzender.\r\n"
    )
    b["many-hops.eml"] = (
        b"".join(
            f"Received: from relay{n}.example.net by relay{n + 1}.example.net; "
            "Mon, 6 Jul 2026 09:00:00 +0200\r\n".encode()
            for n in range(40)
        )
        + kop("hops", "Rond Gaande", "rond@example.org")
        + b"Subject: Rondjes\r\nContent-Type: text/plain\r\n\r\nIk ga rond.\r\n"
    )
    return b


def main() -> None:
    for naam, inhoud in berichten().items():
        (MAP / naam).write_bytes(inhoud)
        print(f"{naam}: {len(inhoud)} bytes")


if __name__ == "__main__":
    main()
