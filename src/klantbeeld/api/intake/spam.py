"""Spam protection of contact forms that needs no third party (docs/intake-api.md).

A website's backend fetches a signed form token when it shows the form and passes it on
with the submission, together with the submitter's IP address and the value of a hidden
field people leave empty (the honeypot). A submission is refused when its token is not
ours, comes too soon (a bot fills a form at once) or too late after it was issued, or was
used before; when its IP address or the application sent too many in a while; or when the
message is mostly links. Each refusal is counted per application, day and reason
(``Weigering``); nothing of the submission itself is kept.
"""

from __future__ import annotations

import datetime
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from klantbeeld.api.common.problems import ApiProblem, InvalidParam
from klantbeeld.api.intake.models import GebruiktFormuliertoken, Weigering, Weigerreden

_SALT = "klantbeeld.api.intake.formuliertoken"
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


class Geweigerd(ApiProblem):
    """A refused submission: the problem to answer and the reason to count."""

    def __init__(self, reden: str, status: int, veld: str, tekst: str) -> None:
        super().__init__(
            status,
            detail=tekst,
            code=reden,
            invalid_params=[InvalidParam(veld, reden, tekst)] if status == 400 else [],
        )
        self.reden = reden


@dataclass(frozen=True)
class Formuliertoken:
    nonce: str
    uitgegeven_op: datetime.datetime


# -- the form token ---------------------------------------------------------------------------


def geef_token(client_id: str, *, nu: float | None = None) -> tuple[str, datetime.datetime]:
    """A new token for a form of ``client_id``'s website, and when it was issued. Signed
    with SECRET_KEY: issue time and a random nonce, bound to the application."""
    uitgegeven = int(time.time() if nu is None else nu)
    inhoud = f"{uitgegeven}.{secrets.token_urlsafe(16)}"
    return f"{inhoud}.{_handtekening(client_id, inhoud)}", _moment(uitgegeven)


def geldigheid(uitgegeven_op: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    return (
        uitgegeven_op + datetime.timedelta(seconds=settings.KLANTBEELD_INTAKE_TOKEN_MIN_SECONDEN),
        uitgegeven_op + datetime.timedelta(seconds=settings.KLANTBEELD_INTAKE_TOKEN_MAX_SECONDEN),
    )


def lees_token(token: str, client_id: str) -> Formuliertoken:
    """The token's content, or ``Geweigerd`` when it is not one of ours (for this
    application)."""
    delen = token.strip().split(".")
    if len(delen) != 3 or not delen[0].isdigit():
        raise _ongeldig()
    inhoud = f"{delen[0]}.{delen[1]}"
    if not hmac.compare_digest(delen[2], _handtekening(client_id, inhoud)):
        raise _ongeldig()
    return Formuliertoken(nonce=delen[1], uitgegeven_op=_moment(int(delen[0])))


def controleer_tijd(token: Formuliertoken, *, nu: float | None = None) -> None:
    """``Geweigerd`` when the form was sent too soon after the token was issued (a bot
    fills a form at once) or too late."""
    van, tot = geldigheid(token.uitgegeven_op)
    moment = timezone.now() if nu is None else _moment(nu)
    if moment < van:
        raise Geweigerd(
            Weigerreden.TE_SNEL,
            400,
            "contactformulier.token",
            "Het formulier is te snel na het openen ingestuurd; probeer het over een paar "
            "seconden opnieuw.",
        )
    if moment > tot:
        raise Geweigerd(
            Weigerreden.TOKEN_VERLOPEN,
            400,
            "contactformulier.token",
            "Het formulier stond te lang open (het token is verlopen); laad het opnieuw.",
        )


def gebruik_token(token: Formuliertoken) -> None:
    """Mark the token used, in the caller's transaction: it stays unused when the
    registration fails. ``Geweigerd`` when it was used before; on PostgreSQL a second use
    at the same moment waits for the first and is then refused."""
    grens = timezone.now() - datetime.timedelta(
        seconds=settings.KLANTBEELD_INTAKE_TOKEN_MAX_SECONDEN + 60
    )
    # Tokens this old are refused as expired anyway: their rows are of no more use.
    GebruiktFormuliertoken.objects.filter(uitgegeven_op__lt=grens).delete()
    try:
        with transaction.atomic():
            GebruiktFormuliertoken.objects.create(
                nonce=token.nonce, uitgegeven_op=token.uitgegeven_op
            )
    except IntegrityError:
        raise Geweigerd(
            Weigerreden.TOKEN_GEBRUIKT,
            400,
            "contactformulier.token",
            "Met dit formuliertoken is al een ander formulier ingestuurd; elk formulier "
            "heeft een eigen token.",
        ) from None


def _handtekening(client_id: str, inhoud: str) -> str:
    return salted_hmac(_SALT, f"{client_id}\0{inhoud}", algorithm="sha256").hexdigest()


def _moment(seconden: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconden, tz=datetime.UTC)


def _ongeldig() -> Geweigerd:
    return Geweigerd(
        Weigerreden.TOKEN_ONGELDIG,
        400,
        "contactformulier.token",
        "Dit is geen formuliertoken van Klantbeeld voor deze applicatie; vraag er een op "
        "met GET /contactformulieren/token.",
    )


# -- rate limits ------------------------------------------------------------------------------


def binnen_limieten(client_id: str, indiener_ip: str) -> None:
    """``Geweigerd`` (429) when the submitter's address or the application sent more than
    allowed in the current period. Every submission that gets here counts."""
    periode = settings.KLANTBEELD_INTAKE_LIMIET_SECONDEN
    # The address is personal data: the cache holds a keyed hash of it.
    ip = salted_hmac(_SALT + ".ip", indiener_ip, algorithm="sha256").hexdigest()[:32]
    for sleutel, limiet, reden, wie in (
        (f"ip:{ip}", settings.KLANTBEELD_INTAKE_LIMIET_PER_IP, Weigerreden.LIMIET_IP, "adres"),
        (
            f"client:{client_id}",
            settings.KLANTBEELD_INTAKE_LIMIET_PER_CLIENT,
            Weigerreden.LIMIET_CLIENT,
            "applicatie",
        ),
    ):
        if limiet > 0 and _tel(sleutel, periode) > limiet:
            raise Geweigerd(
                reden,
                429,
                "",
                f"Te veel formulieren van dit {wie} in korte tijd (hoogstens {limiet} per "
                f"{periode} seconden); probeer het later opnieuw.",
            )


def _tel(sleutel: str, periode: int) -> int:
    venster = int(time.time() // periode)
    key = f"klantbeeld:intake:limiet:{sleutel}:{venster}"
    cache.add(key, 0, timeout=periode)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=periode)
        return 1


# -- content ----------------------------------------------------------------------------------


def controleer_inhoud(onderwerp: str, bericht: str) -> None:
    maximum = settings.KLANTBEELD_INTAKE_MAX_LINKS
    links = len(_LINK.findall(onderwerp)) + len(_LINK.findall(bericht))
    if links > maximum:
        raise Geweigerd(
            Weigerreden.LINKS,
            400,
            "contactformulier.bericht",
            f"Het bericht bevat te veel links ({links}; hoogstens {maximum}).",
        )


# -- counting ---------------------------------------------------------------------------------


def tel_weigering(applicatie: str, reden: str) -> None:
    """One more refusal of ``applicatie``'s submissions for ``reden`` today."""
    with transaction.atomic():
        rij, _ = Weigering.objects.get_or_create(
            applicatie=applicatie[:200], dag=timezone.localdate(), reden=reden
        )
        Weigering.objects.filter(pk=rij.pk).update(aantal=F("aantal") + 1)
