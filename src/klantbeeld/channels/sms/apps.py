from django.apps import AppConfig


class SmsConfig(AppConfig):
    name = "klantbeeld.channels.sms"
    label = "sms"
    verbose_name = "SMS"

    def ready(self) -> None:
        from klantbeeld.channels import uitgaand
        from klantbeeld.channels.sms import instellingen, opstellen, status, versturen
        from klantbeeld.domain.services import verzenden
        from klantbeeld.events import delivery

        # Settings that are there but wrong stop the start, with the reason.
        instellingen.sms_instellingen()
        verzenden.registreer_opsteller(
            instellingen.KANAAL, opstellen.stel_op, instellingen.ingesteld
        )
        uitgaand.registreer_verzender(instellingen.KANAAL, versturen.verstuur_sms)
        delivery.register_destination(status.DESTINATION, status.verwerk)
