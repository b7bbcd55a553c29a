from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "klantbeeld.channels"
    # Not "channels": that is Django Channels' label.
    label = "kanalen"
    verbose_name = "Kanalen"

    def ready(self) -> None:
        from klantbeeld.channels import uitgaand
        from klantbeeld.domain.services.changes import listen

        listen(uitgaand.in_outbox)
