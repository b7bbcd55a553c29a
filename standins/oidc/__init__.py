"""A real OpenID Connect provider (npm ``oidc-provider``, ``provider.mjs`` beside this file)
run as a child process on loopback, for the tests and the demo."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("provider.mjs")


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str
    client_secret: str

    @property
    def discovery(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def settings(self) -> dict[str, str]:
        """Klantbeeld's OIDC settings for this provider."""
        return {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/auth",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/me",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
            "OIDC_OP_LOGOUT_ENDPOINT": f"{self.issuer}/session/end",
        }


@contextmanager
def oidc_provider(
    redirect_uris: list[str],
    users: Mapping[str, Mapping[str, Any]],
    *,
    post_logout_uris: Sequence[str] = (),
    client_id: str = "klantbeeld",
    client_secret: str = "klantbeeld-test-geheim-van-32-tekens",
    port: int = 0,
    clients: Sequence[Mapping[str, Any]] = (),
) -> Iterator[Provider]:
    """The provider, with the client ``client_id`` and ``clients`` besides (each a mapping of
    client_id, client_secret, redirect_uris, post_logout_redirect_uris)."""
    env = {
        **os.environ,
        "OP_PORT": str(port),
        "OP_CLIENT_ID": client_id,
        "OP_CLIENT_SECRET": client_secret,
        "OP_REDIRECT_URIS": ",".join(redirect_uris),
        "OP_POST_LOGOUT_URIS": ",".join(post_logout_uris),
        "OP_USERS": json.dumps(users),
        "OP_CLIENTS": json.dumps(list(clients)),
    }
    process = subprocess.Popen(
        ["node", str(SCRIPT)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        seen = []
        for line in process.stdout:  # warnings first, then the issuer
            seen.append(line)
            if line.startswith("http://"):
                break
        else:
            raise RuntimeError("oidc-provider did not start:\n" + "".join(seen))
        yield Provider(line.strip(), client_id, client_secret)
    finally:
        process.terminate()
        process.wait(timeout=10)
