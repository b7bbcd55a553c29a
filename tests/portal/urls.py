"""The site's URLs plus a page per function of the portal, each demanding its own level
of assurance (tests of ``inlog_vereist``)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import path

from klantbeeld.portal.niveaus import Functie
from klantbeeld.portal.toegang import inlog_vereist
from klantbeeld.urls import urlpatterns as site


def _pagina(functie: Functie) -> Callable[[HttpRequest], HttpResponse]:
    @inlog_vereist(functie)
    def pagina(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f"{functie.value} toegestaan")

    return pagina


urlpatterns = [
    *(
        path(
            f"mijn/proef/{functie.value.lower()}/", _pagina(functie), name=f"proef-{functie.value}"
        )
        for functie in Functie
    ),
    *site,
]
