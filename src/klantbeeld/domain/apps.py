from django.apps import AppConfig


class DomainConfig(AppConfig):
    name = "klantbeeld.domain"
    label = "domain"
    verbose_name = "Klantinteracties"
