"""Satisfaction surveys in the admin (docs/tevredenheid.md): the functioneel beheerder sets
them up here. Answers are shown only as counts per score and per channel, never one by one,
and invitations (which name who was asked) not at all."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import Avg, Count, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.tevredenheid import Meting, Vragenlijst, Waardering
from klantbeeld.domain.services import tevredenheid

# Fewer answers than this in a group are not shown: they could point to one person.
KLEINSTE_GROEP = 5
KLEIN = "\u2013"  # an en dash: not shown


class VragenlijstForm(forms.ModelForm):
    kanalen = forms.MultipleChoiceField(
        label="Na contacten via",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kies niets voor alle kanalen. Na een chat vraagt de chat zelf om een "
        "cijfer van 1 tot 5: een vragenlijst voor chat meet daarom klanttevredenheid (CSAT).",
    )
    onderwerpen = forms.CharField(
        label="Over de onderwerpen",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Eén onderwerp per regel, zoals het op het klantcontact staat (hoofdletters "
        "tellen niet). Leeg: alle onderwerpen.",
    )

    class Meta:
        model = Vragenlijst
        fields = [
            "naam",
            "actief",
            "meting",
            "vraag",
            "open_vraag",
            "kanalen",
            "onderwerpen",
            "steekproef_procent",
            "rust_dagen",
            "geldig_dagen",
            "opvolging_tot_en_met",
            "opvolging_team",
            "volgorde",
        ]
        help_texts = {
            "naam": "Alleen voor beheer; de klant ziet de naam niet.",
            "actief": "Alleen actieve vragenlijsten worden verstuurd.",
            "meting": "CSAT: hoe tevreden (1 tot 5). CES: hoe makkelijk het ging (1 tot 7, "
            "stel de vraag als stelling). NPS: zou u ons aanraden (0 tot 10).",
            "vraag": "De vraag bij het cijfer, in gewone taal. Bijvoorbeeld: Hoe tevreden "
            "bent u over uw contact met ons?",
            "open_vraag": "Een vraag na het cijfer die de klant mag overslaan, zoals: Wat kan "
            "beter? Leeg: geen open vraag.",
            "steekproef_procent": "Hoeveel procent van de contacten een uitnodiging krijgt "
            "(0 tot en met 100). Hetzelfde contact valt altijd wel of altijd niet in de "
            "steekproef.",
            "rust_dagen": "Wie een uitnodiging kreeg (van welke vragenlijst ook), krijgt "
            "zoveel dagen geen nieuwe. 0: geen rustperiode.",
            "geldig_dagen": "Zoveel dagen werkt de link in de uitnodiging.",
            "opvolging_tot_en_met": "Een cijfer tot en met dit cijfer maakt een taak voor het "
            "opvolgteam over het contact. Leeg: nooit.",
            "opvolging_team": "Het team dat klanten met een laag cijfer terugbelt of mailt.",
            "volgorde": "Passen meer vragenlijsten bij een contact, dan telt de laagste.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bekend = list(dict.fromkeys([*settings.KLANTBEELD_KANALEN, *(self.instance.kanalen or [])]))
        self.fields["kanalen"].choices = [(k, k) for k in bekend]  # type: ignore[attr-defined]
        self.initial["onderwerpen"] = "\n".join(self.instance.onderwerpen or [])
        team = self.fields["opvolging_team"]
        team.queryset = Actor.objects.filter(  # type: ignore[attr-defined]
            soort_actor=SoortActor.ORGANISATORISCHE_EENHEID, indicatie_actief=True
        ).order_by("naam")

    def clean_onderwerpen(self) -> list[str]:
        regels = (self.cleaned_data.get("onderwerpen") or "").splitlines()
        return list(dict.fromkeys(r.strip() for r in regels if r.strip()))

    def clean_steekproef_procent(self) -> int:
        procent: int = self.cleaned_data["steekproef_procent"]
        if not 0 <= procent <= 100:
            raise forms.ValidationError("Kies een percentage van 0 tot en met 100.")
        return procent

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        meting = data.get("meting")
        drempel = data.get("opvolging_tot_en_met")
        if drempel is not None:
            if data.get("opvolging_team") is None:
                self.add_error("opvolging_team", "Kies het team dat de lage cijfers opvolgt.")
            if meting:
                laag, hoog = tevredenheid.schaal(meting)
                if not laag <= drempel < hoog:
                    self.add_error(
                        "opvolging_tot_en_met",
                        f"Kies een cijfer van {laag} tot {hoog} (lager dan het hoogste).",
                    )
        kanalen = data.get("kanalen") or []
        if meting and meting != Meting.CSAT and "chat" in kanalen:
            self.add_error(
                "meting", "Na een chat wordt om een cijfer van 1 tot 5 gevraagd: kies CSAT."
            )
        return data


@admin.register(Vragenlijst)
class VragenlijstAdmin(admin.ModelAdmin):
    form = VragenlijstForm
    list_display = ["naam", "actief", "meting", "steekproef_procent", "rust_dagen", "antwoorden"]
    list_filter = ["actief", "meting"]
    search_fields = ["naam", "vraag"]
    readonly_fields = ["uitslag"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Vragenlijst]:
        return super().get_queryset(request).select_related("opvolging_team")

    @admin.display(description="Antwoorden")
    def antwoorden(self, vragenlijst: Vragenlijst) -> int:
        return Waardering.objects.filter(vragenlijst=vragenlijst).count()

    @admin.display(description="Uitslag (alle antwoorden, zonder namen)")
    def uitslag(self, vragenlijst: Vragenlijst) -> SafeString:
        if vragenlijst.pk is None:
            return format_html("{}", "Nog geen antwoorden.")
        return uitslag(Waardering.objects.filter(vragenlijst=vragenlijst))


def uitslag(antwoorden: QuerySet[Waardering]) -> SafeString:
    """Counts per score and per channel; a group smaller than KLEINSTE_GROEP shows a dash."""
    totaal = antwoorden.aggregate(aantal=Count("pk"), gemiddeld=Avg("score"))
    if not totaal["aantal"]:
        return format_html("{}", "Nog geen antwoorden.")
    per_score = antwoorden.values_list("score").annotate(n=Count("pk")).order_by("score")
    per_kanaal = (
        antwoorden.values_list("kanaal").annotate(n=Count("pk"), g=Avg("score")).order_by("kanaal")
    )
    return format_html(
        "<p>{} antwoorden, gemiddeld {}.</p><table><caption>Per cijfer</caption><thead><tr>"
        '<th scope="col">Cijfer</th><th scope="col">Aantal</th></tr></thead><tbody>{}</tbody>'
        '</table><table><caption>Per kanaal</caption><thead><tr><th scope="col">Kanaal</th>'
        '<th scope="col">Aantal</th><th scope="col">Gemiddeld</th></tr></thead><tbody>{}'
        "</tbody></table>",
        totaal["aantal"],
        f"{totaal['gemiddeld']:.1f}".replace(".", ","),
        format_html_join(
            "", "<tr><td>{}</td><td>{}</td></tr>", ((s, _klein(n)) for s, n in per_score)
        ),
        format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (k, _klein(n), KLEIN if n < KLEINSTE_GROEP else f"{g:.1f}".replace(".", ","))
                for k, n, g in per_kanaal
            ),
        ),
    )


def _klein(aantal: int) -> str:
    return str(aantal) if aantal >= KLEINSTE_GROEP else KLEIN
