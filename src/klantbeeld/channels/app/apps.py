from typing import Any

from django.apps import AppConfig


class AppberichtenConfig(AppConfig):
    name = "klantbeeld.channels.app"
    label = "appberichten"
    verbose_name = "App-berichten"

    def ready(self) -> None:
        from django.test.signals import setting_changed

        from klantbeeld.channels.app import bestanden, gesprekken, instellingen, verwerken
        from klantbeeld.events import delivery

        delivery.register_destination(verwerken.DESTINATION, verwerken.verwerk)
        delivery.register_destination(gesprekken.STILTE_CONTROLE, gesprekken.controleer_stilte)
        delivery.register_destination(gesprekken.BESTAND, bestanden.bewaar_bestand)
        delivery.register_destination(gesprekken.VERSLAG, bestanden.bewaar_verslag)
        instellingen.activeer()
        setting_changed.connect(_instellingen_gewijzigd, dispatch_uid="klantbeeld.appberichten")


def _instellingen_gewijzigd(setting: str, **kwargs: Any) -> None:
    """Settings change at run time only in tests: answers by app are offered exactly while
    the gateway is set up."""
    if setting.startswith("KLANTBEELD_WHATSAPP_"):
        from klantbeeld.channels.app import instellingen

        instellingen.activeer()
