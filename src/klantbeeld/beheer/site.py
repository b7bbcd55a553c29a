"""The admin site: password and the code of a confirmed TOTP device to get in; every admin
request runs with the viewer's right to see confidential rows (the workspace's roles)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import admin, auth
from django.contrib.admin.forms import AdminAuthenticationForm
from django.http import HttpRequest, HttpResponse

from klantbeeld.workspace.toegang import vertrouwelijk_gerenderd
from klantbeeld.workspace.totp import apparaat_voor, heeft_apparaat

# Said to a staff member whose password was right but who has no device yet: how to get one.
GEEN_APPARAAT = (
    "Voor de beheeromgeving is een tweede factor nodig: een bevestigd TOTP-apparaat "
    "(authenticator-app). U heeft er nog geen. Vraag een beheerder het aan te maken met "
    "'klantbeeld totp-apparaat {gebruikersnaam}' en scan de QR-code die dat toont."
)
ONJUISTE_CODE = "De code van uw authenticator-app klopt niet (of is al gebruikt)."


class BeheerLoginForm(AdminAuthenticationForm):
    """Username, password and a TOTP code. A wrong code counts as a failed attempt (axes
    locks out on it as on a wrong password) and is recorded as one."""

    code = forms.CharField(
        label="Code uit uw authenticator-app",
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        if not heeft_apparaat(user):
            self._mislukt("Beheer: geen TOTP-apparaat")
            raise forms.ValidationError(
                GEEN_APPARAAT.format(gebruikersnaam=user.get_username()), code="geen_apparaat"
            )
        device = apparaat_voor(user, self.cleaned_data.get("code") or "")
        if device is None:
            self._mislukt("Beheer: TOTP-code onjuist")
            raise forms.ValidationError(ONJUISTE_CODE, code="onjuiste_code")
        # django_otp stores the device in the session when auth.login() runs.
        user.otp_device = device  # type: ignore[attr-defined]
        return cleaned

    def _mislukt(self, reden: str) -> None:
        """Record the attempt as failed (axes counts it) and sign nobody in."""
        user = self.get_user()
        auth.signals.user_login_failed.send(
            sender=__name__,
            credentials={"username": user.get_username(), "reden": reden},
            request=self.request,
        )
        self.user_cache = None


View = Callable[..., HttpResponse]


class BeheerSite(admin.AdminSite):
    site_header = "Klantbeeld beheer"
    site_title = "Klantbeeld beheer"
    login_form = BeheerLoginForm
    login_template = "beheer/login.html"

    def has_permission(self, request: HttpRequest) -> bool:
        """Staff who signed in with their second factor (django_otp's middleware marks the
        session verified); a session from a password alone is not enough."""
        is_verified = getattr(request.user, "is_verified", lambda: False)
        return super().has_permission(request) and bool(is_verified())

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        return super().admin_view(_met_vertrouwelijkheid(view), cacheable)


def _met_vertrouwelijkheid(view: View) -> View:
    """Run the view and render its page with the viewer's right to see confidential rows,
    so nothing loaded on the way (a list, a search, a reference, an inline) slips past it.
    Pages are not cached: they hold personal data."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = vertrouwelijk_gerenderd(view, request, *args, **kwargs)
        return response

    return wrapped
