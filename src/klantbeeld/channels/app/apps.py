from django.apps import AppConfig


class AppberichtenConfig(AppConfig):
    name = "klantbeeld.channels.app"
    label = "appberichten"
    verbose_name = "App-berichten"

    def ready(self) -> None:
        from klantbeeld.channels import uitgaand
        from klantbeeld.channels.app import (
            bestanden,
            gesprekken,
            instellingen,
            versturen,
            verwerken,
        )
        from klantbeeld.domain.services import verzenden
        from klantbeeld.domain.services.changes import listen
        from klantbeeld.events import delivery

        listen(gesprekken.bij_afgehandelde_taak)

        verzenden.registreer_opsteller(
            instellingen.KANAAL, versturen.stel_op, instellingen.ingesteld
        )
        uitgaand.registreer_verzender(instellingen.KANAAL, versturen.verstuur_app)
        delivery.register_destination(verwerken.DESTINATION, verwerken.verwerk)
        delivery.register_destination(gesprekken.STILTE_CONTROLE, gesprekken.controleer_stilte)
        delivery.register_destination(gesprekken.BESTAND, bestanden.bewaar_bestand)
        delivery.register_destination(gesprekken.VERSLAG, bestanden.bewaar_verslag)
