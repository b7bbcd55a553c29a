"""The workspace's identity provider in browser tests: a real OpenID Connect provider on
loopback (standins/oidc) with the test's own employees, configured as Klantbeeld's."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from standins.oidc import Provider, oidc_provider


@contextmanager
def werkplek_provider(
    live_server: Any, settings: Any, mensen: Mapping[str, tuple[str, Sequence[str]]]
) -> Iterator[Provider]:
    """``mensen``: login → (name, roles). Any password signs in."""
    users = {
        login: {"name": naam, "email": f"{login}@gemeente.example.nl", "roles": list(rollen)}
        for login, (naam, rollen) in mensen.items()
    }
    with oidc_provider(
        [f"{live_server.url}/oidc/callback/"],
        users,
        post_logout_uris=[f"{live_server.url}/werkplek/inloggen/"],
    ) as op:
        for name, value in op.settings().items():
            setattr(settings, name, value)
        settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = "0201234567"
        yield op
