"""The knowledge base in the admin, for the kennisbeheerder (workspace/roles.py): articles
with their sections written and published here, unlike the register's rows (domain/admin.py),
which the admin only shows. Every save ends in the domain's ``kennis.opgeslagen`` (versions,
audit trail, search index); versions and the search index are read-only here."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from klantbeeld.domain import models
from klantbeeld.domain.models.kennis import Status
from klantbeeld.domain.services import kennis
from klantbeeld.domain.services.common import ChangeContext

VORIGE = "_kennis_vorige"
BINNENKORT = datetime.timedelta(days=30)


def door(request: HttpRequest) -> ChangeContext:
    user = request.user
    naam = getattr(user, "get_full_name", lambda: "")() or user.get_username()
    return ChangeContext(
        applicatie="Beheer", gebruikers_id=user.get_username(), gebruikers_weergave=naam
    )


class NakijkenFilter(admin.SimpleListFilter):
    """Published articles whose review date has come (or comes within a month)."""

    title = "nakijken"
    parameter_name = "nakijken"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("nu", "Nu nodig"), ("binnenkort", "Binnen 30 dagen")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        vandaag = timezone.localdate()
        if self.value() == "nu":
            return queryset.filter(status=Status.GEPUBLICEERD, herzien_op__lte=vandaag)
        if self.value() == "binnenkort":
            return queryset.filter(
                status=Status.GEPUBLICEERD,
                herzien_op__gt=vandaag,
                herzien_op__lte=vandaag + BINNENKORT,
            )
        return queryset


class SectieInline(admin.StackedInline):
    model = models.Sectie
    extra = 1
    fields = ["volgorde", "kop", "tekst"]


class VersieInline(admin.TabularInline):
    model = models.Artikelversie
    extra = 0
    can_delete = False
    fields = readonly_fields = (
        "versie",
        "status",
        "opgeslagen_op",
        "opgeslagen_door",
        "vervangen_op",
        "vervangen_door",
        "inhoud",
    )
    verbose_name_plural = "eerdere versies"

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class FeedbackInline(admin.TabularInline):
    model = models.Artikelfeedback
    extra = 0
    can_delete = False
    # Handled through "Feedback op artikelen" (its action records who and when).
    fields = readonly_fields = ("gegeven_op", "gegeven_door", "versie", "tekst", "afgehandeld")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.action(description="Publiceren")
def publiceren(model_admin: Any, request: HttpRequest, queryset: QuerySet[models.Artikel]) -> None:
    for artikel in queryset.exclude(status=Status.GEPUBLICEERD):
        kennis.publiceer(artikel, door(request))


@admin.action(description="Terug naar concept")
def naar_concept(
    model_admin: Any, request: HttpRequest, queryset: QuerySet[models.Artikel]
) -> None:
    for artikel in queryset.filter(status=Status.GEPUBLICEERD):
        kennis.bewaar_artikel(artikel, {"status": Status.CONCEPT}, door(request))


@admin.register(models.Artikel)
class ArtikelAdmin(admin.ModelAdmin):
    list_display = ["titel", "soort", "status", "eigenaar", "herzien_op", "versie", "open_feedback"]
    list_filter = [
        NakijkenFilter,
        "status",
        "soort",
        ("eigenaar", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["titel", "trefwoorden", "samenvatting"]
    ordering = ["herzien_op", "titel"]
    fields = [
        "soort",
        "titel",
        "samenvatting",
        "trefwoorden",
        "doelgroep",
        "eigenaar",
        "herzien_op",
        "status",
        "versie",
        "gewijzigd_op",
        "gewijzigd_door",
    ]
    readonly_fields = ["versie", "gewijzigd_op", "gewijzigd_door"]
    filter_horizontal = ["doelgroep"]
    inlines = [SectieInline, FeedbackInline, VersieInline]
    actions = [publiceren, naar_concept]

    def get_queryset(self, request: HttpRequest) -> QuerySet[models.Artikel]:
        return (
            super()
            .get_queryset(request)
            .select_related("eigenaar")
            .annotate(_open=Count("feedback", filter=Q(feedback__afgehandeld=False)))
        )

    @admin.display(description="open feedback", ordering="_open")
    def open_feedback(self, obj: Any) -> int:
        return int(getattr(obj, "_open", 0))

    def save_model(
        self, request: HttpRequest, obj: models.Artikel, form: Any, change: bool
    ) -> None:
        # What the article said before this save, read before the form writes anything.
        setattr(request, VORIGE, kennis.vorige(obj.pk) if change else None)
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        kennis.opgeslagen(form.instance, getattr(request, VORIGE, None), door(request))

    def delete_model(self, request: HttpRequest, obj: models.Artikel) -> None:
        kennis.verwijder_artikel(obj, door(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[models.Artikel]) -> None:
        for artikel in queryset:
            kennis.verwijder_artikel(artikel, door(request))


@admin.register(models.Synoniemgroep)
class SynoniemgroepAdmin(admin.ModelAdmin):
    search_fields = ["woorden"]


@admin.action(description="Afgehandeld")
def afgehandeld(
    model_admin: Any, request: HttpRequest, queryset: QuerySet[models.Artikelfeedback]
) -> None:
    for feedback in queryset.filter(afgehandeld=False):
        kennis.handel_feedback_af(feedback, door(request))


@admin.register(models.Artikelfeedback)
class ArtikelfeedbackAdmin(admin.ModelAdmin):
    list_display = ["artikel", "gegeven_op", "gegeven_door", "afgehandeld"]
    list_filter = ["afgehandeld"]
    search_fields = ["tekst", "artikel__titel"]
    readonly_fields = [
        "artikel",
        "versie",
        "tekst",
        "gegeven_op",
        "gegeven_door",
        "gebruikersnaam",
        "afgehandeld_op",
        "afgehandeld_door",
    ]
    actions = [afgehandeld]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: models.Artikelfeedback, form: Any, change: bool
    ) -> None:
        if obj.afgehandeld and "afgehandeld" in form.changed_data:
            obj.afgehandeld = False
            kennis.handel_feedback_af(obj, door(request))
            return
        super().save_model(request, obj, form, change)


@admin.register(models.Kennisdocument)
class KennisdocumentAdmin(admin.ModelAdmin):
    """The search index: what the search finds, from every source; read-only."""

    list_display = ["titel", "bron", "soort", "bijgewerkt_op"]
    list_filter = ["bron", "soort"]
    search_fields = ["titel", "url"]
    exclude = ["titel_termen", "trefwoord_termen", "samenvatting_termen", "tekst_termen"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
