from django.apps import AppConfig


class ChatbotConfig(AppConfig):
    name = "klantbeeld.api.chatbot"
    label = "chatbot"
    verbose_name = "Chatbot-API"

    def ready(self) -> None:
        from klantbeeld.api.chatbot import doorsturen
        from klantbeeld.domain.services.gesprekken import bij_bericht_voor_bot
        from klantbeeld.events import delivery

        bij_bericht_voor_bot(doorsturen.in_outbox)
        delivery.register_destination(doorsturen.DESTINATION, doorsturen.bezorg)
