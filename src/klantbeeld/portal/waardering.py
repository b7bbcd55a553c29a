"""The answer page of a satisfaction survey (docs/tevredenheid.md). Without signing in: the
link in the mail or SMS is the credential, and it tells nothing about whose it is. A
signed-in resident reaches their own open invitations from the start page (the portal
prompt) by the invitation itself. A GET only shows the question (a mail program that opens
links to check them answers nothing); the answer is a POST."""

from __future__ import annotations

import uuid
from typing import Any, cast

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from klantbeeld.domain.models.tevredenheid import Meting, Uitnodiging
from klantbeeld.domain.services import tevredenheid
from klantbeeld.domain.services.tevredenheid import Antwoordfout
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist, niet_gevonden

# The meaning of the lowest and highest score of each measure, said at both ends.
UITERSTEN = {
    Meting.CSAT: (_("heel ontevreden"), _("heel tevreden")),
    Meting.CES: (_("helemaal mee oneens"), _("helemaal mee eens")),
    Meting.NPS: (_("zeker niet"), _("zeker wel")),
}


class Antwoord(forms.Form):
    score = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)
    toelichting = forms.CharField(
        required=False, max_length=tevredenheid.TOELICHTING_MAX, widget=forms.Textarea
    )

    def __init__(self, uitnodiging: Uitnodiging, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vragenlijst = uitnodiging.vragenlijst
        laag, hoog = tevredenheid.schaal(vragenlijst.meting)
        bij_laag, bij_hoog = UITERSTEN[Meting(vragenlijst.meting)]
        keuzes = []
        for cijfer in range(laag, hoog + 1):
            uitleg = bij_laag if cijfer == laag else bij_hoog if cijfer == hoog else ""
            keuzes.append((cijfer, f"{cijfer} ({uitleg})" if uitleg else str(cijfer)))
        score = self.fields["score"]
        score.choices = keuzes  # type: ignore[attr-defined]
        score.label = vragenlijst.vraag
        score.error_messages["required"] = gettext(
            "Kies een cijfer van %(laag)s tot en met %(hoog)s."
        ) % {"laag": laag, "hoog": hoog}
        score.error_messages["invalid_choice"] = score.error_messages["required"]
        if vragenlijst.open_vraag:
            self.fields["toelichting"].label = vragenlijst.open_vraag
        else:
            del self.fields["toelichting"]


@require_GET
def bedankt(request: HttpRequest) -> HttpResponse:
    return _pagina(request, "portal/waardering_bedankt.html", {})


@require_http_methods(["GET", "POST"])
def met_link(request: HttpRequest, sleutel: str) -> HttpResponse:
    uitnodiging = tevredenheid.uitnodiging_bij_sleutel(sleutel)
    if uitnodiging is None:
        return _pagina(request, "portal/waardering_onbekend.html", {}, status=404)
    return _vraag(request, uitnodiging)


@require_http_methods(["GET", "POST"])
@inlog_vereist()
def in_portaal(request: HttpRequest, uitnodiging: uuid.UUID) -> HttpResponse:
    """The prompt's page: only the signed-in resident's own invitation."""
    wie = cast(PortaalRequest, request).mijn
    partij = None if wie.namens_ander else wie.partij()
    gevonden = (
        Uitnodiging.objects.filter(uuid=uitnodiging, partij=partij)
        .select_related("vragenlijst")
        .first()
        if partij is not None
        else None
    )
    if gevonden is None:
        return niet_gevonden(request)
    return _vraag(request, gevonden)


def _vraag(request: HttpRequest, uitnodiging: Uitnodiging) -> HttpResponse:
    try:
        tevredenheid.kan_beantwoorden(uitnodiging)
    except Antwoordfout as fout:
        return _niet_meer(request, fout)
    form = Antwoord(uitnodiging, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            tevredenheid.beantwoord(
                uitnodiging, form.cleaned_data["score"], form.cleaned_data.get("toelichting", "")
            )
        except Antwoordfout as fout:
            if fout.reden != "score":
                return _niet_meer(request, fout)
            form.add_error("score", str(fout))
        else:
            return HttpResponseRedirect(reverse("portal:waardering_bedankt"))
    vragenlijst = uitnodiging.vragenlijst
    context = {
        "form": form,
        "vragenlijst": vragenlijst,
        "opvolging": vragenlijst.opvolging_tot_en_met is not None
        and vragenlijst.opvolging_team_id is not None,
    }
    return _pagina(request, "portal/waardering.html", context, status=400 if form.errors else 200)


def _niet_meer(request: HttpRequest, fout: Antwoordfout) -> HttpResponse:
    sjabloon = (
        "portal/waardering_beantwoord.html"
        if fout.reden == "beantwoord"
        else "portal/waardering_verlopen.html"
    )
    return _pagina(request, sjabloon, {}, status=410 if fout.reden == "verlopen" else 200)


def _pagina(
    request: HttpRequest, sjabloon: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    response = render(request, sjabloon, context, status=status)
    add_never_cache_headers(response)
    # The secret in the address must not travel on to another site ("no-referrer" would
    # make the browser send "Origin: null" with the answer, which the CSRF check refuses).
    response["Referrer-Policy"] = "same-origin"
    return response


def voor_startpagina(request: HttpRequest) -> Uitnodiging | None:
    """The open invitation the start page prompts for: the resident's own, newest."""
    wie = cast(PortaalRequest, request).mijn
    if wie.namens_ander:
        return None
    partij = wie.partij()
    if partij is None:
        return None
    open_ = tevredenheid.open_uitnodigingen(partij)
    return open_[0] if open_ else None
