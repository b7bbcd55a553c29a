from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from klantbeeld.beheer.eenmalig import EenmaligAdmin, gemaskeerd, onthoud
from klantbeeld.events.models import (
    InboxNotification,
    OutboxMessage,
    OutboxStatus,
    Retried,
    WebhookSubscription,
    new_webhook_secret,
)
from klantbeeld.workspace.toegang import mag_vertrouwelijk_zien


class WebhookSubscriptionForm(forms.ModelForm):
    nieuw_secret = forms.BooleanField(
        required=False,
        help_text="Maak een nieuw secret aan; het wordt na opslaan één keer getoond.",
    )

    class Meta:
        model = WebhookSubscription
        fields = ["naam", "url", "resources", "actief"]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(EenmaligAdmin):
    """The signing secret is shown once, when made (beheer/eenmalig.py)."""

    form = WebhookSubscriptionForm
    list_display = ["naam", "url", "actief"]
    list_filter = ["actief"]
    readonly_fields = ["ondertekening"]

    @admin.display(description="Secret")
    def ondertekening(self, obj: WebhookSubscription) -> str:
        return gemaskeerd(obj.secret)

    def save_model(
        self, request: HttpRequest, obj: WebhookSubscription, form: Any, change: bool
    ) -> None:
        if form.cleaned_data.get("nieuw_secret"):
            obj.secret = new_webhook_secret()
        super().save_model(request, obj, form, change)
        if form.cleaned_data.get("nieuw_secret") or not change:
            onthoud(request, "Secret (ondertekening)", obj.secret)


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

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        # A message's payload can carry data of a secret partij or a confidential contact
        # (names, texts); only staff who may see those see payloads (R12).
        exclude = list(super().get_exclude(request, obj) or [])
        return exclude if mag_vertrouwelijk_zien(request) else [*exclude, "payload"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(RetriedAdmin):
    """A message failed for good (a refusal that will stay, or every try used) shows why
    in the list, so it is seen and can be tried again once the cause is taken away."""

    list_display = [
        "id",
        "destination",
        "status",
        "attempts",
        "aangemaakt_op",
        "delivered_at",
        "fout",
    ]
    list_filter = ["status", "destination"]
    search_fields = ["ordering_key"]

    @admin.display(description="Laatste fout")
    def fout(self, obj: OutboxMessage) -> str:
        return obj.last_error[:200]


@admin.register(InboxNotification)
class InboxNotificationAdmin(RetriedAdmin):
    list_display = ["id", "kanaal", "status", "attempts", "ontvangen_op", "delivered_at"]
    list_filter = ["status", "kanaal"]
