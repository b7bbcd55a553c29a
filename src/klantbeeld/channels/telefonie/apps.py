from django.apps import AppConfig


class TelefonieConfig(AppConfig):
    name = "klantbeeld.channels.telefonie"
    label = "telefonie"
    verbose_name = "Telefonie"
