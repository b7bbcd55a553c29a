from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "klantbeeld.privacy"
    label = "privacy"
    verbose_name = "Verwerkingenlogging"
