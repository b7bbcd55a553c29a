from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "klantbeeld.integrations"
    label = "integrations"
    verbose_name = "Koppelingen"

    def ready(self) -> None:
        from klantbeeld.domain.services.changes import listen
        from klantbeeld.events import delivery, handlers
        from klantbeeld.integrations.topdesk import bijwerken, escaleren
        from klantbeeld.integrations.zgw import koppelingen, meldingen

        listen(koppelingen.record_change)
        delivery.register_destination(koppelingen.DESTINATION, koppelingen.deliver)
        handlers.register("zaken", meldingen.zaakstatus)
        delivery.register_destination(escaleren.DESTINATION, escaleren.meld)
        delivery.register_destination(bijwerken.DESTINATION, bijwerken.voer_uit)
