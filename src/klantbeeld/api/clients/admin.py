"""API clients in the admin; a token and a JWT secret are shown once (beheer/eenmalig.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from klantbeeld.api.clients.models import ApiClient, Scope
from klantbeeld.beheer.eenmalig import EenmaligAdmin, gemaskeerd, onthoud


class ApiClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    nieuw_token = forms.BooleanField(
        required=False,
        help_text="Maak een nieuw token aan; het wordt na opslaan één keer getoond.",
    )
    nieuw_secret = forms.BooleanField(
        required=False,
        help_text="Maak een nieuw JWT-secret aan (ZGW-autorisatie); het wordt na opslaan "
        "één keer getoond.",
    )

    class Meta:
        model = ApiClient
        fields = ["naam", "client_id", "scopes", "actief"]


@admin.register(ApiClient)
class ApiClientAdmin(EenmaligAdmin):
    form = ApiClientForm
    list_display = ["naam", "client_id", "token_prefix", "actief", "aangemaakt_op"]
    list_filter = ["actief"]
    search_fields = ["naam", "client_id"]
    readonly_fields = ["token_prefix", "jwt_secret", "aangemaakt_op"]

    @admin.display(description="JWT-secret")
    def jwt_secret(self, obj: ApiClient) -> str:
        return gemaskeerd(obj.secret)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        token = obj.new_token() if form.cleaned_data.get("nieuw_token") or not change else None
        secret = (
            obj.new_secret() if form.cleaned_data.get("nieuw_secret") or not obj.secret else None
        )
        super().save_model(request, obj, form, change)
        if token:
            onthoud(request, "Token", f"Authorization: Token {token}")
        if secret:
            onthoud(request, "JWT-secret (ZGW)", secret)
