"""The workspace speaks Dutch or English, as the employee chooses (or their browser asks);
everything else (the APIs, their error messages) always speaks Dutch, as the standards do."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

# Where the employee's (or in the portal the resident's) choice of language applies.
MET_TAALKEUZE = ("/werkplek/", "/mijn/", "/i18n/", "/oidc/")


class WerkplekTaalMiddleware(LocaleMiddleware):
    """Dutch unless the employee chose English with the switch in the header (a cookie):
    not from the browser's Accept-Language, as a Dutch organisation's staff often have an
    English operating system."""

    def process_request(self, request: HttpRequest) -> None:
        taal = settings.LANGUAGE_CODE
        if request.path_info.startswith(MET_TAALKEUZE):
            gekozen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
            if gekozen in dict(settings.LANGUAGES):
                taal = gekozen
        translation.activate(taal)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if request.path_info.startswith(MET_TAALKEUZE):
            return super().process_response(request, response)
        return response
