"""Signing in with DigiD or eHerkenning through the municipality's OpenID Connect broker
(Authlib: discovery, PKCE, state, nonce and the ID token's signature are checked), and
signing out there too, so the next person at a shared computer must sign in themselves."""

from __future__ import annotations

import logging
import posixpath
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import DjangoOAuth2App, OAuth
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from joserfc.errors import JoseError
from requests import RequestException

from klantbeeld.portal.identiteit import (
    SESSIE_SLEUTEL,
    Middel,
    OngeldigeInlog,
    ingelogde,
    uit_claims,
)
from klantbeeld.portal.sessies import nieuwe_sessie

# What the broker or a forged answer can make Authlib raise: a wrong or used state, an
# error answer, an ID token whose signature, issuer, audience, nonce or times do not check
# out (joserfc), or a broker that cannot be reached or answers nonsense.
FOUTEN = (AuthlibBaseError, JoseError, RequestException, ValueError, KeyError, TypeError)

logger = logging.getLogger(__name__)
VOLGENDE = "mijn_volgende"
ID_TOKEN = "mijn_id_token"
MIDDEL = "mijn_middel"


def ingesteld(middel: Middel) -> bool:
    prefix = f"KLANTBEELD_{middel.name}_OIDC_"
    return bool(getattr(settings, prefix + "CLIENT_ID") and getattr(settings, prefix + "DISCOVERY"))


def middelen() -> list[Middel]:
    return [middel for middel in Middel if ingesteld(middel)]


def _instellingen(middel: Middel) -> tuple[str, str, str, str, int]:
    prefix = f"KLANTBEELD_{middel.name}_OIDC_"
    return (
        getattr(settings, prefix + "DISCOVERY"),
        getattr(settings, prefix + "CLIENT_ID"),
        getattr(settings, prefix + "CLIENT_SECRET"),
        getattr(settings, prefix + "SCOPES"),
        int(settings.OIDC_TIMEOUT),
    )


def client(middel: Middel) -> DjangoOAuth2App:
    if not ingesteld(middel):
        raise Http404("Dit inlogmiddel is niet ingesteld.")
    return _client(middel, *_instellingen(middel))


@cache
def _client(
    middel: Middel, discovery: str, client_id: str, secret: str, scopes: str, timeout: int
) -> Any:
    """One client per configuration, so the broker's discovery document and keys are
    fetched once, not at every login."""
    return OAuth().register(
        name=middel.value,
        client_id=client_id,
        client_secret=secret,
        server_metadata_url=discovery,
        client_kwargs={
            "scope": scopes,
            "code_challenge_method": "S256",
            # Every request to the broker (discovery, keys, token, userinfo) gives up after
            # this many seconds; "timeout" here would be taken for a protocol parameter.
            "default_timeout": timeout,
        },
    )


def broker_origins() -> list[str]:
    """Where the portal's forms lead (the Content-Security-Policy's form-action): each
    broker's discovery origin and, once its discovery document was read, the origins of
    its authorization and end-session endpoints (which may be other hosts)."""
    origins: set[str] = set()
    for middel in middelen():
        discovery, *_ = _instellingen(middel)
        origins.add(_origin(discovery))
        metadata = getattr(client(middel), "server_metadata", None) or {}
        for endpoint in ("authorization_endpoint", "end_session_endpoint"):
            if isinstance(metadata.get(endpoint), str):
                origins.add(_origin(metadata[endpoint]))
    return sorted(o for o in origins if o)


def _origin(url: str) -> str:
    delen = urlsplit(url)
    return f"{delen.scheme}://{delen.netloc}" if delen.scheme and delen.netloc else ""


def _lees_brokers() -> None:
    """Read the brokers' discovery documents before the login page is sent, so its
    form-action names their authorization endpoints. A broker that is down is reported
    when the user chooses it, not here."""
    for middel in middelen():
        try:
            client(middel).load_server_metadata()
        except FOUTEN as fout:
            logger.warning("Broker voor %s onbereikbaar: %r", middel.label, fout)


@never_cache
@require_GET
def inloggen(request: HttpRequest) -> HttpResponse:
    if ingelogde(request) is not None:
        return HttpResponseRedirect(_volgende(request, request.GET.get("volgende", "")))
    _lees_brokers()
    return render(
        request,
        "portal/inloggen.html",
        {
            "middelen": middelen(),
            "volgende": request.GET.get("volgende", ""),
            "verlopen": "verlopen" in request.GET,
            "minuten": settings.KLANTBEELD_MIJN_SESSIE_MINUTEN,
        },
    )


@never_cache
@require_POST
def start(request: HttpRequest, middel: str) -> HttpResponse:
    gekozen = _middel(middel)
    request.session[VOLGENDE] = request.POST.get("volgende", "")
    terug = request.build_absolute_uri(reverse("portal:terug", args=[gekozen.value]))
    try:
        response: HttpResponse = client(gekozen).authorize_redirect(request, terug)
    except FOUTEN as fout:
        logger.warning("Broker voor %s onbereikbaar: %s", gekozen.label, fout)
        return _mislukt(
            request,
            gettext("%(middel)s is nu niet bereikbaar. Probeer het later opnieuw.")
            % {"middel": gekozen.label},
        )
    return response


