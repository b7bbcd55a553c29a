from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from klantbeeld.beheer.persoonsgegevens import ReadOnlyAdmin
from klantbeeld.privacy.models import (
    Vertrouwelijkheid,
    Verwerkingsactie,
    Verwerkingsactiviteit,
    VerwerktObject,
)
from klantbeeld.workspace.toegang import mag_vertrouwelijk_zien


@admin.register(Verwerkingsactiviteit)
class VerwerkingsactiviteitAdmin(admin.ModelAdmin):
    list_display = ["naam", "standaard_voor", "actief"]
    list_filter = ["actief"]


class VerwerktObjectInline(admin.TabularInline):
    model = VerwerktObject
    fields = ("objecttype", "soort_object_id", "object_id", "verwerkte_soorten_gegevens")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Verwerkingsactie)
class VerwerkingsactieAdmin(ReadOnlyAdmin):
    """Read-only: the log is for accountability, nobody edits it. Confidential records
    only for the roles that may see confidential data (as the API asks a scope for them)."""

    list_display = [
        "tijdstip",
        "actie_naam",
        "gebruiker",
        "organisatie_eenheid",
        "verwerking_naam",
        "vertrouwelijkheid",
    ]
    list_filter = ["actie_naam", "vertrouwelijkheid", "uitgevoerd_door"]
    search_fields = ["gebruiker", "verwerkte_objecten__object_id"]
    inlines = [VerwerktObjectInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Verwerkingsactie]:
        queryset = super().get_queryset(request)
        if mag_vertrouwelijk_zien(request):
            return queryset
        return queryset.exclude(vertrouwelijkheid=Vertrouwelijkheid.VERTROUWELIJK)
