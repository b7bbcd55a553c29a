"""The Contactgegevens API 1.1.1, as Open Klant 2.18 serves it."""

from klantbeeld.api.common.api import StandardApi

api = StandardApi(
    api_path="contactgegevens/api/v1",
    scope="contactgegevens",
    title="contactgegevens",
    version="1.1.1",
    description="Contactgegevens API van Klantbeeld: personen en organisaties met hun adres.",
    urls_namespace="contactgegevens",
)

__all__ = ["api"]
