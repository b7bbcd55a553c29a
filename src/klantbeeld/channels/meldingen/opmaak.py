"""The words of a zaakmelding: the administrator's text for the zaaktype, status and
channel, or the standard text, with the placeholders filled in.

Without a text of its own a status the catalogue marks ``informeren`` is still told, in
the standard words with the catalogue's ``statustekst`` (the text the Catalogi API keeps
for exactly this): the zaaktype's owner asked for the customer to be told, and silence
because nobody wrote a text here would be the wrong default.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext

from klantbeeld.channels import teksten
from klantbeeld.channels.meldingen.models import Meldingtekst
from klantbeeld.channels.post.brief import datum_voluit
from klantbeeld.domain.models.intake import Verzendkanaal
from klantbeeld.domain.services.meldingen import Zaakstatus
from klantbeeld.domain.services.zaken import Zaakverwijzing

STANDAARD_ONDERWERP = "Uw zaak {zaak}: {status}"
STANDAARD_TEKST = """Beste {naam},

De status van uw zaak {zaak} is op {datum} gewijzigd in: {status}.

{statustekst}

Met vriendelijke groet,
{organisatie}"""
# An SMS is short: no salutation, no closing.
STANDAARD_SMS = "{organisatie}: uw zaak {zaak} heeft een nieuwe status: {status}. {statustekst}"

_LEGE_REGELS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Woorden:
    onderwerp: str
    tekst: str


def woorden(status: Zaakstatus, naam: str, kanaal: str) -> Woorden:
    """The subject and text to send ``naam`` about ``status`` on ``kanaal``."""
    gekozen = kies(status, kanaal)
    if gekozen is not None:
        onderwerp, tekst = gekozen.onderwerp, gekozen.tekst
    else:
        onderwerp = STANDAARD_ONDERWERP
        tekst = STANDAARD_SMS if kanaal == Verzendkanaal.SMS else STANDAARD_TEKST
    return vul_in(onderwerp, tekst, waarden(status, naam))


def kies(status: Zaakstatus, kanaal: str) -> Meldingtekst | None:
    """The most specific active text for this zaaktype, status and channel."""
    zaaktype = [status.zaak.zaaktype, status.zaaktype_identificatie]
    statustype = [status.statustype, status.omschrijving]
    kandidaten = Meldingtekst.objects.filter(
        _een_van("zaaktype", zaaktype),
        _een_van("statustype", statustype),
        Q(kanaal="") | Q(kanaal=kanaal),
        actief=True,
    )

    def rang(tekst: Meldingtekst) -> tuple[int, int, int]:
        return (
            _rang(tekst.zaaktype, zaaktype),
            _rang(tekst.statustype, statustype),
            int(bool(tekst.kanaal)),
        )

    return max(kandidaten, key=rang, default=None)


def waarden(status: Zaakstatus, naam: str) -> dict[str, str]:
    return {
        "naam": naam or gettext("heer, mevrouw"),
        "zaak": status.zaak.identificatie,
        "zaakomschrijving": status.zaakomschrijving,
        "zaaktype": status.zaaktype_omschrijving,
        "status": status.omschrijving,
        "statustekst": status.statustekst,
        "datum": datum_voluit(status.datum) if status.datum else "",
        "organisatie": settings.KLANTBEELD_ORGANISATIE_NAAM,
    }


def vul_in(onderwerp: str, tekst: str, ingevuld: dict[str, str]) -> Woorden:
    """The texts with their placeholders filled in; an empty placeholder leaves no run of
    empty lines or a dangling space behind."""
    tekst = _LEGE_REGELS.sub("\n\n", teksten.vul_in(tekst, ingevuld)).strip()
    onderwerp = " ".join(teksten.vul_in(onderwerp, ingevuld).split())
    return Woorden(onderwerp=onderwerp, tekst=tekst)


def voorbeeld(onderwerp: str, tekst: str) -> Woorden:
    """The texts as a resident would read them, for made-up values (the admin's preview)."""
    status = Zaakstatus(
        zaak=Zaakverwijzing(
            url="https://zaken.example.nl/zaken/api/v1/zaken/1",
            uuid="1",
            identificatie="ZAAK-2026-0000000042",
            zaaktype="https://zaken.example.nl/catalogi/api/v1/zaaktypen/1",
        ),
        status="https://zaken.example.nl/zaken/api/v1/statussen/1",
        statustype="https://zaken.example.nl/catalogi/api/v1/statustypen/1",
        omschrijving="In behandeling",
        informeren=True,
        statustekst="Wij beoordelen uw aanvraag.",
        datum=datetime.date(2026, 11, 3),
        zaakomschrijving="Parkeervergunning Kerkstraat",
        zaaktype_identificatie="PARKEERVERGUNNING",
        zaaktype_omschrijving="Parkeervergunning aanvragen",
    )
    return vul_in(onderwerp, tekst, waarden(status, "Jan de Vries"))


def _een_van(veld: str, waarden: list[str]) -> Q:
    conditie = Q(**{veld: ""})
    for waarde in waarden:
        if waarde:
            conditie |= Q(**{f"{veld}__iexact": waarde})
    return conditie


def _rang(ingesteld: str, waarden: list[str]) -> int:
    """2 for the URL, 1 for the identificatie or omschrijving, 0 for 'every'."""
    if not ingesteld:
        return 0
    url, naam = waarden
    return 2 if ingesteld == url else 1 if ingesteld.lower() == naam.lower() else 0
