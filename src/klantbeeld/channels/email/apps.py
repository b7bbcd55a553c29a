from django.apps import AppConfig


class EmailConfig(AppConfig):
    name = "klantbeeld.channels.email"
    label = "email"
    verbose_name = "E-mail"

    def ready(self) -> None:
        from klantbeeld.channels import uitgaand
        from klantbeeld.channels.email import opstellen, versturen
        from klantbeeld.domain.services import verzenden

        verzenden.registreer_opsteller("e-mail", opstellen.stel_op, opstellen.ingesteld)
        uitgaand.registreer_verzender("e-mail", versturen.verstuur_mail)
        # Mail in: the mailboxes' readers run in the worker (management/commands/worker.py,
        # channels/email/lezer.py); their models and admin load with the app.
