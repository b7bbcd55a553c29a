from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from klantbeeld.beheer.persoonsgegevens import ReadOnlyAdmin
from klantbeeld.workspace.models import Aanmelding, Noodtoegang, Tekstblok, Vragenset
from klantbeeld.workspace.noodtoegang import MAX_DUUR


@admin.register(Aanmelding)
class AanmeldingAdmin(ReadOnlyAdmin):
    """Read-only for everyone: the record of who signed in is not to be edited."""

    list_display = ["moment", "gebruikersnaam", "methode", "geslaagd", "ip_adres", "toelichting"]
    list_filter = ["methode", "geslaagd"]
    search_fields = ["gebruikersnaam"]


class NoodtoegangForm(forms.ModelForm):
    class Meta:
        model = Noodtoegang
        fields = ["open_tot", "reden"]

    def clean_open_tot(self) -> Any:
        open_tot = self.cleaned_data["open_tot"]
        if open_tot <= timezone.now():
            raise forms.ValidationError("Kies een moment in de toekomst.")
        if open_tot > timezone.now() + MAX_DUUR:
            raise forms.ValidationError("De noodtoegang kan hoogstens 24 uur open staan.")
        return open_tot


@admin.action(description="Nu sluiten")
def nu_sluiten(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Noodtoegang]
) -> None:
    nu = timezone.now()
    gesloten = queryset.filter(open_tot__gt=nu).update(
        open_tot=nu, gesloten_op=nu, gesloten_door=request.user
    )
    model_admin.message_user(
        request, f"{gesloten} gesloten; wie met noodtoegang is ingelogd, is uitgelogd."
    )


@admin.register(Noodtoegang)
class NoodtoegangAdmin(admin.ModelAdmin):
    """Opening the emergency login for a limited time, with a reason, recorded with who
    did it; closing it early with an action that records who closed it. Nothing is
    changed or deleted otherwise: the rows are the record of when it was open."""

    form = NoodtoegangForm
    list_display = ["geopend_op", "open_tot", "reden", "geopend_door", "gesloten_door"]
    readonly_fields = ["geopend_op", "geopend_door", "gesloten_op", "gesloten_door"]
    actions = [nu_sluiten]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Noodtoegang, form: Any, change: bool) -> None:
        obj.geopend_door = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


@admin.register(Vragenset)
class VragensetAdmin(admin.ModelAdmin):
    list_display = ["naam", "code", "actief"]
    list_filter = ["actief"]
    search_fields = ["naam", "code"]
    prepopulated_fields = {"code": ["naam"]}


@admin.register(Tekstblok)
class TekstblokAdmin(admin.ModelAdmin):
    """Text modules for written answers, per team; the placeholders are checked on saving
    (``Tekstblok.clean``)."""

    list_display = ["naam", "team", "actief"]
    list_filter = ["actief", ("team", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["naam", "tekst"]
