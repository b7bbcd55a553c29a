"""Composing an SMS: the text itself, as UTF-8 bytes; no document (the text on the contact
is the whole message).

Length: the provider takes at most 1600 characters and splits a longer text into parts
(segments) that the phone joins again; each part is billed. A text of GSM 03.38
characters only goes 160 characters in one part, 153 per part beyond that; a single other
character (an emoji, ë, ï, a curly quote) sends the whole text as UCS-2: 70 in one part,
67 per part. A text beyond 1600 characters is cut, ending in "…" (the contact keeps the
whole text)."""

from __future__ import annotations

import logging
import math

from django.utils.translation import gettext

from klantbeeld.channels.gateways.numbers import e164
from klantbeeld.domain.services.verzenden import Bericht, Opgesteld

MAX_TEKENS = 1600  # the provider refuses longer bodies (Twilio error 21617)
AFGEKAPT = "…"
# GSM 03.38: one septet each, and the extension table's, which take two.
GSM_TEKENS = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_DUBBEL = frozenset("^{}\\[~]|€\f")

log = logging.getLogger(__name__)


def segmenten(tekst: str) -> int:
    """How many parts ``tekst`` goes in (and is billed as)."""
    if all(teken in GSM_TEKENS or teken in GSM_DUBBEL for teken in tekst):
        lengte = sum(2 if teken in GSM_DUBBEL else 1 for teken in tekst)
        enkel, deel = 160, 153
    else:
        lengte = len(tekst.encode("utf-16-le")) // 2
        enkel, deel = 70, 67
    return 1 if lengte <= enkel else math.ceil(lengte / deel)


def stel_op(bericht: Bericht) -> Opgesteld:
    """The SMS for ``bericht``; ValueError (nothing registered) for a number that is none,
    an empty text or attachments, which an SMS cannot carry."""
    e164(bericht.adres)
    if bericht.bijlagen:
        raise ValueError(gettext("Een sms kan geen bijlagen meenemen: kies een ander kanaal."))
    tekst = bericht.tekst.strip()
    if not tekst:
        raise ValueError(gettext("Een sms zonder tekst kan niet worden verstuurd."))
    if len(tekst) > MAX_TEKENS:
        log.warning(
            "SMS aan %s ingekort van %s tot %s tekens.", bericht.adres[-4:], len(tekst), MAX_TEKENS
        )
        tekst = tekst[: MAX_TEKENS - len(AFGEKAPT)].rstrip() + AFGEKAPT
    return Opgesteld(inhoud=tekst.encode("utf-8"), bericht_id="")
