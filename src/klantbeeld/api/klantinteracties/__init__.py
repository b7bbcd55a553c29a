"""The Klantinteracties API 0.9.0, as Open Klant 2.18 serves it (one module per resource)."""

from klantbeeld.api.common.api import StandardApi
from klantbeeld.api.klantinteracties import (
    actoren,
    actorklantcontacten,
    betrokkenen,
    bijlagen,
    categorieen,
    digitaleadressen,
    internetaken,
    klantcontacten,
    maak_klantcontact,
    onderwerpobjecten,
    partij_identificatoren,
    partijen,
    rekeningnummers,
    vertegenwoordigingen,
)

api = StandardApi(
    api_path="klantinteracties/api/v1",
    scope="klantinteracties",
    title="klantinteracties",
    version="0.9.0",
    description="Klantinteracties API van Klantbeeld: partijen, klantcontacten, interne "
    "taken en alles wat erbij hoort, volgens de standaard zoals Open Klant 2.18 hem biedt.",
    urls_namespace="klantinteracties",
)
for module in (
    actoren,
    actorklantcontacten,
    betrokkenen,
    bijlagen,
    categorieen,
    digitaleadressen,
    internetaken,
    klantcontacten,
    maak_klantcontact,
    onderwerpobjecten,
    partij_identificatoren,
    partijen,
    rekeningnummers,
    vertegenwoordigingen,
):
    api.add_router("", module.router)

__all__ = ["api"]
