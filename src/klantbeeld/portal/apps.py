from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "klantbeeld.portal"
    label = "portal"
    verbose_name = "MijnGemeente"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from klantbeeld.domain.services.changes import listen
        from klantbeeld.events import delivery
        from klantbeeld.portal import kennisgeving, uitnodigen

        listen(kennisgeving.bij_wijziging)
        delivery.register_destination(kennisgeving.BESTEMMING, kennisgeving.bezorg)
        listen(uitnodigen.bij_wijziging)
        delivery.register_destination(uitnodigen.BESTEMMING, uitnodigen.bezorg)
