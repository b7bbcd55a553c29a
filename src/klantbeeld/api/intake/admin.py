"""The counts of refused submissions, for the functional administrator (read-only)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from klantbeeld.api.intake.models import Weigering


@admin.register(Weigering)
class WeigeringAdmin(admin.ModelAdmin):
    list_display = ["dag", "applicatie", "reden", "aantal"]
    list_filter = ["reden", "applicatie"]
    date_hierarchy = "dag"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
