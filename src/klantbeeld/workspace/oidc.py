"""Signing in with OpenID Connect (mozilla-django-oidc): the user is the provider's
``sub``, and the roles claim decides the workspace roles on every sign-in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from klantbeeld.workspace.roles import Rol, rol_mapping


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

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        return User.objects.filter(username=claims["sub"])

    def create_user(self, claims: dict[str, Any]) -> User:
        user = User.objects.create_user(username=claims["sub"])
        return self.update_user(user, claims)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        """Name, e-mail and roles as the provider says now: a role taken away there is taken
        away here at the next sign-in."""
        user.email = str(claims.get("email", ""))[:254]
        voornaam, _, achternaam = str(claims.get("name", "")).partition(" ")
        user.first_name, user.last_name = voornaam[:150], achternaam[:150]
        user.set_unusable_password()  # this account signs in through the provider only
        user.save()
        granted = _roles(claims)
        managed = Group.objects.filter(name__in=Rol.values)
        user.groups.remove(*[group for group in managed if group.name not in granted])
        user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in granted])
        return user


def _roles(claims: dict[str, Any]) -> set[str]:
    values = claims.get(settings.KLANTBEELD_OIDC_ROLES_CLAIM) or []
    if isinstance(values, str):
        values = values.split()
    mapping = rol_mapping(settings.KLANTBEELD_OIDC_ROLLEN)
    return {mapping[v].value for v in values if isinstance(v, str) and v in mapping}


def logout_url(request: HttpRequest) -> str:
    """Where to go after signing out: the provider's end-session endpoint when known, so
    the next person at this desk does not sign in as the last one."""
    return settings.OIDC_OP_LOGOUT_ENDPOINT or reverse("workspace:inloggen")
