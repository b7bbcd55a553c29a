from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "klantbeeld.api.clients"
    label = "clients"
    verbose_name = "API-clients"

    def ready(self) -> None:
        # Connects the signals that empty the cache of recent clients.
        from klantbeeld.api.clients import cache  # noqa: F401
