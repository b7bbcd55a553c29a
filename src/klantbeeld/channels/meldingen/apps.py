from django.apps import AppConfig


class ZaakmeldingenConfig(AppConfig):
    name = "klantbeeld.channels.meldingen"
    label = "zaakmeldingen"
    verbose_name = "Zaakmeldingen"

    def ready(self) -> None:
        from klantbeeld.channels.meldingen import versturen
        from klantbeeld.domain.services import meldingen

        meldingen.registreer_melder(versturen.meld)
