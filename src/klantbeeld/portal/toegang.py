"""Who may see a portal page: signed in, with at least the level of assurance the function
demands. Every portal page is personal: never stored by a browser or proxy cache."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.defaults import page_not_found

from klantbeeld.portal.identiteit import Ingelogde, ingelogde
from klantbeeld.portal.niveaus import Functie, vereist
from klantbeeld.portal.sessies import in_portaal, verlopen

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


class PortaalRequest(HttpRequest):
    mijn: Ingelogde


def inlog_vereist(functie: Functie = Functie.INZIEN) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @functools.wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            response: HttpResponseBase
            wie = ingelogde(request)
            if wie is None:
                naar = reverse("portal:inloggen")
                volgende = request.get_full_path() if request.method == "GET" else ""
                vraag = {"volgende": volgende}
                if verlopen(request):
                    vraag["verlopen"] = "1"  # there was a session, and it ended
                response = HttpResponseRedirect(f"{naar}?{urlencode(vraag)}")
                add_never_cache_headers(response)
                return response
            nodig = vereist(functie)
            if wie.niveau < nodig:
                response = render(
                    request,
                    "portal/niveau_te_laag.html",
                    {"nodig": nodig, "heeft": wie.niveau, "ingelogde": wie},
                    status=403,
                )
            else:
                cast(PortaalRequest, request).mijn = wie
                response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            return response

        return cast(View, guarded)

    return decorator


def niet_gevonden(request: HttpRequest) -> HttpResponse:
    """Someone else's item, or none: the same answer (a hidden object does not exist)."""
    response = render(request, "portal/niet_gevonden.html", {}, status=404)
    add_never_cache_headers(response)
    return response


def pagina_niet_gevonden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The site's 404 (``handler404``): under /mijn/ the portal's own page, so an
    ``Http404`` a portal view raises looks the same as ``niet_gevonden``."""
    if in_portaal(request):
        return niet_gevonden(request)
    return page_not_found(request, exception or Http404())
