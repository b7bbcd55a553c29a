"""The dashboards' filters (a GET form: a filtered page can be bookmarked and shared) and
the same filters of the BI API, checked once: readable Dutch messages, nothing run."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.models import Actor, Categorie
from klantbeeld.insight.cijfers import Filter
from klantbeeld.workspace.contact import kanalen

PERIODES = {"7": 7, "30": 30, "90": 90, "365": 365}
# A longer period says little on a dashboard and reads many rows: the BI API can page.
MAX_DAGEN = 3 * 366


class InzichtForm(forms.Form):
    periode = forms.ChoiceField(
        label=_("Periode"),
        required=False,
        choices=[
            ("7", _("Afgelopen 7 dagen")),
            ("30", _("Afgelopen 30 dagen")),
            ("90", _("Afgelopen 90 dagen")),
            ("365", _("Afgelopen jaar")),
            ("eigen", _("Eigen periode (van en tot)")),
        ],
    )
    vanaf = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    team = forms.ChoiceField(label=_("Team"), required=False)
    kanaal = forms.ChoiceField(label=_("Kanaal"), required=False)
    relatiesoort = forms.ChoiceField(label=_("Klantrelatie"), required=False)

    def __init__(self, data: Any, teams: list[Actor], alle_teams: bool) -> None:
        super().__init__(data)
        self.teams = {str(t.pk): t for t in teams}
        keuzes: dict[str, list[tuple[str, str]]] = {}
        keuzes["team"] = [
            ("", gettext("Alle teams") if alle_teams else gettext("Al mijn teams")),
            *[(str(t.pk), t.naam) for t in teams],
        ]
        keuzes["kanaal"] = [("", gettext("Alle kanalen")), *kanalen()]
        keuzes["relatiesoort"] = [
            ("", gettext("Alle klantrelaties")),
            *[
                (str(pk), naam)
                for pk, naam in Categorie.objects.order_by("volgorde", "naam").values_list(
                    "pk", "naam"
                )
            ],
        ]
        for naam, lijst in keuzes.items():
            veld = self.fields[naam]
            assert isinstance(veld, forms.ChoiceField)
            veld.choices = lijst

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        vandaag = timezone.localdate()
        periode = data.get("periode") or ""
        vanaf, tot = data.get("vanaf"), data.get("tot")
        if periode in PERIODES or not (vanaf or tot):
            dagen = PERIODES.get(periode, 30)
            data["tot"] = vandaag
            data["vanaf"] = vandaag - datetime.timedelta(days=dagen - 1)
            data["periode"] = periode or "30"
            return data
        data["vanaf"] = vanaf or (tot or vandaag) - datetime.timedelta(days=29)
        data["tot"] = tot or vandaag
        if data["vanaf"] > data["tot"]:
            self.add_error("tot", gettext("De einddatum ligt voor de begindatum."))
        elif (data["tot"] - data["vanaf"]).days >= MAX_DAGEN:
            self.add_error("vanaf", gettext("Kies een periode van hoogstens drie jaar."))
        return data

    def filter(self, zichtbaar: tuple[Any, ...] | None) -> Filter:
        data = self.cleaned_data
        team = self.teams[data["team"]].pk if data.get("team") else None
        return Filter(
            vanaf=data["vanaf"],
            tot=data["tot"],
            teams=zichtbaar,
            team=team,
            kanaal=data.get("kanaal") or "",
            relatiesoort=data.get("relatiesoort") or None,
        )

    def standaard(self, zichtbaar: tuple[Any, ...] | None) -> Filter:
        """The default figures beside a form with errors (the last 30 days)."""
        vandaag = timezone.localdate()
        return Filter(vandaag - datetime.timedelta(days=29), vandaag, teams=zichtbaar)
