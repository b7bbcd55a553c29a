"""Read-only admin views of the register, for functional administrators.

Changes go through the APIs and the workspace, which apply every rule of the domain
services; the admin only looks, as the viewer's role allows, and logs every look at a
person's data (beheer/persoonsgegevens.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest

from klantbeeld.beheer.persoonsgegevens import (
    PersoonsgegevensAdmin,
    PersoonsgegevensInline,
    ReadOnlyAdmin,
    zichtbaar,
)
from klantbeeld.domain import models
from klantbeeld.domain.confidentiality import hides_rows

# How a Contactgegevens persoon is named in the verwerkingenlog (it has no BSN).
PERSOON_CONTACTGEGEVENS = "persoon (contactgegevens)"


class AuditTrailAdmin(ReadOnlyAdmin):
    """A change's old and new values are the row's data: the history of a row the viewer
    may not see is not shown either (the history of a deleted row stays, as its row can no
    longer say whether it was confidential)."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        for model in apps.get_app_config("domain").get_models():
            if not hides_rows(model) or not hasattr(model, "uuid"):
                continue
            zichtbare = zichtbaar(model._default_manager.all()).values("uuid")
            queryset = queryset.exclude(
                Q(resource=model._meta.model_name)
                & Q(resource_uuid__in=model._default_manager.values("uuid"))
                & ~Q(resource_uuid__in=zichtbare)
            )
        return queryset


def register(
    model: type[Model], base: type[admin.ModelAdmin] = PersoonsgegevensAdmin, **options: Any
) -> None:
    admin.site.register(model, type(f"{model.__name__}Admin", (base,), options))


def inline(model: type[Model], fk_name: str, **options: Any) -> type[PersoonsgegevensInline]:
    return type(
        f"{model.__name__}Inline",
        (PersoonsgegevensInline,),
        {"model": model, "fk_name": fk_name, **options},
    )


# The rows of the register with personal data: shown as the viewer's role allows, and
# every look logged with the persons concerned (beheer/persoonsgegevens.py).
KLANTCONTACT_PARTIJEN = "betrokkenen__was_partij"
register(
    models.Partij,
    list_display=["__str__", "nummer", "soort_partij", "indicatie_actief"],
    list_filter=["soort_partij", "indicatie_actief", "indicatie_geheimhouding"],
    search_fields=["nummer", "naam", "contactnaam_achternaam", "uuid"],
    partijen_via=("",),
    soorten_gegevens=("naam", "identificatienummer", "adres", "contactgegevens", "zaken"),
    inlines=[
        inline(
            models.PartijIdentificator,
            "identificeerde_partij",
            fields=[
                "partij_identificator_code_soort_object_id",
                "partij_identificator_object_id",
                "partij_identificator_code_register",
            ],
        ),
        inline(
            models.DigitaalAdres,
            "verstrekt_door_partij",
            fields=["adres", "soort_digitaal_adres", "is_standaard_adres", "omschrijving"],
        ),
        inline(models.Rekeningnummer, "partij", fields=["iban", "bic"]),
    ],
)
register(
    models.PartijIdentificator,
    list_display=[
        "partij_identificator_code_soort_object_id",
        "partij_identificator_object_id",
        "identificeerde_partij",
    ],
    search_fields=["partij_identificator_object_id"],
    partijen_via=("identificeerde_partij",),
    soorten_gegevens=("naam", "identificatienummer"),
)
register(
    models.DigitaalAdres,
    list_display=["adres", "soort_digitaal_adres", "verstrekt_door_partij"],
    search_fields=["adres"],
    partijen_via=("verstrekt_door_partij", "verstrekt_door_betrokkene__was_partij"),
    soorten_gegevens=("naam", "contactgegevens"),
)
register(
    models.Rekeningnummer,
    list_display=["iban", "bic", "partij"],
    partijen_via=("partij",),
    soorten_gegevens=("naam", "rekeningnummer"),
)
register(
    models.Vertegenwoordigden,
    partijen_via=("vertegenwoordigende_partij", "vertegenwoordigde_partij"),
    soorten_gegevens=("naam", "vertegenwoordiging"),
)


