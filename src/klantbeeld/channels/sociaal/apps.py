from django.apps import AppConfig


class SociaalConfig(AppConfig):
    name = "klantbeeld.channels.sociaal"
    label = "sociaal"
    verbose_name = "Sociale media"

    def ready(self) -> None:
        from klantbeeld.channels import uitgaand
        from klantbeeld.channels.sociaal import instellingen, versturen
        from klantbeeld.domain.services import verzenden

        verzenden.registreer_opsteller(
            instellingen.KANAAL, versturen.stel_op, instellingen.ingesteld
        )
        uitgaand.registreer_verzender(instellingen.KANAAL, versturen.verstuur_sociaal)
