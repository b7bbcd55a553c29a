"""Read-only admin views of the register, for functional administrators.

Changes go through the APIs (and later the workspace), which apply every rule of the
domain services; the admin only looks.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from klantbeeld.domain import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def register(model: type[Model], **options: Any) -> None:
    admin.site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), options))


register(
    models.Partij,
    list_display=["__str__", "nummer", "soort_partij", "indicatie_actief"],
    list_filter=["soort_partij", "indicatie_actief", "indicatie_geheimhouding"],
    search_fields=["nummer", "naam", "contactnaam_achternaam", "uuid"],
)
register(
    models.PartijIdentificator,
    list_display=[
        "partij_identificator_code_soort_object_id",
        "partij_identificator_object_id",
        "identificeerde_partij",
    ],
    search_fields=["partij_identificator_object_id"],
)
register(
    models.DigitaalAdres,
    list_display=["adres", "soort_digitaal_adres", "verstrekt_door_partij"],
    search_fields=["adres"],
)
register(models.Rekeningnummer, list_display=["iban", "bic", "partij"])
register(models.Vertegenwoordigden)
register(models.Categorie, search_fields=["naam"])
register(models.CategorieRelatie)
register(
    models.Klantcontact,
    list_display=["__str__", "kanaal", "plaatsgevonden_op", "vertrouwelijk"],
    list_filter=["kanaal", "vertrouwelijk"],
    search_fields=["referentienummer", "nummer", "onderwerp"],
)
register(models.Betrokkene, list_display=["__str__", "rol", "initiator", "was_partij"])
register(models.Onderwerpobject)
register(models.Bijlage)
register(
    models.Actor, list_display=["naam", "soort_actor", "indicatie_actief"], search_fields=["naam"]
)
register(
    models.InterneTaak,
    list_display=["__str__", "status", "toegewezen_op"],
    list_filter=["status"],
    search_fields=["referentienummer", "nummer", "gevraagde_handeling"],
)
register(models.Persoon, search_fields=["geslachtsnaam"])
register(models.Organisatie, search_fields=["handelsnaam"])
register(
    models.AuditTrail,
    list_display=["aangemaakt_op", "actie", "resource", "resource_uuid", "applicatie"],
    list_filter=["actie", "resource"],
    search_fields=["resource_uuid", "applicatie", "gebruikers_id"],
)
register(
    models.Zaakmelding,
    list_display=["ontvangen_op", "partij", "zaak", "berichtkanaal", "berichtstatus"],
    list_filter=["berichtkanaal", "berichtstatus"],
    search_fields=["zaak"],
)
register(
    models.Taakgebeurtenis,
    list_display=["moment", "interne_taak", "soort", "door"],
    list_filter=["soort"],
    search_fields=["interne_taak__nummer", "door"],
)


@admin.register(models.Teamlid)
class TeamlidAdmin(admin.ModelAdmin):
    """Who is in which team: the one part of the register kept here, as the APIs know no
    team membership (the team's tasks are in its members' queues)."""

    list_display = ["team", "medewerker"]
    list_filter = ["team"]
    search_fields = ["medewerker__naam", "team__naam"]
    autocomplete_fields = ["team", "medewerker"]
