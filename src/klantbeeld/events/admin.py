from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from klantbeeld.events.models import (
    InboxNotification,
    OutboxMessage,
    OutboxStatus,
    Retried,
    WebhookSubscription,
)


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["naam", "url", "actief"]
    list_filter = ["actief"]
    fields = ["naam", "url", "resources", "actief", "secret"]
    readonly_fields = ["secret"]


@admin.action(description="Opnieuw proberen")
def try_again(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Retried]
) -> None:
    count = queryset.update(
        status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), last_error=""
    )
    model_admin.message_user(request, f"{count} staan weer klaar voor de worker.", messages.SUCCESS)


class RetriedAdmin(admin.ModelAdmin):
    """Read-only: the worker writes these; staff can only put them back in the queue."""

    actions = [try_again]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(RetriedAdmin):
    list_display = ["id", "destination", "status", "attempts", "aangemaakt_op", "delivered_at"]
    list_filter = ["status", "destination"]
    search_fields = ["ordering_key"]


@admin.register(InboxNotification)
class InboxNotificationAdmin(RetriedAdmin):
    list_display = ["id", "kanaal", "status", "attempts", "ontvangen_op", "delivered_at"]
    list_filter = ["status", "kanaal"]
