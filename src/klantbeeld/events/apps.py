from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "klantbeeld.events"
    label = "events"
    verbose_name = "Gebeurtenissen"

    def ready(self) -> None:
        from klantbeeld.domain.services.changes import listen
        from klantbeeld.events import adreswijzigingen, delivery, klachten
        from klantbeeld.events.outbox import record_change

        listen(record_change)
        listen(adreswijzigingen.plan_taak)
        delivery.register_destination(adreswijzigingen.DESTINATION, adreswijzigingen.voer_uit)
        listen(klachten.plan_herinneringen)
        delivery.register_destination(klachten.DESTINATION, klachten.voer_uit)
