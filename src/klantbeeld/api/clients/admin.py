from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest

from klantbeeld.api.clients.models import ApiClient, Scope


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    nieuw_token = forms.BooleanField(
        required=False,
        help_text="Maak een nieuw token aan; het wordt na opslaan één keer getoond.",
    )
    nieuw_secret = forms.BooleanField(
        required=False, help_text="Maak een nieuw JWT-secret aan (ZGW-autorisatie)."
    )

    class Meta:
        model = ApiClient
        fields = ["naam", "client_id", "scopes", "actief"]


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ["naam", "client_id", "token_prefix", "actief", "aangemaakt_op"]
    list_filter = ["actief"]
    search_fields = ["naam", "client_id"]
    readonly_fields = ["token_prefix", "secret", "aangemaakt_op"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        token = obj.new_token() if form.cleaned_data.get("nieuw_token") or not change else None
        if form.cleaned_data.get("nieuw_secret") or not obj.secret:
            obj.new_secret()
        super().save_model(request, obj, form, change)
        if token:
            messages.warning(
                request,
                f"Token voor {obj.naam} (bewaar het nu, het wordt niet opnieuw getoond): "
                f"Authorization: Token {token}",
            )
