from __future__ import annotations

from django.apps import AppConfig


class KlantbeeldConfig(AppConfig):
    name = "klantbeeld"

    def ready(self) -> None:
        from klantbeeld import checks  # noqa: F401  (registers the checks)
