from django.contrib import admin

from klantbeeld.channels.telefonie.models import Toestel


@admin.register(Toestel)
class ToestelAdmin(admin.ModelAdmin):
    """Which employee answers on which extension (docs/telefonie.md)."""

    list_display = ("toestel", "gebruikersnaam", "actief")
    list_filter = ("actief",)
    search_fields = ("toestel", "gebruikersnaam")
