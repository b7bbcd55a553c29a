from django.apps import AppConfig


class DomainConfig(AppConfig):
    name = "klantbeeld.domain"
    label = "domain"
    verbose_name = "Klantinteracties"

    def ready(self) -> None:
        from django.core import checks

        from klantbeeld.domain.services import intake, klachten, termijnen
        from klantbeeld.domain.services.collegas import verbind_signalen

        verbind_signalen()
        intake.bij_registratie(klachten.bij_contact)
        checks.register(termijnen.check_instellingen)
