"""The connection test of the admin and of ``klantbeeld postvakken check``: log in, open
the folder, count what waits, and say plainly what is wrong when something is."""

from __future__ import annotations

import imaplib
from dataclasses import dataclass

from django.conf import settings

from klantbeeld.channels.email.imap import ImapFout, Verbinding
from klantbeeld.channels.email.models import Postvak
from klantbeeld.integrations.models import Soort, ZgwService

TIMEOUT = 10.0


@dataclass(frozen=True)
class Controle:
    gelukt: bool
    melding: str


def controleer(postvak: Postvak) -> Controle:
    try:
        with Verbinding(postvak, timeout=TIMEOUT) as verbinding:
            verbinding.kies_map()
            wachtend = len(verbinding.nieuwe())
            mappen = set(verbinding.mappen())
            ontbreekt = [naam for naam in verbinding.doelmappen() if naam not in mappen]
            idle = "IDLE" in verbinding.mogelijkheden
    except ImapFout as fout:
        return Controle(False, str(fout))
    except (imaplib.IMAP4.error, OSError) as fout:
        return Controle(False, f"De server antwoordde onverwacht: {fout}")
    delen = [
        f"Verbonden met {postvak.host}:{postvak.poort} ({postvak.get_beveiliging_display()}) "
        f"als {postvak.gebruiker}.",
        f"Map {postvak.map!r}: {wachtend} bericht(en) te verwerken.",
    ]
    if ontbreekt:
        delen.append(f"De map(pen) {', '.join(ontbreekt)} maakt de worker aan.")
    if postvak.idle and not idle:
        delen.append(f"De server kent geen IDLE: de worker kijkt elke {postvak.interval} s.")
    waarschuwingen = _register(postvak)
    return Controle(not waarschuwingen, " ".join([*delen, *waarschuwingen]))


def _register(postvak: Postvak) -> list[str]:
    """What the mail needs besides the mailbox: somewhere to store it."""
    fouten = []
    if not (postvak.informatieobjecttype or settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE):
        fouten.append(
            "Er is geen documenttype ingesteld (hier of in "
            "KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE): de mail kan niet worden opgeslagen."
        )
    if not ZgwService.objects.filter(soort=Soort.DOCUMENTEN, actief=True).exists():
        fouten.append("Er is geen actieve Documenten API ingesteld (Koppelingen → ZGW-services).")
    if not settings.KLANTBEELD_ORGANISATIE_RSIN:
        fouten.append("KLANTBEELD_ORGANISATIE_RSIN is niet ingesteld.")
    return fouten
