"""Signing in with OpenID Connect (mozilla-django-oidc): the user is the provider's
``sub``, and the roles claim decides the workspace roles on every sign-in; the other
claims keep the employee's entry in the directory of colleagues (name, e-mail, phone,
function, teams; the KLANTBEELD_OIDC_CLAIM_* settings)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.middleware import SessionRefresh
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from klantbeeld.domain.services.collegas import Gidsgegevens, werk_bij
from klantbeeld.portal.identiteit import claim
from klantbeeld.workspace.aanmeldingen import client_ip
from klantbeeld.workspace.medewerkers import actor_van, wie
from klantbeeld.workspace.models import Aanmelding, Methode
from klantbeeld.workspace.roles import Rol, rol_mapping

logger = logging.getLogger(__name__)


def oidc_enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


class OidcBackend(OIDCAuthenticationBackend):
    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        if not oidc_enabled():
            return None
        user: User | None = super().authenticate(request, **kwargs)
        return user

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub"))

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        """The userinfo claims, with those of the (verified) ID token beside them: Entra ID
        and ADFS put the roles only in the ID token."""
        userinfo = super().get_userinfo(access_token, id_token, payload)
        claims = {**payload, **userinfo}
        roles = settings.KLANTBEELD_OIDC_ROLES_CLAIM
        if roles in payload:
            claims[roles] = payload[roles]
        return claims

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        # Only accounts this backend made (no password): a local account with the same
        # name (an administrator, an emergency account) is never taken over.
        return User.objects.filter(username=claims["sub"], password__startswith="!")

    def create_user(self, claims: dict[str, Any]) -> User | None:
        if User.objects.filter(username=claims["sub"]).exists():
            logger.warning(
                "OIDC-aanmelding geweigerd: lokaal account %r bestaat al.", claims["sub"]
            )
            return None
        user = User.objects.create_user(username=claims["sub"])
        return self.update_user(user, claims)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        """Name, e-mail and roles as the provider says now: a role taken away there is taken
        away here at the next sign-in."""
        gids = gidsgegevens(claims)
        user.email = (gids.emailadres or "")[:254]
        voornaam, _, achternaam = (gids.naam or "").partition(" ")
        user.first_name, user.last_name = voornaam[:150], achternaam[:150]
        user.set_unusable_password()  # this account signs in through the provider only
        user.save()
        granted = _roles(claims)
        managed = Group.objects.filter(name__in=Rol.values)
        user.groups.remove(*[group for group in managed if group.name not in granted])
        user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in granted])
        if granted:
            _werk_gids_bij(user, gids)
        return user


def _werk_gids_bij(user: User, gids: Gidsgegevens) -> None:
    """The employee's entry in the directory as the provider says now. Without the
    organisation's phone number no actor can be made for them: they stay out of the
    directory until it is set, but still sign in."""
    try:
        actor = actor_van(user)
    except ValidationError as error:
        logger.warning("Collegagids niet bijgewerkt voor %s: %s", user.get_username(), error)
        return
    werk_bij(actor, gids, wie(user), bron="identity provider")


def gidsgegevens(claims: dict[str, Any]) -> Gidsgegevens:
    """What the claims named by the KLANTBEELD_OIDC_CLAIM_* settings say; ``None`` for a
    claim that is not configured or not sent."""
    return Gidsgegevens(
        naam=_tekst(claims, settings.KLANTBEELD_OIDC_CLAIM_NAAM),
        emailadres=_tekst(claims, settings.KLANTBEELD_OIDC_CLAIM_EMAIL),
        telefoonnummer=_tekst(claims, settings.KLANTBEELD_OIDC_CLAIM_TELEFOON),
        toestelnummer=_tekst(claims, settings.KLANTBEELD_OIDC_CLAIM_TOESTEL),
        functie=_tekst(claims, settings.KLANTBEELD_OIDC_CLAIM_FUNCTIE),
        teams=_lijst(claims, settings.KLANTBEELD_OIDC_CLAIM_TEAMS),
        vaardigheden=_lijst(claims, settings.KLANTBEELD_OIDC_CLAIM_VAARDIGHEDEN),
    )


def _tekst(claims: dict[str, Any], naam: str) -> str | None:
    waarde = claim(claims, naam)
    if waarde is None:
        return None
    if isinstance(waarde, list):
        return " ".join(str(w) for w in waarde)
    return str(waarde)


def _lijst(claims: dict[str, Any], naam: str) -> list[str] | None:
    """A list claim; a text is read as a comma-separated list."""
    waarde = claim(claims, naam)
    if waarde is None:
        return None
    if isinstance(waarde, str):
        return [w.strip() for w in waarde.split(",") if w.strip()]
    if isinstance(waarde, list):
        return [str(w) for w in waarde if isinstance(w, str | int)]
    return None


def _roles(claims: dict[str, Any]) -> set[str]:
    values = claims.get(settings.KLANTBEELD_OIDC_ROLES_CLAIM) or []
    if isinstance(values, str):
        values = values.split()
    mapping = rol_mapping(settings.KLANTBEELD_OIDC_ROLLEN)
    return {mapping[v].value for v in values if isinstance(v, str) and v in mapping}


class Callback(OIDCAuthenticationCallbackView):
    """The provider's answer; one that reports an error (the user cancelled, no access)
    is recorded as a failed sign-in too, but only for a sign-in this browser started (its
    ``state`` is in the session): anyone can open the callback URL with ``?error=``, and
    each such request would otherwise add a record."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if "error" in request.GET and _started_here(request):
            Aanmelding.objects.create(
                gebruikersnaam="",
                methode=Methode.OIDC,
                geslaagd=False,
                ip_adres=client_ip(request),
                toelichting=f"Identity provider: {request.GET['error']}"[:500],
            )
        response: HttpResponse = super().get(request)
        return response


def _started_here(request: HttpRequest) -> bool:
    """Whether the callback's state is one mozilla-django-oidc stored in this session when
    it sent the browser to the provider (read before the view removes it)."""
    state = request.GET.get("state", "")
    states = request.session.get("oidc_states") or {}
    return bool(state) and isinstance(states, dict) and state in states


def logout_url(request: HttpRequest) -> str:
    """Where to go after signing out: the provider's end-session endpoint when known, with
    the ID token as hint so it signs out without asking, and back to the sign-in page; the
    next person at this desk must sign in themselves."""
    terug = request.build_absolute_uri(reverse("workspace:inloggen"))
    if not settings.OIDC_OP_LOGOUT_ENDPOINT:
        return terug
    params = {"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": terug}
    id_token = request.session.get("oidc_id_token")
    if id_token:
        params["id_token_hint"] = id_token
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(params)}"


class Hercontrole(SessionRefresh):
    """mozilla-django-oidc's session refresh, for workspace pages only (the APIs have no
    sessions; the admin's password sessions are not the provider's)."""

    def is_refreshable_url(self, request: HttpRequest) -> bool:
        return request.path.startswith("/werkplek/") and bool(super().is_refreshable_url(request))
