"""The texts of zaakmeldingen, kept by the functional administrator: a placeholder that
does not exist is refused when saving, and the page shows the text as a resident would
read it."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html, format_html_join, linebreaks

from klantbeeld.channels.meldingen.models import PLAATSHOUDERS, Meldingtekst
from klantbeeld.channels.meldingen.opmaak import (
    STANDAARD_ONDERWERP,
    STANDAARD_SMS,
    STANDAARD_TEKST,
    voorbeeld,
)


@admin.register(Meldingtekst)
class MeldingtekstAdmin(admin.ModelAdmin):
    list_display = ["zaaktype_weergave", "statustype_weergave", "kanaal", "onderwerp", "actief"]
    list_filter = ["actief", "kanaal"]
    search_fields = ["zaaktype", "statustype", "onderwerp", "tekst"]
    readonly_fields = ["plaatshouders", "voorbeeld_weergave", "standaardtekst", "gewijzigd_op"]
    fieldsets = [
        (None, {"fields": ["zaaktype", "statustype", "kanaal", "actief"]}),
        ("Tekst", {"fields": ["onderwerp", "tekst", "plaatshouders"]}),
        ("Zo leest de ontvanger het", {"fields": ["voorbeeld_weergave"]}),
        ("Zonder eigen tekst", {"fields": ["standaardtekst"], "classes": ["collapse"]}),
        (None, {"fields": ["gewijzigd_op"]}),
    ]

    @admin.display(description="zaaktype", ordering="zaaktype")
    def zaaktype_weergave(self, tekst: Meldingtekst) -> str:
        return tekst.zaaktype or "elk zaaktype"

    @admin.display(description="status", ordering="statustype")
    def statustype_weergave(self, tekst: Meldingtekst) -> str:
        return tekst.statustype or "elke status"

    @admin.display(description="plaatshouders")
    def plaatshouders(self, tekst: Meldingtekst | None) -> str:
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li><code>{{{}}}</code>: {}</li>", sorted(PLAATSHOUDERS.items())),
        )

    @admin.display(description="voorbeeld")
    def voorbeeld_weergave(self, tekst: Meldingtekst | None) -> str:
        """The saved text filled in with made-up values (save and continue to see a
        change)."""
        if tekst is None or not tekst.pk:
            return "Sla de tekst op om een voorbeeld te zien."
        return _getoond(tekst.onderwerp, tekst.tekst)

    @admin.display(description="standaardtekst")
    def standaardtekst(self, tekst: Meldingtekst | None) -> str:
        return format_html(
            "{}<p>SMS:</p>{}",
            _getoond(STANDAARD_ONDERWERP, STANDAARD_TEKST),
            _getoond("", STANDAARD_SMS),
        )


def _getoond(onderwerp: str, tekst: str) -> str:
    woorden = voorbeeld(onderwerp, tekst)
    return format_html(
        "<p><strong>{}</strong></p>{}",
        woorden.onderwerp,
        linebreaks(woorden.tekst, autoescape=True),
    )
