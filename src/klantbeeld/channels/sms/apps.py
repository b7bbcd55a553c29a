from typing import Any

from django.apps import AppConfig


class SmsConfig(AppConfig):
    name = "klantbeeld.channels.sms"
    label = "sms"
    verbose_name = "SMS"

    def ready(self) -> None:
        from django.test.signals import setting_changed

        from klantbeeld.channels.sms import instellingen, status
        from klantbeeld.events import delivery

        delivery.register_destination(status.DESTINATION, status.verwerk)
        instellingen.activeer()
        setting_changed.connect(_instellingen_gewijzigd, dispatch_uid="klantbeeld.sms")


def _instellingen_gewijzigd(setting: str, **kwargs: Any) -> None:
    """Settings change at run time only in tests: SMS is offered exactly while set up."""
    if setting.startswith("KLANTBEELD_SMS_"):
        from klantbeeld.channels.sms import instellingen

        instellingen.activeer(streng=False)