@admin.display(description="via de relatie van")
def _via(relatie: models.CategorieRelatie) -> str:
    via = relatie.via
    return f"{via.partij} ({via.categorie})" if via and via.partij else ""


# Categorie: written by the functional administrator (admin_klantrelaties.py).
register(
    models.CategorieRelatie,
    list_display=["partij", "categorie", "begin_datum", "eind_datum", "kenmerk", _via],
    list_filter=["categorie"],
    list_select_related=["partij", "categorie", "via__partij", "via__categorie"],
    search_fields=["kenmerk"],
    partijen_via=("partij", "via__partij"),
    soorten_gegevens=("naam", "categorie"),
)
register(
    models.Klantcontact,
    list_display=["__str__", "kanaal", "plaatsgevonden_op", "vertrouwelijk"],
    list_filter=["kanaal", "vertrouwelijk"],
    search_fields=["referentienummer", "nummer", "onderwerp"],
    partijen_via=(KLANTCONTACT_PARTIJEN,),
    soorten_gegevens=("naam", "klantcontacten"),
    inlines=[
        inline(
            models.Betrokkene,
            "had_klantcontact",
            fields=["was_partij", "rol", "initiator", "organisatienaam", "contactnaam_achternaam"],
        ),
        inline(models.Onderwerpobject, "klantcontact", exclude=["uuid"]),
        inline(models.Bijlage, "was_bijlage_van_klantcontact", exclude=["uuid"]),
    ],
)
register(
    models.Betrokkene,
    list_display=["__str__", "rol", "initiator", "was_partij"],
    partijen_via=("was_partij",),
    soorten_gegevens=("naam", "adres", "contactgegevens", "klantcontacten"),
)
register(
    models.Onderwerpobject,
    partijen_via=(f"klantcontact__{KLANTCONTACT_PARTIJEN}",),
    soorten_gegevens=("klantcontacten",),
)
register(
    models.Bijlage,
    partijen_via=(f"was_bijlage_van_klantcontact__{KLANTCONTACT_PARTIJEN}",),
    soorten_gegevens=("klantcontacten",),
)
register(
    models.Actor, list_display=["naam", "soort_actor", "indicatie_actief"], search_fields=["naam"]
)
register(
    models.InterneTaak,
    list_display=["__str__", "status", "toegewezen_op"],
    list_filter=["status"],
    search_fields=["referentienummer", "nummer", "gevraagde_handeling"],
    partijen_via=(f"aanleidinggevend_klantcontact__{KLANTCONTACT_PARTIJEN}",),
    soorten_gegevens=("naam", "interne taken"),
)


class PersoonAdmin(PersoonsgegevensAdmin):
    """A Contactgegevens persoon is no partij: logged by its own uuid."""

    search_fields = ["geslachtsnaam"]
    soorten_gegevens = ("naam", "geboortedatum", "adres")

    def toont_personen(self) -> bool:
        return True

    def objecten_van(self, pks: Sequence[Any]) -> list[tuple[str, str]]:
        uuids = models.Persoon.objects.filter(pk__in=pks).values_list("uuid", flat=True)
        return [(PERSOON_CONTACTGEGEVENS, str(u)) for u in uuids]


admin.site.register(models.Persoon, PersoonAdmin)
register(models.Organisatie, base=ReadOnlyAdmin, search_fields=["handelsnaam"])
register(
    models.AuditTrail,
    base=AuditTrailAdmin,
    list_display=["aangemaakt_op", "actie", "resource", "resource_uuid", "applicatie"],
    list_filter=["actie", "resource"],
    search_fields=["resource_uuid", "applicatie", "gebruikers_id"],
)


