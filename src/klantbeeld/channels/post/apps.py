from django.apps import AppConfig


class PostConfig(AppConfig):
    name = "klantbeeld.channels.post"
    label = "post"
    verbose_name = "Brieven"

    def ready(self) -> None:
        from klantbeeld.channels import uitgaand
        from klantbeeld.channels.post import brief, checks, printstraat
        from klantbeeld.domain.services import verzenden

        verzenden.registreer_opsteller("post", brief.stel_op)
        uitgaand.registreer_verzender("post", printstraat.lever_aan)
        checks.registreer()
