from django.apps import AppConfig


class DomainConfig(AppConfig):
    name = "klantbeeld.domain"
    label = "domain"
    verbose_name = "Klantinteracties"

    def ready(self) -> None:
        from klantbeeld.domain.services.collegas import verbind_signalen

        verbind_signalen()