class VerstuurdFilter(admin.SimpleListFilter):
    title = "verstuurd"
    parameter_name = "verstuurd"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("ja", "Ja"), ("nee", "Nee")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in ("ja", "nee"):
            return queryset.filter(verzending__isnull=self.value() == "nee")
        return queryset


class ZaakmeldingAdmin(PersoonsgegevensAdmin):
    """What residents were told about their zaken, and why some were not (C0322)."""

    list_display = [
        "ontvangen_op",
        "zaak_identificatie",
        "status_omschrijving",
        "ontvanger",
        "kanaal",
        "berichtstatus",
        "reden",
    ]
    list_filter = [VerstuurdFilter, "verzending__kanaal", "verzending__status"]
    list_select_related = ["partij", "verzending"]
    search_fields = ["zaak", "zaak_identificatie", "contactpersoon"]
    partijen_via = ("partij",)
    soorten_gegevens = ("naam", "zaken")

    @admin.display(description="ontvanger")
    def ontvanger(self, melding: models.Zaakmelding) -> str:
        return melding.contactpersoon or str(melding.partij or "")

    @admin.display(description="kanaal")
    def kanaal(self, melding: models.Zaakmelding) -> str:
        return melding.kanaal_weergave

    @admin.display(description="bericht")
    def berichtstatus(self, melding: models.Zaakmelding) -> str:
        return melding.status_weergave


admin.site.register(models.Zaakmelding, ZaakmeldingAdmin)
register(
    models.Taakgebeurtenis,
    list_display=["moment", "interne_taak", "soort", "door"],
    list_filter=["soort"],
    search_fields=["interne_taak__nummer", "door"],
    partijen_via=(f"interne_taak__aanleidinggevend_klantcontact__{KLANTCONTACT_PARTIJEN}",),
    soorten_gegevens=("interne taken",),
)


@admin.register(models.Teamlid)
class TeamlidAdmin(admin.ModelAdmin):
    """Who is in which team: kept here, as the APIs know no team membership (the team's
    tasks are in its members' queues), and from the identity provider's teams claim
    (``gesynchroniseerd``: a membership the provider no longer names is removed at the
    employee's next sign-in; one made here stays)."""

    list_display = ["team", "medewerker", "gesynchroniseerd"]
    list_filter = ["team", "gesynchroniseerd"]
    search_fields = ["medewerker__naam", "team__naam"]
    autocomplete_fields = ["team", "medewerker"]


# -- the directory of colleagues (models/collegas.py) ----------------------------------------


class WerktijdInline(admin.TabularInline):
    model = models.Werktijd
    extra = 0
    max_num = 7


class AfwezigheidInline(admin.TabularInline):
    model = models.Afwezigheid
    extra = 0


@admin.register(models.Gidsvermelding)
class GidsvermeldingAdmin(admin.ModelAdmin):
    """An employee's or team's entry in the directory, kept here by the functioneel
    beheerder; what the identity provider sends at the employee's sign-in (name, e-mail,
    phone, function, teams) overwrites it, so keep here what the provider does not send
    (extension, skills, a team's office hours). Employees set their own working hours and
    absences in the workspace (*Mijn bereikbaarheid*)."""

    list_display = ["actor", "functie", "telefoonnummer", "toestelnummer", "gewijzigd_op"]
    list_filter = ["actor__soort_actor", "vaardigheden"]
    search_fields = ["actor__naam", "functie", "vaardigheden__naam"]
    autocomplete_fields = ["actor", "vaardigheden"]
    readonly_fields = ["gewijzigd_op", "gesynchroniseerd_op"]
    inlines = [WerktijdInline, AfwezigheidInline]


@admin.register(models.Vaardigheid)
class VaardigheidAdmin(admin.ModelAdmin):
    search_fields = ["naam"]


# The knowledge base is written in the admin (the kennisbeheerder's role), unlike the above;
# so are satisfaction surveys and the kinds of customer relation (the functioneel beheerder's).
from klantbeeld.domain import (  # noqa: E402, F401
    admin_kennis,
    admin_klantrelaties,
    admin_tevredenheid,
)
