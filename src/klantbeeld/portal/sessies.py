"""Two sessions side by side: the workspace's (Django's cookie, a working day) and, under
``/mijn/``, the portal's own cookie with a short idle timeout. A resident's session never
carries a staff login, and the other way round, even in one browser.

The idle timeout is kept by the server (the session's expiry in the database, moved on at
each visit). The cookie itself lives until the browser closes, so that after the timeout
the next request still shows the cookie of a session that ended: then the login page says
why the user must sign in again."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponseBase
from django.middleware.csrf import rotate_token
from django.utils.cache import patch_vary_headers

PORTAAL = "/mijn/"
# The idle timeout is renewed at most this often, not on every request (a session write).
VERNIEUW_NA = 30
ACTIEF = "_actief"


def in_portaal(request: HttpRequest) -> bool:
    return request.path_info.startswith(PORTAAL)


class SessieMiddleware(SessionMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if not in_portaal(request):
            super().process_request(request)
            return
        key = request.COOKIES.get(settings.KLANTBEELD_MIJN_SESSIE_COOKIE)
        request.session = self.SessionStore(key)
        _vernieuw(request)

    def process_response(  # type: ignore[override]
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not in_portaal(request):
            return super().process_response(request, response)  # type: ignore[arg-type]
        session: Any = getattr(request, "session", None)
        if session is None:
            return response
        naam = settings.KLANTBEELD_MIJN_SESSIE_COOKIE
        if naam in request.COOKIES and session.is_empty():
            response.delete_cookie(naam, path=PORTAAL, samesite="Lax")
            patch_vary_headers(response, ("Cookie",))
            return response
        if session.accessed:
            patch_vary_headers(response, ("Cookie",))
        if session.modified and not session.is_empty() and response.status_code < 500:
            if "_session_expiry" not in session:
                # Also a session that is not signed in yet (the login's state) ends soon.
                session.set_expiry(idle_seconden())
            try:
                session.save()
            except UpdateError:
                raise SessionInterrupted(
                    "De sessie is beëindigd terwijl dit verzoek liep; log opnieuw in."
                ) from None
            # No max_age: the server ends the session (see the module's docstring).
            response.set_cookie(
                naam,
                session.session_key,
                path=PORTAAL,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def idle_seconden() -> int:
    return int(settings.KLANTBEELD_MIJN_SESSIE_MINUTEN) * 60


def nieuwe_sessie(request: HttpRequest) -> None:
    """At login: a new session (a new key, nothing of before the login carries over:
    session fixation) with a new CSRF token, ending after the idle timeout."""
    request.session.flush()
    # Housekeeping without a scheduler: sessions that ended (idle timeouts, the
    # workspace's) are deleted at each login, with the ID tokens they held.
    type(request.session).clear_expired()
    rotate_token(request)
    request.session[ACTIEF] = int(time.time())
    request.session.set_expiry(idle_seconden())


def verlopen(request: HttpRequest) -> bool:
    """The browser still shows the cookie of a session that the server ended (idle
    timeout), as opposed to someone who never signed in or signed out."""
    return bool(request.COOKIES.get(settings.KLANTBEELD_MIJN_SESSIE_COOKIE)) and not dict(
        request.session.items()
    )


def _vernieuw(request: HttpRequest) -> None:
    """Each visit moves the end of an active session to the idle timeout from now. A
    session that ended (or never was) is left empty: nothing is revived."""
    if not request.COOKIES.get(settings.KLANTBEELD_MIJN_SESSIE_COOKIE):
        return
    session: Any = request.session
    if not dict(session.items()):  # loads it: an expired session reads as empty
        return
    nu = int(time.time())
    if nu - int(session.get(ACTIEF, 0)) >= VERNIEUW_NA:
        session[ACTIEF] = nu
        session.set_expiry(idle_seconden())
