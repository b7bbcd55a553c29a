from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "klantbeeld.api.clients"
    label = "clients"
    verbose_name = "API-clients"
