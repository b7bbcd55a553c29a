"""The mailboxes, and what came out of them, for the functional administrator: the
connection test, the messages kept out of the queue (with the reason) and the quarantine
(download, try again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from klantbeeld.channels.email.controle import controleer
from klantbeeld.channels.email.models import (
    BuitengehoudenBericht,
    Postvak,
    Postvakbericht,
    Quarantainebericht,
    Uitkomst,
)
from klantbeeld.channels.email.verwerken import NietOpnieuw, actor_van, opnieuw, tijdelijk
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.integrations.zgw.register import ZgwZakenregister


@admin.action(description="Verbinding testen")
def verbinding_testen(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Postvak]
) -> None:
    for postvak in queryset:
        controle = controleer(postvak)
        niveau = messages.SUCCESS if controle.gelukt else messages.ERROR
        model_admin.message_user(request, f"{postvak.naam}: {controle.melding}", niveau)


class PostvakForm(forms.ModelForm):
    informatieobjecttype = forms.URLField(
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=Postvak._meta.get_field("informatieobjecttype").help_text,
    )

    class Meta:
        model = Postvak
        fields = [
            "naam", "adres", "actief", "host", "poort", "beveiliging", "gebruiker",
            "wachtwoord_env", "map", "markering", "map_verwerkt", "vlag", "map_quarantaine",
            "max_mb", "idle", "interval", "team", "gevraagde_handeling", "informatieobjecttype",
        ]  # fmt: skip


@admin.register(Postvak)
class PostvakAdmin(admin.ModelAdmin):
    form = PostvakForm
    list_display = ["naam", "adres", "host", "map", "team", "actief", "gelezen_op", "fout"]
    list_filter = ["actief"]
    search_fields = ["naam", "adres", "host"]
    readonly_fields = ["actor", "gelezen_op", "fout", "fout_op"]
    actions = [verbinding_testen]
    fieldsets = [
        (None, {"fields": ["naam", "adres", "actief"]}),
        ("Server", {"fields": ["host", "poort", "beveiliging", "gebruiker", "wachtwoord_env"]}),
        (
            "Lezen",
            {
                "fields": [
                    "map", "markering", "map_verwerkt", "vlag", "map_quarantaine", "max_mb",
                    "idle", "interval",
                ]
            },
        ),
        (
            "Registreren",
            {"fields": ["team", "gevraagde_handeling", "informatieobjecttype", "actor"]},
        ),
        ("Toestand", {"fields": ["gelezen_op", "fout", "fout_op"]}),
    ]  # fmt: skip

    def save_model(self, request: HttpRequest, obj: Postvak, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        actor_van(obj)


class BerichtAdmin(admin.ModelAdmin):
    """Read-only: the readers write these."""

    list_display = ["verwerkt_op", "postvak", "uitkomst", "afzender", "onderwerp", "reden_kort"]
    list_filter = ["uitkomst", "postvak"]
    search_fields = ["afzender", "onderwerp", "bericht_id"]
    date_hierarchy = "verwerkt_op"
    exclude = ["inhoud"]
    readonly_fields = ["download"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(description="reden")
    def reden_kort(self, bericht: Postvakbericht) -> str:
        return bericht.reden if len(bericht.reden) <= 120 else bericht.reden[:119] + "…"

    @admin.display(description="bericht")
    def download(self, bericht: Postvakbericht) -> str:
        if not bericht.inhoud:
            return "Niet bewaard (geregistreerd: zie de documenten van het klantcontact)."
        naam = f"admin:{bericht._meta.app_label}_{bericht._meta.model_name}_download"
        wat = "Download (.eml)" if bericht.volledig else "Download (alleen de kop)"
        return format_html('<a href="{}">{}</a>', reverse(naam, args=[bericht.pk]), wat)

    def get_urls(self) -> list[URLPattern]:
        naam = f"{self.model._meta.app_label}_{self.model._meta.model_name}_download"
        eigen = [path("<int:pk>/download/", self.admin_site.admin_view(self.downloaden), name=naam)]
        return eigen + super().get_urls()

    def downloaden(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        bericht = get_object_or_404(self.get_queryset(request), pk=pk)
        antwoord = HttpResponse(bytes(bericht.inhoud), content_type="message/rfc822")
        antwoord["Content-Disposition"] = f'attachment; filename="bericht-{bericht.pk}.eml"'
        return antwoord


def _opnieuw(
    model_admin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Postvakbericht],
    als_klantcontact: bool,
) -> None:
    by = ChangeContext(
        applicatie="Klantbeeld beheer",
        gebruikers_id=request.user.get_username(),
        gebruikers_weergave=request.user.get_username(),
    )
    with ZgwZakenregister(by=by) as register:
        for bericht in queryset:
            try:
                nu = opnieuw(bericht, register, by, als_klantcontact=als_klantcontact)
            except NietOpnieuw as fout:
                model_admin.message_user(request, f"{bericht}: {fout}", messages.ERROR)
                continue
            except Exception as fout:
                if not tijdelijk(fout):
                    raise
                model_admin.message_user(
                    request, f"{bericht}: nu niet gelukt, later opnieuw: {fout}", messages.WARNING
                )
                continue
            niveau = messages.SUCCESS if nu.uitkomst != Uitkomst.QUARANTAINE else messages.WARNING
            model_admin.message_user(
                request, f"{nu.onderwerp or nu.bericht_id}: {nu.get_uitkomst_display()}", niveau
            )


@admin.action(description="Opnieuw verwerken")
def opnieuw_verwerken(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Postvakbericht]
) -> None:
    _opnieuw(model_admin, request, queryset, als_klantcontact=False)


@admin.action(description="Toch als klantcontact registreren")
def toch_registreren(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Postvakbericht]
) -> None:
    _opnieuw(model_admin, request, queryset, als_klantcontact=True)


@admin.register(Postvakbericht)
class PostvakberichtAdmin(BerichtAdmin):
    pass


@admin.register(Quarantainebericht)
class QuarantaineAdmin(BerichtAdmin):
    actions = [opnieuw_verwerken, toch_registreren]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(uitkomst=Uitkomst.QUARANTAINE)


@admin.register(BuitengehoudenBericht)
class BuitengehoudenAdmin(BerichtAdmin):
    actions = [toch_registreren]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return (
            super()
            .get_queryset(request)
            .filter(uitkomst__in=[Uitkomst.BUITENGEHOUDEN, Uitkomst.LUS, Uitkomst.ONBESTELBAAR])
        )
