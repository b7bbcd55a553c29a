from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join

from klantbeeld.domain.models import Partij
from klantbeeld.integrations.models import ZgwService
from klantbeeld.integrations.topdesk.models import Escalatie, Escalatiestap, Topdeskpeiling
from klantbeeld.integrations.zgw.health import controleer
from klantbeeld.integrations.zgw.zaken import Storing, Zaakoverzicht, zaken_van_partij


class ZgwServiceForm(forms.ModelForm):
    api_root = forms.URLField(
        label="API-root",
        max_length=500,
        assume_scheme="https",
        help_text=ZgwService._meta.get_field("api_root").help_text,
    )
    # The secret is never sent back to the browser; left empty, the stored one stays.
    secret = forms.CharField(
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text="Wordt niet getoond. Leeg laten om het opgeslagen secret te houden.",
    )

    class Meta:
        model = ZgwService
        fields = ["naam", "soort", "api_root", "client_id", "secret", "timeout", "actief"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("secret"):
            return cleaned
        stored = ZgwService.objects.filter(pk=self.instance.pk).first()
        if stored is None or not stored.secret:
            self.add_error("secret", "Vul het secret in.")
        elif urlsplit(str(cleaned.get("api_root", ""))).netloc != urlsplit(stored.api_root).netloc:
            # Otherwise whoever may edit this row could have the stored secret sign a
            # token for a host of their choosing.
            self.add_error("secret", "Een andere host: vul het secret opnieuw in.")
        else:
            cleaned["secret"] = stored.secret
        return cleaned


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


# The admin's page of a partij shows its zaken from the ZGW registers (read when the page is
# opened, as the workspace does), so the connection can be seen working.
ADMIN_MAX_VERTROUWELIJKHEID = "zaakvertrouwelijk"
_PartijAdmin = type(admin.site._registry[Partij])


class PartijMetZakenAdmin(_PartijAdmin):  # type: ignore[misc,valid-type]
    readonly_fields = ("zaken",)

    @admin.display(description="Zaken (uit de ZGW-registers)")
    def zaken(self, partij: Partij) -> str:
        if not ZgwService.objects.filter(actief=True).exists():
            return "Geen ZGW-services ingesteld (Koppelingen → ZGW-services)."
        overzicht = zaken_van_partij(partij, max_vertrouwelijkheid=ADMIN_MAX_VERTROUWELIJKHEID)
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    zaak.identificatie,
                    zaak.zaaktype,
                    zaak.omschrijving,
                    zaak.status.omschrijving if zaak.status else "",
                    zaak.startdatum,
                    zaak.einddatum or zaak.verwachte_einddatum,
                    ", ".join(d.titel for d in zaak.documenten) or "geen",
                )
                for zaak in overzicht.zaken
            ),
        )
        storingen = format_html_join(
            "", "<li>{}: {}</li>", ((s.register, s.melding) for s in _storingen(overzicht))
        )
        return format_html(
            "<table><thead><tr><th>Zaak</th><th>Zaaktype</th><th>Omschrijving</th>"
            "<th>Status</th><th>Start</th><th>(Verwacht) einde</th><th>Documenten</th>"
            "</tr></thead><tbody>{}</tbody></table>{}{}",
            rows,
            format_html("<p>Geen zaken gevonden.</p>") if not overzicht.zaken else "",
            format_html("<p>Onvolledig:</p><ul>{}</ul>", storingen) if storingen else "",
        )


def _storingen(overzicht: Zaakoverzicht) -> list[Storing]:
    return [*overzicht.storingen, *(s for zaak in overzicht.zaken for s in zaak.storingen)]


admin.site.unregister(Partij)
admin.site.register(Partij, PartijMetZakenAdmin)


# -- TOPdesk (docs/topdesk.md): read-only; the workspace and the worker write these --------


class _Alleenlezen(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class EscalatiestapInline(admin.TabularInline):
    model = Escalatiestap
    extra = 0
    can_delete = False
    fields = ["moment", "door", "tekst"]
    readonly_fields = ["moment", "door", "tekst"]


@admin.register(Escalatie)
class EscalatieAdmin(_Alleenlezen):
    list_display = ["kenmerk", "incident_nummer", "status", "topdesk_status", "aangemaakt_op"]
    list_filter = ["status"]
    search_fields = ["kenmerk", "incident_nummer"]
    inlines = [EscalatiestapInline]
    # The caller's name and contact data are personal data: not in the list.
    exclude = ["aanmelder_naam", "aanmelder_email", "aanmelder_telefoon"]


@admin.register(Topdeskpeiling)
class TopdeskpeilingAdmin(_Alleenlezen):
    list_display = ["tot", "gepeild_op", "fout"]
