"""The roles of staff in the workspace. Each is a Django group of the same name, granted by
the identity provider's roles claim (``KLANTBEELD_OIDC_ROLLEN``) or, for emergency
accounts, by an administrator."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission, User
from django.core import checks
from django.db import models


class Rol(models.TextChoices):
    KCC_MEDEWERKER = "kcc-medewerker", "KCC-medewerker"
    TEAMLEIDER = "teamleider", "Teamleider"
    BEHANDELAAR = "behandelaar", "Behandelaar / backoffice"
    FUNCTIONEEL_BEHEERDER = "functioneel-beheerder", "Functioneel beheerder"
    KENNISBEHEERDER = "kennisbeheerder", "Kennisbeheerder"
    # Handles complaints about the service (domain/services/klachten.py).
    KLACHTBEHANDELAAR = "klachtbehandelaar", "Klachtbehandelaar"
    # Sees the management dashboards across teams (insight/); a teamleider sees them too.
    MANAGEMENT = "management", "Management"


# What a kennisbeheerder may do in the admin: write and publish articles and synonyms, and
# read and handle their feedback; versions and the search index are read-only.
KENNISBEHEER = {
    "artikel": ("add", "change", "delete", "view"),
    "sectie": ("add", "change", "delete", "view"),
    "synoniemgroep": ("add", "change", "delete", "view"),
    "artikelfeedback": ("change", "view"),
    "artikelversie": ("view",),
    "kennisdocument": ("view",),
}

# What a functioneel beheerder may do in the admin for customer relations: keep the kinds
# (categorieën) and look at the relations (docs/klantrelaties.md).
KLANTRELATIEBEHEER = {
    "categorie": ("add", "change", "delete", "view"),
    "categorierelatie": ("view",),
}


def create_groups(**kwargs: Any) -> None:
    for rol in Rol:
        Group.objects.get_or_create(name=rol.value)
    _kennisbeheer_rechten()


def _kennisbeheer_rechten() -> None:
    """The kennisbeheerder's permissions (made first: the domain's own are made when its
    migrations have run, which may be after this app's); and the functioneel beheerder's
    for customer relations."""
    create_permissions(apps.get_app_config("domain"), verbosity=0)
    for rol, rechten in (
        (Rol.KENNISBEHEERDER, KENNISBEHEER),
        (Rol.FUNCTIONEEL_BEHEERDER, KLANTRELATIEBEHEER),
    ):
        groep = Group.objects.get(name=rol.value)
        codenames = [f"{actie}_{model}" for model, acties in rechten.items() for actie in acties]
        groep.permissions.add(
            *Permission.objects.filter(content_type__app_label="domain", codename__in=codenames)
        )


def rollen_van(user: AbstractBaseUser | AnonymousUser) -> list[Rol]:
    if not isinstance(user, User):
        return []
    names = set(user.groups.values_list("name", flat=True))
    return [rol for rol in Rol if rol.value in names]


def check_rol_mapping(**kwargs: Any) -> list[checks.CheckMessage]:
    """A mistyped KLANTBEELD_OIDC_ROLLEN is reported at start-up, not at the first sign-in."""
    try:
        rol_mapping(settings.KLANTBEELD_OIDC_ROLLEN)
    except ValueError as error:
        return [checks.Error(str(error), id="klantbeeld.E001")]
    return []


def rol_mapping(text: str) -> dict[str, Rol]:
    """``"claim-value=role,…"`` → {claim value: role}; unknown roles are an error, so a
    typo in the configuration does not silently grant nothing (or the wrong thing)."""
    mapping: dict[str, Rol] = {}
    for pair in filter(None, (part.strip() for part in text.split(","))):
        value, sep, rol = pair.partition("=")
        if not sep or rol.strip() not in Rol.values:
            raise ValueError(
                f"KLANTBEELD_OIDC_ROLLEN: {pair!r} is not 'claimwaarde=rol' with a role of "
                f"{', '.join(Rol.values)}."
            )
        mapping[value.strip()] = Rol(rol.strip())
    return mapping
