"""The demo's written channels: the organisation's mailbox on the demo mail server, and a
few text modules for answers. ``bin/run`` sets the channels' settings and starts their
stand-ins (standins/); this puts what lives in the database in place."""

from __future__ import annotations

import os

from django.db import transaction

from klantbeeld.channels.email.models import Postvak
from klantbeeld.channels.email.verwerken import actor_van
from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.workspace.models import Tekstblok

POSTVAK = "Demo: algemeen postvak"
TEAM = "Klantcontactcentrum"
TEKSTBLOKKEN = {
    "Aanhef en afsluiting": (
        "Beste {naam},\n\n\n\nMet vriendelijke groet,\n\n{medewerker}\n{organisatie}\n\n"
        "Uw vraag is bij ons bekend onder nummer {referentienummer}."
    ),
    "Afvalkalender": (
        "De afvalkalender voor uw adres vindt u op onze website onder Afval. Het oud papier "
        "wordt eens per vier weken op dinsdag opgehaald."
    ),
    "Doorgezet naar een collega": (
        "Uw vraag over {onderwerp} hebben wij doorgezet naar de afdeling die erover gaat. "
        "U hoort binnen vijf werkdagen van ons."
    ),
}


@transaction.atomic
def configureer(adres: str, imap_poort: int, wachtwoord_env: str) -> Postvak:
    """The demo mailbox (again on every start: the port may differ) and the text modules
    (once; an administrator's changes stay)."""
    team = Actor.objects.get(naam=TEAM, soort_actor=SoortActor.ORGANISATORISCHE_EENHEID)
    postvak, _ = Postvak.objects.update_or_create(
        naam=POSTVAK,
        defaults={
            "adres": adres,
            "host": "127.0.0.1",
            "poort": imap_poort,
            "beveiliging": "geen",
            "gebruiker": adres,
            "wachtwoord_env": wachtwoord_env,
            "team": team,
            "actief": True,
        },
    )
    actor_van(postvak)
    for naam, tekst in TEKSTBLOKKEN.items():
        Tekstblok.objects.get_or_create(naam=naam, team=team, defaults={"tekst": tekst})
    return postvak


def demo_kanalen_regels() -> list[str]:
    """What the demo's banner says about the written channels (when bin/run set them up)."""
    adres = os.environ.get("KLANTBEELD_DEMO_MAILADRES")
    smtp = os.environ.get("KLANTBEELD_DEMO_SMTP_PORT")
    if not adres or not smtp:
        return []
    regels = [
        f"  Mail (demo)           mailbox {adres} (IMAP 127.0.0.1:"
        f"{os.environ.get('KLANTBEELD_DEMO_IMAP_PORT', '')}), SMTP 127.0.0.1:{smtp};",
        "                        a mail to it becomes a contact with a task in the "
        "Klantcontactcentrum's queue:",
        f"                        python3 -c \"import smtplib; smtplib.SMTP('127.0.0.1', {smtp})"
        f".sendmail('fatima@example.org', ['{adres}'], b'From: Fatima <fatima@example.org>"
        f"\\r\\nTo: {adres}\\r\\nSubject: Vraag over de afvalkalender\\r\\n\\r\\n"
        "Wanneer wordt het oud papier opgehaald?')\"",
        "                        answers to customers are accepted and kept by the demo's "
        "SMTP server; mail to @onbekend.example bounces",
    ]
    whatsapp = os.environ.get("KLANTBEELD_DEMO_WHATSAPP_PORT")
    if whatsapp:
        regels += [
            f"  App (demo)            WhatsApp stand-in on 127.0.0.1:{whatsapp}; a resident "
            "writes:",
            f"                        curl -X POST http://127.0.0.1:{whatsapp}/_standin/inbound "
            '-d \'{"from": "+31612345678", "name": "Fatima", "text": "Is het '
            "zwembad open?\"}'",
        ]
    if mastodon := os.environ.get("KLANTBEELD_DEMO_MASTODON_PORT"):
        regels += [
            f"  Social media (demo)   Mastodon stand-in on 127.0.0.1:{mastodon}; a resident "
            "sends @gemeente a direct message:",
            f"                        curl -X POST http://127.0.0.1:{mastodon}/_standin/post "
            '-d \'{"van": "fatima@social.example", "naam": "Fatima", "tekst": "Is het '
            'zwembad open?", "zichtbaarheid": "direct"}\'',
            f"                        what the organisation posted: "
            f"http://127.0.0.1:{mastodon}/_standin/geplaatst",
        ]
    if printstraat := os.environ.get("KLANTBEELD_PRINTSTRAAT_MAP"):
        regels.append(f"  Letters (demo)        PDF + JSON per letter in {printstraat}")
    return regels
