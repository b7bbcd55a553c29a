"""Authentication of API clients: ``Token <key>`` or ``Bearer <ZGW JWT>``, plus scopes."""

from __future__ import annotations

import time
from dataclasses import dataclass

import jwt
from django.conf import settings
from django.http import HttpRequest
from ninja.errors import AuthorizationError
from ninja.security import APIKeyHeader

from klantbeeld.api.clients.cache import recent_clients
from klantbeeld.api.clients.models import ApiClient, hash_token
from klantbeeld.domain.confidentiality import allow_confidential

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Caller:
    """Who makes a request: the application and, when it says so, the end user."""

    client: ApiClient
    user_id: str = ""
    user_representation: str = ""


def _from_token(key: str) -> ApiClient | None:
    return recent_clients.get(
        f"token:{hash_token(key)}",
        lambda: ApiClient.objects.filter(token_hash=hash_token(key), actief=True).first(),
    )


def _from_jwt(token: str) -> tuple[ApiClient, dict[str, object]] | None:
    try:
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    client_id = unverified.get("client_id") or unverified.get("iss")
    if not isinstance(client_id, str):
        return None
    client = recent_clients.get(
        f"jwt:{client_id}",
        lambda: (
            ApiClient.objects.filter(client_id=client_id, actief=True).exclude(secret="").first()
        ),
    )
    if client is None:
        return None
    try:
        claims: dict[str, object] = jwt.decode(
            token,
            client.secret,
            algorithms=["HS256"],
            leeway=settings.KLANTBEELD_JWT_LEEWAY,
            options={"verify_aud": False, "require": ["iat"]},
        )
    except jwt.PyJWTError:
        return None
    if not _issued_recently(claims.get("iat")):
        return None
    return client, claims


def _issued_recently(issued_at: object) -> bool:
    """``iat`` must be a number (PyJWT also lets a numeric string through); it may not
    lie more than KLANTBEELD_JWT_MAX_AGE seconds back (0: any age)."""
    if isinstance(issued_at, bool) or not isinstance(issued_at, int | float):
        return False
    max_age = settings.KLANTBEELD_JWT_MAX_AGE
    return not max_age or time.time() - issued_at <= max_age + settings.KLANTBEELD_JWT_LEEWAY


class ClientAuth(APIKeyHeader):
    """The ``tokenAuth`` scheme of the specs; the scope needed follows from the method."""

    param_name = "Authorization"

    def __init__(self, api_name: str) -> None:
        self.api_name = api_name
        super().__init__()

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        if not key:
            return None
        scheme, _, credential = key.strip().partition(" ")
        credential = credential.strip()
        caller: Caller | None = None
        if scheme == "Token" and credential:
            client = _from_token(credential)
            if client:
                caller = Caller(
                    client,
                    request.headers.get("X-Gebruiker-Id", "")[:255],
                    request.headers.get("X-Gebruiker-Weergave", "")[:255],
                )
        elif scheme == "Bearer" and credential:
            found = _from_jwt(credential)
            if found:
                client, claims = found
                caller = Caller(
                    client,
                    str(claims.get("user_id") or "")[:255],
                    str(claims.get("user_representation") or "")[:255],
                )
        if caller is None:
            return None
        allow_confidential(self.may_see_confidential(caller))
        needed = self.required_scope(request)
        if not caller.client.has_scope(needed):
            raise AuthorizationError(message=f"Deze applicatie heeft geen scope '{needed}'.")
        return caller

    def required_scope(self, request: HttpRequest) -> str:
        needed = "lezen" if request.method in SAFE_METHODS else "schrijven"
        return f"{self.api_name}.{needed}"

    def may_see_confidential(self, caller: Caller) -> bool:
        return caller.client.has_scope(f"{self.api_name}.vertrouwelijk")
