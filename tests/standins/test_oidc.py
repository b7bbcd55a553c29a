"""The OpenID Connect stand-in loads nothing from outside loopback: the library's sign-in
page imports a web font from Google, which the stand-in leaves out (tests and the demo make
no outbound requests)."""

from __future__ import annotations

import re

import httpx

from standins.oidc import oidc_provider


def test_the_sign_in_page_refers_to_nothing_outside_loopback():
    with (
        oidc_provider(["http://127.0.0.1:9/callback"], {"sanne": {"name": "Sanne"}}) as op,
        httpx.Client(follow_redirects=True, timeout=10) as http,
    ):
        page = http.get(
            f"{op.issuer}/auth",
            params={
                "client_id": "klantbeeld",
                "response_type": "code",
                "scope": "openid",
                "redirect_uri": "http://127.0.0.1:9/callback",
            },
        )
    assert page.status_code == 200 and 'name="login"' in page.text
    hosts = {h.split(":")[0] for h in re.findall(r"https?://([^/\"')\s]+)", page.text)}
    assert hosts <= {"127.0.0.1"}, hosts
