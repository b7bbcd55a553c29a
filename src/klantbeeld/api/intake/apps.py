from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "klantbeeld.api.intake"
    label = "intake"
    verbose_name = "Intake-API"
