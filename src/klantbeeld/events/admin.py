from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from klantbeeld.events.models import OutboxMessage, OutboxStatus, WebhookSubscription


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["naam", "url", "actief"]
    list_filter = ["actief"]
    fields = ["naam", "url", "resources", "actief", "secret"]
    readonly_fields = ["secret"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["id", "destination", "status", "attempts", "aangemaakt_op", "delivered_at"]
    list_filter = ["status", "destination"]
    search_fields = ["ordering_key"]
    actions = ["send_again"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Opnieuw versturen")
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        count = queryset.update(
            status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
        )
        self.message_user(request, f"{count} bericht(en) staan weer klaar.", messages.SUCCESS)
