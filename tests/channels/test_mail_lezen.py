"""Reading mail as it comes: charsets and encoded words, HTML as text, winmail.dat, the
sender's name, the language, and telling customers' mail from automatic mail, loops and
bounces. No server needed: these are the rules the reader applies to every message."""

from __future__ import annotations

import datetime
import struct

import pytest

from klantbeeld.channels.email import tnef
from klantbeeld.channels.email.herkennen import (
    AUTOMATISCH,
    KLANTCONTACT,
    LUS,
    ONBESTELBAAR,
    herken,
)
from klantbeeld.channels.email.html import html_naar_tekst
from klantbeeld.channels.email.imap import _internaldate
from klantbeeld.channels.email.lezen import Onleesbaar, inhoudshash, lees, ontleed, taal
from klantbeeld.channels.email.namen import naamdelen
from klantbeeld.channels.email.tekens import koptekst, tekst_uit_bytes
from tests.channels.mail_corpus import corpus
from tests.channels.mail_corpus.tnef_schrijver import attribuut, eigenschappen, winmail

PDF = b"%PDF-1.4\n%%EOF\n"


# -- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "charset", "tekst"),
    [
        ("café".encode("latin-1"), "iso-8859-1", "café"),
        # Declared iso-8859-1, written windows-1252 (Outlook): quotes and euro survive.
        ("“€”".encode("cp1252"), "ISO-8859-1", "“€”"),
        ("ĳs".encode(), "us-ascii", "ĳs"),  # declared ASCII, really UTF-8
        ("naïef".encode("cp1252"), None, "naïef"),  # undeclared, not UTF-8
        ("привет".encode("koi8-r"), "koi8-r", "привет"),
        ("中文".encode("gbk"), "gb2312", "中文"),  # the label mail uses for GBK/GB18030
        (b"\xff\xfe bad", "x-no-such-charset", "ÿþ bad"),  # unknown label: a fallback
        (b"\x81\x8d", "windows-1252", "\ufffd\ufffd"),  # bytes the charset lacks: replaced
    ],
)
def test_text_in_any_charset_is_read_and_never_raises(data, charset, tekst):
    assert tekst_uit_bytes(data, charset) == tekst


@pytest.mark.parametrize(
    ("waarde", "tekst"),
    [
        ("=?utf-8?B?w6lsw6k=?=", "élé"),
        ("=?ISO-8859-1?Q?Ren=E9e_M=FCller?=", "Renée Müller"),
        ("=?utf-8?Q?a?= =?utf-8?Q?b?=", "ab"),  # the space between two words is no text
        ("Re: =?utf-8?Q?caf=C3=A9?= open?", "Re: café open?"),
        ("=?utf-8?B?broken base64?=", "=?utf-8?B?broken base64?="),  # left as written
        ("=?utf-8*nl?Q?taal?=", "taal"),  # RFC 2231 language suffix
        ("Folded\r\n subject", "Folded subject"),
        ("Bj\udcc3\udcb6rn", "Björn"),  # raw UTF-8 bytes as the parser keeps them
    ],
)
def test_header_values_are_decoded(waarde, tekst):
    assert koptekst(waarde) == tekst


def test_html_becomes_readable_text():
    html = (
        "<html><head><title>x</title><style>p{}</style></head><body>"
        "<p>Beste gemeente,</p><p>De <b>lamp</b> is kapot.<br>Zie <a href='https://k.nl/1'>"
        "de kaart</a> en <a href='mailto:a@b.nl'>a@b.nl</a>.</p>"
        "<ul><li>een</li><li>twee</li></ul><ol start='3'><li>drie</li></ol>"
        "<blockquote><p>eerder bericht</p></blockquote><table><tr><td>a</td><td>b</td></tr>"
        "</table><pre>  vast\n  blok</pre><script>alert(1)</script><img alt='logo'>"
        "<p>Groet &amp; dank&nbsp;&#x263a;</p></body></html>"
    )
    assert html_naar_tekst(html) == (
        "Beste gemeente,\n\nDe lamp is kapot.\nZie de kaart (https://k.nl/1) en a@b.nl.\n\n"
        "- een\n- twee\n\n3. drie\n\n> eerder bericht\n\na\tb\n\n  vast\n  blok\n\n"
        "[logo]\n\nGroet & dank ☺"
    )


def test_tag_soup_gives_text_not_an_error():
    assert html_naar_tekst("<div>een <p>twee <b>drie</i> <<>> &bogus; </table>") == (
        "een\n\ntwee drie <<>> &bogus;"
    )


# -- winmail.dat -------------------------------------------------------------------------------


