"""*Wie heeft mijn gegevens bekeken*: the processings of the signed-in person's data from
the verwerkingenlog, per processing when, which team, which processing activity (and its
place in the register, which states the purpose) and what was done; never the employee
(privacy/inzage.py says what is shown and why). Filtered by period with a plain GET form,
a page at a time. A company signed in with eHerkenning gets an explanation instead: the
log records natural persons only."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist
from klantbeeld.portal.verwerkingen import INZIEN, log_inzage
from klantbeeld.privacy.inzage import als_verwerking, kenmerken_van, verwerkingsacties

PER_PAGINA = 25
HANDELING = "Wie heeft mijn gegevens bekeken"


class Periode(forms.Form):
    van = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("Deze datum ligt voor de datum bij Vanaf."))
        return data


@require_GET
@inlog_vereist()
def inzage(request: HttpRequest) -> HttpResponse:
    wie = cast(PortaalRequest, request).mijn
    if not wie.klant.bsn:
        return render(request, "portal/inzage.html", {"bedrijf": True})
    periode = Periode(request.GET if {"van", "tot"} & set(request.GET) else None)
    van: datetime.date | None = None
    tot: datetime.date | None = None
    if periode.is_bound and periode.is_valid():
        van, tot = periode.cleaned_data["van"], periode.cleaned_data["tot"]
    elif periode.is_bound:
        # A period that makes no sense shows nothing rather than everything.
        return render(request, "portal/inzage.html", {"periode": periode, "fout": True})
    acties = verwerkingsacties(kenmerken_van(wie.partij(), wie.klant.bsn), van=van, tot_en_met=tot)
    pagina = Paginator(acties, PER_PAGINA).get_page(request.GET.get("pagina"))
    rijen = [als_verwerking(actie) for actie in pagina.object_list]
    # Logged after reading, so the page lists the earlier visits, not this one.
    log_inzage(wie, actie=INZIEN, handeling=HANDELING, soorten_gegevens=["verwerkingen"])
    filter_query = request.GET.copy()
    filter_query.pop("pagina", None)
    return render(
        request,
        "portal/inzage.html",
        {
            "periode": periode,
            "pagina": pagina,
            "rijen": rijen,
            "filter_query": filter_query.urlencode(),
            "gefilterd": van is not None or tot is not None,
        },
    )
