"""The admin's pages of the register hold personal data: what a viewer may see follows the
domain's confidentiality rule (``domain.confidentiality``) for the role they have, and
every look at a person's data is logged in the verwerkingenlog as the workspace logs it.

What is confidential, and so what a row that names a confidential row is, is the
domain's to say: a hidden partij or contact never appears as someone's reference."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, TypeVar

from django.contrib import admin
from django.db.models import ForeignKey, Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from klantbeeld.domain.confidentiality import (
    hides_rows,
    seeing_confidential,
    visible,
    without_hidden_references,
)
from klantbeeld.domain.models import Partij
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.medewerkers import log_verwerking

M = TypeVar("M", bound=Model)

# The screen whose default processing activity covers looking at data in the admin.
SCHERM = "beheer"


def zichtbaar(queryset: QuerySet[M]) -> QuerySet[M]:
    """``queryset`` as the current viewer may see it: the domain's rule, with a reference
    that the rule lets a visible row keep to a hidden one (a partij's preferred address
    given on a confidential contact) read as unset."""
    references = [
        field.name
        for field in queryset.model._meta.get_fields()
        if isinstance(field, ForeignKey) and hides_rows(field.related_model)  # type: ignore[arg-type]
    ]
    return without_hidden_references(visible(queryset), *references)


def vertrouwelijk_getoond(model: type[Model], pks: Sequence[Any]) -> bool:
    """Whether any of these rows is one a viewer without the right would not see."""
    if not pks:
        return False
    with seeing_confidential(False):
        return zichtbaar(model._default_manager.filter(pk__in=pks)).count() < len(set(pks))


class PersoonsgegevensInline(admin.TabularInline):
    """Rows hanging on the page's object, read-only, as the viewer may see them."""

    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return zichtbaar(super().get_queryset(request))

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows staff look at but never change here (the APIs, the workspace or the worker
    write them)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PersoonsgegevensAdmin(ReadOnlyAdmin):
    """Read-only pages of rows with personal data. ``partijen_via`` are the lookups from
    the model to the partijen whose data a row shows ("" for a partij itself);
    ``soorten_gegevens`` the kinds of data its page shows (the list shows names)."""

    partijen_via: tuple[str, ...] = ()
    soorten_gegevens: tuple[str, ...] = ("naam",)
    # One count less per list page (the filters of zichtbaar() make counting dearer).
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return zichtbaar(super().get_queryset(request))

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        toon = partial(super().changelist_view, request, extra_context)
        return self._gelogd(request, "lijst", ("naam",), toon)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        toon = partial(super().change_view, request, object_id, form_url, extra_context)
        return self._gelogd(request, "bekijken", self.soorten_gegevens, toon)

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        toon = partial(super().history_view, request, object_id, extra_context)
        return self._gelogd(request, "geschiedenis", ("naam",), toon)

    def _gelogd(
        self,
        request: HttpRequest,
        wat: str,
        soorten: Sequence[str],
        toon: Callable[[], HttpResponse],
    ) -> HttpResponse:
        """Show the page only with a processing activity to log it under, and log the
        persons it shows once it is made."""
        if not self.toont_personen():
            return toon()
        try:
            activiteit = verwerkingen.standaard_activiteit(SCHERM)
        except verwerkingen.GeenVerwerkingsactiviteit as error:
            return self.geen_doel(request, error)
        response = toon()
        pks = [rij.pk for rij in _getoonde_rijen(response)]
        if pks:
            meta = self.model._meta
            naam = meta.verbose_name_plural if wat == "lijst" else meta.verbose_name
            log_verwerking(
                request,
                actie="Raadplegen",
                handeling=f"Beheer: {naam} {wat}",
                activiteit=activiteit,
                partijen=self.partijen_van(pks),
                objecten=self.objecten_van(pks),
                soorten_gegevens=soorten,
                vertrouwelijk=vertrouwelijk_getoond(self.model, pks),
            )
        return response

    def geen_doel(
        self, request: HttpRequest, error: verwerkingen.GeenVerwerkingsactiviteit
    ) -> HttpResponse:
        """The page that says why personal data are not shown: no activity to log under."""
        return TemplateResponse(
            request,
            "beheer/geen_doel.html",
            {**self.admin_site.each_context(request), "fout": str(error)},
            status=400,
        )

    def toont_personen(self) -> bool:
        return bool(self.partijen_via)

    def objecten_van(self, pks: Sequence[Any]) -> list[tuple[str, str]]:
        """Persons the rows show who are no partij: (soortObjectId, objectId)."""
        return []

    def partijen_van(self, pks: Sequence[Any]) -> list[Partij]:
        """The partijen the rows ``pks`` show data of (as far as the viewer sees them)."""
        rijen = self.model._default_manager.filter(pk__in=pks)
        ids: set[Any] = set()
        for pad in self.partijen_via:
            ids.update(rijen.values_list(pad or "pk", flat=True))
        ids.discard(None)
        return list(zichtbaar(Partij.objects.filter(pk__in=ids)).order_by("pk"))


def _getoonde_rijen(response: HttpResponse) -> Iterable[Model]:
    """The rows a page shows: a list's page of results, or the object of a change or
    history page (nothing for a redirect: a row that does not exist or is hidden)."""
    context = getattr(response, "context_data", None) or {}
    if response.status_code != 200:
        return []
    if "cl" in context:
        return list(context["cl"].result_list)
    gevonden = context.get("original") or context.get("object")
    return [gevonden] if isinstance(gevonden, Model) else []
