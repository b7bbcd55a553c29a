from __future__ import annotations

from django import forms


class NoodtoegangForm(forms.Form):
    gebruikersnaam = forms.CharField(label="Gebruikersnaam", max_length=150)
    wachtwoord = forms.CharField(label="Wachtwoord", widget=forms.PasswordInput, strip=False)
    code = forms.RegexField(
        label="Code uit de authenticator-app",
        regex=r"^\s*\d{3}\s?\d{3}\s*$",
        error_messages={"invalid": "Vul de zes cijfers uit de authenticator-app in."},
        help_text="Zes cijfers, bijvoorbeeld 123 456.",
    )