def test_winmail_dat_gives_its_attachments_with_their_long_names():
    gelezen = tnef.lees_tnef(
        winmail(
            [("Offerte dakkapel.pdf", PDF, "application/pdf"), ("a.txt", b"tekst", "")],
            tekst="De hoofdtekst",
        )
    )
    assert [(b.naam, b.inhoud, b.formaat) for b in gelezen.bijlagen] == [
        ("Offerte dakkapel.pdf", PDF, "application/pdf"),
        ("a.txt", b"tekst", ""),
    ]
    assert gelezen.tekst == "De hoofdtekst"


def test_without_long_names_the_8_3_title_is_used():
    gelezen = tnef.lees_tnef(winmail([("verslag.doc", b"DOC", "")], lange_namen=False))
    assert [b.naam for b in gelezen.bijlagen] == ["verslag.doc"]


def test_attachment_bytes_may_come_as_a_mapi_property():
    data = struct.pack("<IH", tnef.SIGNATUUR, 0)
    data += attribuut(tnef.NIVEAU_BIJLAGE, tnef.ATT_ATTACH_REND_DATA, bytes(14))
    data += attribuut(
        tnef.NIVEAU_BIJLAGE,
        tnef.ATT_ATTACHMENT,
        eigenschappen(
            [
                (tnef.PT_STRING8, tnef.PR_ATTACH_LONG_FILENAME, "oud bestand.txt"),
                (tnef.PT_BINARY, tnef.PR_ATTACH_DATA, b"inhoud"),
            ]
        ),
    )
    [bijlage] = tnef.lees_tnef(data).bijlagen
    assert (bijlage.naam, bijlage.inhoud) == ("oud bestand.txt", b"inhoud")


@pytest.mark.parametrize(
    "kapot",
    [
        b"",
        b"not tnef at all",
        winmail([("a.pdf", PDF, "")])[:-7],  # cut short
        winmail([("a.pdf", PDF, "")])[:40] + b"\xff" + winmail([("a.pdf", PDF, "")])[41:],
        struct.pack("<IH", tnef.SIGNATUUR, 0)
        + attribuut(tnef.NIVEAU_BIJLAGE, tnef.ATT_ATTACH_DATA, b"abc", controle=1),
    ],
)
def test_a_broken_winmail_dat_is_refused_not_misread(kapot):
    with pytest.raises(tnef.TnefFout):
        tnef.lees_tnef(kapot)


def test_a_broken_winmail_dat_stays_an_attachment_itself():
    raw = (
        b"From: a@example.org\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n"
        b"--B\r\nContent-Type: text/plain\r\n\r\nZie bijlage\r\n--B\r\n"
        b"Content-Type: application/ms-tnef\r\n"
        b'Content-Disposition: attachment; filename="winmail.dat"\r\n\r\nrubbish\r\n--B--\r\n'
    )
    assert [(b.naam, b.formaat) for b in lees(raw).bijlagen] == [
        ("winmail.dat", "application/ms-tnef")
    ]


# -- the sender, the language, the fingerprint -------------------------------------------------


@pytest.mark.parametrize(
    ("weergave", "delen"),
    [
        ("Fatima El Amrani", {"voornaam": "Fatima", "achternaam": "El Amrani"}),
        ("Jan de Vries", {"voornaam": "Jan", "voorvoegsel": "de", "achternaam": "Vries"}),
        ("Vries, Jan van", {"voornaam": "Jan", "voorvoegsel": "van", "achternaam": "Vries"}),
        ("Piet van den Berg", {"voornaam": "Piet", "voorvoegsel": "van den", "achternaam": "Berg"}),
        ("Gemeentebelangen", {"achternaam": "Gemeentebelangen"}),
        ('"Anne   Smit"', {"voornaam": "Anne", "achternaam": "Smit"}),
        ("", {}),
    ],
)  # fmt: skip
def test_the_display_name_becomes_a_contactnaam(weergave, delen):
    assert naamdelen(weergave) == delen


def test_an_address_as_display_name_is_no_name():
    mail = lees(b"From: jan@example.org <jan@example.org>\r\nSubject: x\r\n\r\ntekst\r\n")
    assert (mail.afzender_naam, mail.afzender) == ("", "jan@example.org")


@pytest.mark.parametrize(
    ("kop", "code"),
    [
        ("nl-NL", "nld"),
        ("en", "eng"),
        ("de-DE, en", "deu"),
        ("pap", "pap"),
        ("", "nld"),
        ("x-klingon", "nld"),
    ],
)
def test_the_language_comes_from_content_language(kop, code):
    assert taal(kop) == code


