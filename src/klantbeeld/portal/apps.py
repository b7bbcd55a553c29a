from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "klantbeeld.portal"
    label = "portal"
    verbose_name = "MijnGemeente"
    default_auto_field = "django.db.models.BigAutoField"
