"""Answers on social media: composed when the employee sends them (refused at once, with
nothing registered, when they cannot go: a public answer with personal data, a public
answer to a post that was not public, too long, attachments), posted by the outbox as a
reply to the resident's post, and kept in the conversation's thread.

A public answer is checked for personal data (``domain.services.openbaar``): by shape,
and against what the register knows of the customer of the conversation (their names,
addresses and numbers, the zaken the conversation is about). The sender checks again
before posting, so no path around the workspace posts it either."""

from __future__ import annotations

import json
from typing import Any

import httpx
from django.db.models import Q
from django.utils.translation import gettext

from klantbeeld.channels.sociaal import instellingen
from klantbeeld.channels.sociaal.connector import PlatformFout
from klantbeeld.channels.sociaal.models import Richting, Sociaalaccount, Sociaalbericht
from klantbeeld.channels.uitgaand import VerzendFout
from klantbeeld.domain.models import Klantcontact, Partij, Verzending
from klantbeeld.domain.services.openbaar import (
    Bekend,
    OpenbaarMetPersoonsgegevens,
    persoonsgegevens_in,
    waarschuwing,
)
from klantbeeld.domain.services.verzenden import Bericht, Opgesteld


def stel_op(bericht: Bericht) -> Opgesteld:
    account = _account(bericht.afzender)
    origineel = (
        Sociaalbericht.objects.filter(
            account=account, richting=Richting.IN, post_id=bericht.antwoord_op_bericht_id
        )
        .select_related("klantcontact")
        .first()
    )
    if origineel is None or not bericht.antwoord_op_bericht_id:
        raise ValueError(
            gettext("Een antwoord op sociale media gaat op een bericht van de inwoner.")
        )
    if bericht.adres.lstrip("@").lower() != origineel.auteur.lower():
        raise ValueError(gettext("Dit antwoord gaat alleen naar de schrijver van het bericht."))
    if bericht.bijlagen:
        raise ValueError(
            gettext(
                "Een antwoord op sociale media kan geen bijlagen meenemen: kies een ander kanaal."
            )
        )
    if bericht.openbaar and origineel.zichtbaarheid != "openbaar":
        raise ValueError(
            gettext(
                "Het bericht van de inwoner was niet openbaar: antwoord met een direct bericht."
            )
        )
    tekst = met_vermelding(bericht.tekst.strip(), origineel.auteur)
    if not bericht.tekst.strip():
        raise ValueError(gettext("Een antwoord zonder tekst kan niet worden verstuurd."))
    if len(tekst) > account.max_tekens:
        raise ValueError(
            gettext(
                "Een bericht op %(account)s heeft hoogstens %(max)s tekens (met de vermelding "
                "van de inwoner); dit heeft er %(n)s."
            )
            % {"account": account.naam, "max": account.max_tekens, "n": len(tekst)}
        )
    if bericht.openbaar:
        vondsten = persoonsgegevens_in(tekst, bekend_van(origineel.klantcontact))
        if vondsten:
            raise OpenbaarMetPersoonsgegevens(vondsten)
    inhoud = {
        "account": account.pk,
        "tekst": tekst,
        "antwoord_op": origineel.post_id,
        "auteur": origineel.auteur,
        "direct": not bericht.openbaar,
    }
    return Opgesteld(inhoud=json.dumps(inhoud).encode("utf-8"), bericht_id="")


def _account(afzender: str) -> Sociaalaccount:
    account = Sociaalaccount.objects.filter(
        account__iexact=afzender.lstrip("@"), actief=True
    ).first()
    if account is None:
        raise ValueError(
            gettext("Het account %(account)s wordt niet (meer) gevolgd: er kan niets op.")
            % {"account": afzender or "?"}
        )
    return account


def met_vermelding(tekst: str, auteur: str) -> str:
    """The text starting with the author's handle: a direct message reaches only the
    accounts it mentions, and a reply notifies only them."""
    handle = f"@{auteur}"
    if tekst.lower().startswith(handle.lower()):
        return tekst
    return f"{handle} {tekst}"


def bekend_van(klantcontact: Klantcontact) -> Bekend:
    """What the register knows of the customer of ``klantcontact``: the names, addresses
    and numbers of the partijen its betrokkenen are, and the zaken it is about."""
    partijen = Partij.objects.filter(betrokkenen__had_klantcontact=klantcontact).prefetch_related(
        "digitale_adressen"
    )
    namen: list[str] = []
    adressen: list[str] = []
    for partij in partijen:
        namen += [partij.volledige_naam, partij.contactnaam_achternaam]
        for soort in ("bezoekadres", "correspondentieadres"):
            straat = getattr(partij, f"{soort}_straatnaam")
            nummer = getattr(partij, f"{soort}_huisnummer")
            if straat and nummer:
                toevoeging = getattr(partij, f"{soort}_huisnummertoevoeging")
                adressen.append(f"{straat} {nummer}{toevoeging}".strip())
        adressen += [a.adres for a in partij.digitale_adressen.all()]
    zaken = [
        str(o.onderwerpobjectidentificator_object_id)
        for o in klantcontact.onderwerpobjecten.filter(
            Q(onderwerpobjectidentificator_code_objecttype="zgw-Zaak")
        )
    ]
    return Bekend(namen=[n for n in namen if n], adressen=adressen, zaken=zaken)


def verstuur_sociaal(verzending: Verzending) -> str:
    """Post ``verzending`` as a reply to the resident's post; its id on the server."""
    gegevens: dict[str, Any] = json.loads(bytes(verzending.inhoud).decode("utf-8"))
    account = Sociaalaccount.objects.filter(pk=gegevens["account"], actief=True).first()
    if account is None:
        raise VerzendFout(
            "Het sociale-media-account wordt niet meer gevolgd; het antwoord is niet geplaatst.",
            permanent=True,
        )
    if not gegevens["direct"] and (vondsten := persoonsgegevens_in(gegevens["tekst"])):
        raise VerzendFout(waarschuwing(vondsten), permanent=True)
    try:
        with httpx.Client() as http:
            post_id = instellingen.connector(account, http).plaats(
                gegevens["tekst"],
                antwoord_op=gegevens["antwoord_op"],
                direct=gegevens["direct"],
                sleutel=str(verzending.uuid),
            )
    except instellingen.NietIngesteld as fout:
        raise VerzendFout(str(fout), permanent=False) from fout
    except PlatformFout as fout:
        raise VerzendFout(str(fout), permanent=fout.permanent) from fout
    if verzending.klantcontact is not None:
        Sociaalbericht.objects.get_or_create(
            account=account,
            post_id=post_id,
            defaults={
                "richting": Richting.UIT,
                "antwoord_op": gegevens["antwoord_op"],
                "zichtbaarheid": "direct" if gegevens["direct"] else "openbaar",
                "auteur": gegevens["auteur"],
                "klantcontact": verzending.klantcontact,
                "verzending": verzending,
            },
        )
    return post_id
