from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class NoodtoegangForm(forms.Form):
    gebruikersnaam = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    wachtwoord = forms.CharField(label=_("Wachtwoord"), widget=forms.PasswordInput, strip=False)
    code = forms.RegexField(
        label=_("Code uit de authenticator-app"),
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": _("Vul de zes cijfers uit de authenticator-app in.")},
        help_text=_("Zes cijfers, bijvoorbeeld 123 456."),
    )
