"""The letters waiting for the print street and those handed to it: read-only, as the
viewer's role allows, every look logged (beheer/persoonsgegevens.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from klantbeeld.beheer.persoonsgegevens import SCHERM, PersoonsgegevensAdmin
from klantbeeld.channels.post.models import Brief
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Klantcontact
from klantbeeld.domain.models.intake import Verzendkanaal
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.medewerkers import log_verwerking

VELDEN = (
    "bericht_id",
    "status",
    "fout",
    "aangemaakt_op",
    "verstuurd_op",
    "adres",
    "onderwerp",
    "tekst",
    "klantcontact",
    "pdf",
)


@admin.register(Brief)
class BriefAdmin(PersoonsgegevensAdmin):
    list_display = [
        "aangemaakt_op",
        "bericht_id",
        "ontvanger",
        "onderwerp",
        "status",
        "verstuurd_op",
    ]
    list_filter = ["status"]
    search_fields = ["bericht_id", "onderwerp", "=uuid"]
    fields = VELDEN
    readonly_fields = VELDEN
    partijen_via = ("klantcontact__betrokkenen__was_partij",)
    soorten_gegevens = ("naam", "adres", "klantcontacten")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        # A letter of a contact the viewer may not see is not theirs to see either.
        zichtbare = visible(Klantcontact.objects.all()).values("pk")
        return (
            super()
            .get_queryset(request)
            .filter(kanaal=Verzendkanaal.POST)
            .filter(Q(klantcontact=None) | Q(klantcontact__in=zichtbare))
            .defer("inhoud")
        )

    @admin.display(description="ontvanger")
    def ontvanger(self, brief: Brief) -> str:
        return brief.adres.splitlines()[0] if brief.adres else ""

    @admin.display(description="brief")
    def pdf(self, brief: Brief) -> str:
        url = reverse("admin:post_brief_pdf", args=[brief.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("PDF bekijken"))

    def get_urls(self) -> list[URLPattern]:
        eigen = [
            path(
                "<path:object_id>/pdf/",
                self.admin_site.admin_view(self.pdf_view),
                name="post_brief_pdf",
            )
        ]
        return eigen + super().get_urls()

    def pdf_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The letter as it went to the print street; logged as a look at the person's
        data, like the letter's page."""
        if not self.has_view_permission(request):
            raise Http404
        brief = self.get_queryset(request).defer(None).filter(pk=object_id).first()
        if brief is None:
            raise Http404
        try:
            activiteit = verwerkingen.standaard_activiteit(SCHERM)
        except verwerkingen.GeenVerwerkingsactiviteit as error:
            return self.geen_doel(request, error)
        log_verwerking(
            request,
            actie="Raadplegen",
            handeling="Beheer: brief bekijken (PDF)",
            activiteit=activiteit,
            partijen=self.partijen_van([brief.pk]),
            soorten_gegevens=self.soorten_gegevens,
        )
        response = HttpResponse(bytes(brief.inhoud), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{brief.bericht_id or brief.uuid}.pdf"'
        return response
