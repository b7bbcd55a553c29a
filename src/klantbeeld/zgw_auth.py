"""The ZGW JWT that Klantbeeld signs as a client of other ZGW APIs (an NRC, Open Zaak):
HS256, signed with the client's secret, carrying its client_id."""

from __future__ import annotations

import time

import jwt
from django.views.decorators.debug import sensitive_variables


@sensitive_variables("secret")
def zgw_jwt(
    client_id: str,
    secret: str,
    *,
    user_id: str = "klantbeeld",
    user_representation: str = "Klantbeeld",
) -> str:
    claims = {
        "iss": client_id,
        "client_id": client_id,
        "iat": int(time.time()),
        "user_id": user_id,
        "user_representation": user_representation,
    }
    return jwt.encode(claims, secret, algorithm="HS256")
