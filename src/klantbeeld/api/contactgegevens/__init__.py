"""The Contactgegevens API 1.1.1, as Open Klant 2.18 serves it."""

from klantbeeld.api.common.api import StandardApi
from klantbeeld.api.contactgegevens import organisaties, personen

api = StandardApi(
    api_path="contactgegevens/api/v1",
    scope="contactgegevens",
    title="contactgegevens",
    version="1.1.1",
    description="Contactgegevens API van Klantbeeld: personen en organisaties met hun adres.",
    urls_namespace="contactgegevens",
)
for module in (organisaties, personen):
    api.add_router("", module.router)

__all__ = ["api"]
