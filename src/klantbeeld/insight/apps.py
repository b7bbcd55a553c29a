from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "klantbeeld.insight"
    label = "insight"
    verbose_name = "Inzicht"

    def ready(self) -> None:
        from klantbeeld.domain.services.changes import listen
        from klantbeeld.events import delivery
        from klantbeeld.insight import markeren

        listen(markeren.bij_wijziging)
        markeren.volg_kanaalregistraties()
        delivery.register_destination(markeren.DESTINATION, markeren.werk_bij)
