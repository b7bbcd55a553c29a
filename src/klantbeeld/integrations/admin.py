from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from klantbeeld.integrations.models import ZgwService
from klantbeeld.integrations.zgw.health import controleer


class ZgwServiceForm(forms.ModelForm):
    # The secret is never sent back to the browser; left empty, the stored one stays.
    secret = forms.CharField(
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text="Wordt niet getoond. Leeg laten om het opgeslagen secret te houden.",
    )

    class Meta:
        model = ZgwService
        fields = ["naam", "soort", "api_root", "client_id", "secret", "timeout", "actief"]

    def clean_secret(self) -> str:
        secret: str = self.cleaned_data["secret"]
        if secret:
            return secret
        if self.instance.pk and self.instance.secret:
            return self.instance.secret
        raise forms.ValidationError("Vul het secret in.")


@admin.action(description="Verbinding controleren")
def verbinding_controleren(
    model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[ZgwService]
) -> None:
    for service in queryset:
        controleer(service)
        level = messages.SUCCESS if service.gezond else messages.ERROR
        model_admin.message_user(request, f"{service.naam}: {service.controle_melding}", level)


@admin.register(ZgwService)
class ZgwServiceAdmin(admin.ModelAdmin):
    form = ZgwServiceForm
    list_display = ["naam", "soort", "api_root", "actief", "gezond", "controle_melding"]
    list_filter = ["soort", "actief", "gezond"]
    readonly_fields = ["gecontroleerd_op", "gezond", "controle_melding"]
    actions = [verbinding_controleren]

    def save_model(
        self, request: HttpRequest, obj: ZgwService, form: forms.Form, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        controleer(obj)