@never_cache
@require_GET
def terug(request: HttpRequest, middel: str) -> HttpResponse:
    gekozen = _middel(middel)
    if request.GET.get("error"):
        melding = (
            gettext("U heeft het inloggen afgebroken.")
            if request.GET["error"] == "access_denied"
            else gettext("Inloggen met %(middel)s is niet gelukt.") % {"middel": gekozen.label}
        )
        return _mislukt(request, melding)
    oauth = client(gekozen)
    try:
        token = oauth.authorize_access_token(request)
        claims = _claims(oauth, token)
        wie = uit_claims(gekozen, claims)
    except OngeldigeInlog as fout:
        return _mislukt(request, str(fout))
    except FOUTEN as fout:
        logger.warning("Inloggen met %s mislukt: %r", gekozen.label, fout)
        return _mislukt(
            request,
            gettext("Inloggen met %(middel)s is niet gelukt. Probeer het opnieuw.")
            % {"middel": gekozen.label},
        )
    volgende = request.session.get(VOLGENDE, "")
    nieuwe_sessie(request)
    request.session[SESSIE_SLEUTEL] = wie.als_sessie()
    request.session[ID_TOKEN] = token.get("id_token", "")
    request.session[MIDDEL] = gekozen.value
    return HttpResponseRedirect(_volgende(request, volgende))


def _claims(oauth: Any, token: dict[str, Any]) -> dict[str, Any]:
    """The ID token's claims (checked by Authlib), with the userinfo endpoint's for brokers
    that put some claims only there; the ID token's win. Without an ID token, or with
    userinfo about another subject, nobody is signed in (OpenID Connect Core 5.3.2)."""
    id_token = dict(token.get("userinfo") or {})
    if not id_token.get("sub"):
        raise ValueError("geen (gecontroleerd) ID token")
    metadata = oauth.load_server_metadata()
    if not metadata.get("userinfo_endpoint") or not token.get("access_token"):
        return id_token
    userinfo = dict(oauth.userinfo(token=token))
    if userinfo.get("sub") != id_token["sub"]:
        raise ValueError("userinfo gaat over een ander dan het ID token")
    return {**userinfo, **id_token}


@never_cache
@require_POST
def uitloggen(request: HttpRequest) -> HttpResponse:
    id_token = request.session.get(ID_TOKEN, "")
    middel = request.session.get(MIDDEL, "")
    request.session.flush()
    klaar = request.build_absolute_uri(reverse("portal:uitgelogd"))
    if middel not in Middel._value2member_map_ or not ingesteld(Middel(middel)):
        return HttpResponseRedirect(klaar)
    oauth = client(Middel(middel))
    try:
        if not oauth.load_server_metadata().get("end_session_endpoint"):
            return HttpResponseRedirect(klaar)
        # Not Authlib's logout_redirect: it keeps the logout's state in the session, which
        # would give the signed-out browser a new session. The page the broker sends the
        # user back to changes nothing, so there is no state to check there.
        naar = oauth.create_logout_url(
            post_logout_redirect_uri=klaar, id_token_hint=id_token or None
        )["url"]
    except FOUTEN as fout:
        logger.warning("Uitloggen bij de broker niet mogelijk: %r", fout)
        return HttpResponseRedirect(klaar)
    return HttpResponseRedirect(naar)


@never_cache
@require_GET
def uitgelogd(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/uitgelogd.html", {})


def _middel(naam: str) -> Middel:
    try:
        return Middel(naam)
    except ValueError:
        raise Http404("Onbekend inlogmiddel.") from None


def _mislukt(request: HttpRequest, melding: str) -> HttpResponse:
    return render(
        request,
        "portal/inloggen.html",
        {
            "middelen": middelen(),
            "fout": melding,
            "minuten": settings.KLANTBEELD_MIJN_SESSIE_MINUTEN,
        },
        status=400,
    )


# Portal URLs that are no page to return to after the login.
GEEN_VOLGENDE = {"start", "terug", "uitloggen", "uitgelogd", "inloggen"}


def _volgende(request: HttpRequest, volgende: str) -> str:
    """Back to the page that asked for the login, when it is one of the portal's own pages:
    a local path (no scheme or host, no ``..``) that resolves to a portal view. Anything
    else (another site, the workspace) goes to the overview: no open redirect."""
    standaard = reverse("portal:overzicht")
    if not volgende or not url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return standaard
    delen = urlsplit(volgende)
    pad = delen.path
    if delen.scheme or delen.netloc or not pad.startswith("/mijn/") or "\\" in volgende:
        return standaard
    if posixpath.normpath(pad) + ("/" if pad.endswith("/") else "") != pad:
        return standaard
    try:
        match = resolve(pad)
    except Resolver404:
        return standaard
    if match.namespace != "portal" or match.url_name in GEEN_VOLGENDE:
        return standaard
    return volgende
