from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from klantbeeld.domain.admin import ReadOnlyAdmin
from klantbeeld.privacy.models import Verwerkingsactie, Verwerkingsactiviteit, VerwerktObject


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
    """Read-only: the log is for accountability, nobody edits it."""

    list_display = ["tijdstip", "actie_naam", "gebruiker", "verwerking_naam", "vertrouwelijkheid"]
    list_filter = ["actie_naam", "vertrouwelijkheid"]
    search_fields = ["gebruiker", "verwerkte_objecten__object_id"]
    inlines = [VerwerktObjectInline]
