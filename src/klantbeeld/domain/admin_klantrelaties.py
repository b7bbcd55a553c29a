"""The kinds of customer relation in the admin, for the functional administrator
(docs/klantrelaties.md): written here through the domain's services, so the rules hold
and every change is announced (NRC, webhooks) like one through the API. The relations
themselves are personal data: listed read-only (domain/admin.py) and given or ended in
the workspace, where the rules between relations are explained to the employee."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from klantbeeld.domain import models
from klantbeeld.domain.admin_kennis import door
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services import categorieen, klantrelaties
from klantbeeld.domain.services.common import apply_changes

VELDEN = ["naam", "omschrijving", "afgeleid_van", "team", "volgorde", "actief"]


class CategorieForm(forms.ModelForm):
    class Meta:
        model = models.Categorie
        fields = VELDEN
        labels = {
            "naam": "Naam",
            "omschrijving": "Omschrijving",
            "afgeleid_van": "Afgeleid van",
            "team": "Team voor opvolging",
            "volgorde": "Volgorde",
            "actief": "In gebruik",
        }
        help_texts = {
            "naam": (
                "Hoe medewerkers en koppelingen de soort kennen (bijvoorbeeld Huurder). "
                "Uniek; de API geeft dit door als categorie-naam."
            ),
            "omschrijving": "Wanneer iemand deze relatie heeft, in gewone woorden.",
            "afgeleid_van": (
                "Leeg voor een eigen relatie (contractant). Gevuld als iemand deze relatie "
                "heeft via de relatie van een ander: een medebewoner via de huurder, een "
                "VvE-lid via de VvE. Zo'n relatie eindigt met die van de ander."
            ),
            "team": (
                "Het team dat bij een contact met iemand met deze relatie als eerste wordt "
                "voorgesteld voor de opvolging. Leeg: geen voorstel."
            ),
            "volgorde": (
                "Volgorde in lijsten; bij meerdere relaties met een team gaat de laagste voor."
            ),
            "actief": (
                "Uit: de soort wordt niet meer nieuw gegeven; bestaande relaties blijven "
                "en kunnen worden beëindigd."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = models.Actor.objects.filter(  # type: ignore[attr-defined]
            soort_actor=SoortActor.ORGANISATORISCHE_EENHEID
        ).order_by("naam")
        self.fields["afgeleid_van"].queryset = klantrelaties.soorten(  # type: ignore[attr-defined]
            ook_inactief=True
        ).exclude(pk=self.instance.pk)

    def clean(self) -> dict[str, Any]:
        # The domain's rules on the form's values, shown at their fields.
        data = super().clean() or {}
        kopie = models.Categorie.objects.filter(pk=self.instance.pk).first() or models.Categorie()
        apply_changes(kopie, {k: v for k, v in data.items() if k in VELDEN})
        try:
            categorieen.validate_categorie(kopie)
            klantrelaties.controleer_soort(kopie)
        except ValidationError as error:
            self.add_error(None, error)
        return data


@admin.register(models.Categorie)
class CategorieAdmin(admin.ModelAdmin):
    """Kinds of customer relation (Klantinteracties' categorieën)."""

    form = CategorieForm
    list_display = ["naam", "afgeleid_van", "team", "volgorde", "actief", "aantal_relaties"]
    list_filter = ["actief", ("team", admin.RelatedOnlyFieldListFilter)]
    list_editable = ["volgorde", "actief"]
    search_fields = ["naam", "omschrijving"]
    ordering = ["volgorde", "naam"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[models.Categorie]:
        return (
            super()
            .get_queryset(request)
            .select_related("afgeleid_van", "team")
            .annotate(_aantal=Count("categorie_relaties"))
        )

    @admin.display(description="relaties", ordering="_aantal")
    def aantal_relaties(self, obj: Any) -> int:
        return int(getattr(obj, "_aantal", 0))

    def save_model(
        self, request: HttpRequest, obj: models.Categorie, form: Any, change: bool
    ) -> None:
        changes = {veld: form.cleaned_data[veld] for veld in VELDEN if veld in form.cleaned_data}
        if change:
            stored = models.Categorie.objects.get(pk=obj.pk)
            form.instance = categorieen.update_categorie(stored, changes, door(request))
        else:
            form.instance = categorieen.create_categorie(changes, door(request))
        obj.pk = form.instance.pk

    def delete_model(self, request: HttpRequest, obj: models.Categorie) -> None:
        categorieen.delete_categorie(obj, door(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[models.Categorie]) -> None:
        for categorie in queryset:
            categorieen.delete_categorie(categorie, door(request))
