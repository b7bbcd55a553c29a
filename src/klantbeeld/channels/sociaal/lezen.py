"""Reading an account: each new mention or direct message becomes a klantcontact through
the one intake service, in the conversation queue with a task for the account's team.

- kanaal ``sociale media``; onderwerp the post's first line; inhoud its text;
- the resident as betrokkene without partij (a handle proves no identity; R1, R3), their
  display name as contactnaam and their handle as a digital address
  ``{soortDigitaalAdres: overig, adres: @naam@server, omschrijving: Mastodon}``;
- actor the automated actor *Sociale-mediakoppeling*; a task for the account's team;
- ``metadata``: ``bronBerichtId`` the post's id (R14: a post read twice is registered once),
  ``zichtbaarheid`` (``openbaar``, ``volgers`` or ``direct``: a public post is marked so),
  ``url`` and ``sociaalAccount`` (the account it came to);
- a reply to an earlier post of the conversation (the resident's, or our answer) follows
  that post's contact (``wasKlantcontact``, R9), so the thread stays one conversation.

The cursor (the last notification taken in) is stored with each post, in the transaction
that registers it: a worker killed halfway goes on after the last post it kept.
"""

from __future__ import annotations

import logging

import httpx
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.channels.sociaal import instellingen
from klantbeeld.channels.sociaal.connector import Post
from klantbeeld.channels.sociaal.models import Richting, Sociaalaccount, Sociaalbericht
from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    Opvolging,
    eerder_geregistreerd,
    kort,
    registreer_contact,
)

ONDERWERP_MAX = 100
# At most this many pages in one look: a backlog is read over the next looks.
MAX_PAGINAS = 25

log = logging.getLogger(__name__)


def lees(account: Sociaalaccount, http: httpx.Client) -> int:
    """Take in what is new on ``account``; how many posts were registered."""
    verbinding = instellingen.connector(account, http)
    cursor = account.cursor or None
    nieuw = 0
    for _ in range(MAX_PAGINAS):
        pagina = verbinding.nieuwe_posts(cursor)
        for post in pagina.posts:
            with transaction.atomic():
                nieuw += neem_op(account, post)
                _bewaar_cursor(account, post.cursor)
        if pagina.cursor is None or pagina.cursor == cursor:
            break
        cursor = pagina.cursor
        _bewaar_cursor(account, cursor)
    Sociaalaccount.objects.filter(pk=account.pk).update(
        gelezen_op=timezone.now(), fout="", fout_op=None
    )
    return nieuw


def _bewaar_cursor(account: Sociaalaccount, cursor: str) -> None:
    account.cursor = cursor
    Sociaalaccount.objects.filter(pk=account.pk).update(cursor=cursor)


def neem_op(account: Sociaalaccount, post: Post) -> bool:
    """Register ``post`` (once); whether it was new."""
    if post.auteur.lower() == account.account.lower():
        return False  # our own post naming ourselves
    bron = Bron(account.bron, post.id)
    if eerder_geregistreerd(bron) is not None:
        return False
    vorige = (
        Sociaalbericht.objects.filter(account=account, post_id=post.antwoord_op)
        .select_related("klantcontact")
        .first()
        if post.antwoord_op
        else None
    )
    registratie = registreer_contact(
        Contactaanmelding(
            kanaal=instellingen.KANAAL,
            onderwerp=onderwerp(post),
            inhoud=post.tekst,
            deelnemers=[
                Deelnemer(
                    # A display name is whatever the resident chose to show: kept whole.
                    achternaam=post.auteur_naam.strip()[:200],
                    adressen=[
                        Contactadres("overig", f"@{post.auteur}", account.get_platform_display())
                    ],
                )
            ],
            actoren=[instellingen.actor()],
            plaatsgevonden_op=post.tijdstip,
            metadata={
                "zichtbaarheid": post.zichtbaarheid,
                "url": post.url[:255],
                "sociaalAccount": account.account[:255],
            },
            vervolg_op=vorige.klantcontact if vorige is not None else None,
            opvolging=Opvolging(account.gevraagde_handeling, [account.team]),
            bron=bron,
            # A post is short (Mastodon: 500 characters); a longer one is cut at 1000.
            volledige_tekst_bewaren=False,
        ),
        instellingen.BY,
    )
    if not registratie.nieuw or registratie.klantcontact is None:
        return False
    Sociaalbericht.objects.create(
        account=account,
        richting=Richting.IN,
        post_id=post.id,
        antwoord_op=post.antwoord_op or "",
        zichtbaarheid=post.zichtbaarheid,
        auteur=post.auteur,
        tijdstip=post.tijdstip,
        klantcontact=registratie.klantcontact,
    )
    return True


def onderwerp(post: Post) -> str:
    """The post's first line without the mentions it starts with."""
    regels = [r for r in post.tekst.splitlines() if r.strip()]
    eerste = regels[0] if regels else ""
    woorden = eerste.split()
    while woorden and woorden[0].startswith("@"):
        woorden.pop(0)
    tekst = kort(" ".join(woorden), ONDERWERP_MAX)
    if tekst:
        return tekst
    if post.zichtbaarheid == "direct":
        return gettext("Direct bericht via sociale media")
    return gettext("Bericht via sociale media")