def test_the_fingerprint_ignores_what_each_delivery_adds():
    mail = b"From: a@example.org\r\nSubject: x\r\nMessage-ID: <1@x>\r\n\r\nHallo\r\n"
    herbezorgd = b"Received: by mx2; Tue, 7 Jul 2026\r\nReturn-Path: <a@example.org>\r\n" + mail
    assert inhoudshash(mail) == inhoudshash(herbezorgd)
    assert inhoudshash(mail) != inhoudshash(mail.replace(b"Hallo", b"Dag"))


def test_no_header_no_mail():
    with pytest.raises(Onleesbaar, match="Geen kopregels"):
        lees(b"Dit is geen mail, alleen tekst\r\nop twee regels\r\n")


def test_imap_arrival_times_are_read_in_any_locale():
    assert _internaldate(" 7-Jul-2026 09:14:02 +0200") == datetime.datetime(
        2026, 7, 7, 9, 14, 2, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
    )
    assert _internaldate("garbage") is None


# -- what kind of mail ------------------------------------------------------------------------


def soort(raw: bytes, eigen: tuple[str, ...] = ()) -> tuple[str, str]:
    herkenning = herken(ontleed(raw), eigen_bericht=lambda i: i in eigen)
    return herkenning.soort, herkenning.reden


KOP = b"From: Jan <jan@example.org>\r\nTo: info@gemeente.local\r\nMessage-ID: <m1@example.org>\r\n"


@pytest.mark.parametrize(
    ("extra", "verwacht"),
    [
        (b"", KLANTCONTACT),
        (b"Auto-Submitted: no\r\n", KLANTCONTACT),
        (b"Auto-Submitted: auto-replied\r\n", AUTOMATISCH),
        (b"Auto-Submitted: auto-generated; owner-email=x@y\r\n", AUTOMATISCH),
        (b"Precedence: bulk\r\n", AUTOMATISCH),
        (b"Precedence: junk\r\n", AUTOMATISCH),
        (b"List-Unsubscribe: <mailto:x@y>\r\n", AUTOMATISCH),
        (b"List-Post: <mailto:x@y>\r\n", AUTOMATISCH),
        (b"X-Autoreply: yes\r\n", AUTOMATISCH),
        (b"X-Autorespond: yes\r\n", AUTOMATISCH),
        (b"X-Auto-Response-Suppress: OOF\r\n", AUTOMATISCH),
        (b"Return-Path: <>\r\n", AUTOMATISCH),
        (b"X-Klantbeeld-Verzending: 1\r\n", LUS),
    ],
)
def test_automatic_bulk_and_list_mail_and_loops_are_recognised(extra, verwacht):
    assert soort(KOP + extra + b"Subject: x\r\n\r\nTekst\r\n")[0] == verwacht


def test_a_mail_with_the_message_id_of_one_we_sent_is_a_loop():
    assert soort(KOP + b"Subject: x\r\n\r\nt\r\n", eigen=("<m1@example.org>",))[0] == LUS


def test_a_read_receipt_is_kept_out():
    raw = KOP + (
        b'Subject: Gelezen\r\nContent-Type: multipart/report; report-type="disposition-'
        b'notification"; boundary=R\r\n\r\n--R\r\nContent-Type: text/plain\r\n\r\n'
        b"Gelezen\r\n--R--\r\n"
    )
    assert soort(raw) == (AUTOMATISCH, "Leesbevestiging (disposition-notification).")


def test_a_delay_report_is_a_bounce_that_did_not_fail():
    raw = corpus()["dsn-standard.eml"].replace(b"Action: failed", b"Action: delayed")
    herkenning = herken(ontleed(raw), eigen_bericht=lambda i: False)
    assert herkenning.soort == ONBESTELBAAR and herkenning.onbestelbaar is not None
    assert not herkenning.onbestelbaar.mislukt
    assert herkenning.onbestelbaar.bericht_ids == ("<onbekend-bij-klantbeeld@gemeente.local>",)


def test_a_non_standard_bounce_names_the_original_and_the_reason():
    herkenning = herken(ontleed(corpus()["bounce-nonstandard.eml"]), eigen_bericht=lambda i: False)
    assert herkenning.soort == ONBESTELBAAR and herkenning.onbestelbaar is not None
    assert herkenning.onbestelbaar.bericht_ids == ("<ook-onbekend@gemeente.local>",)
    assert herkenning.onbestelbaar.mislukt and "5.1.10" in herkenning.onbestelbaar.reden


def test_a_citizen_writing_about_an_undeliverable_parcel_is_no_bounce():
    raw = KOP + b"Subject: Pakket onbestelbaar?\r\n\r\nMijn pakket kwam niet aan.\r\n"
    assert soort(raw)[0] == KLANTCONTACT
