"""The demo's staff accounts at the local OpenID Connect provider: one per workspace role.
``klantbeeld demo-staff`` prints them as the provider's OP_USERS."""

from __future__ import annotations

import json

from klantbeeld.workspace.roles import Rol

STAFF = {
    "kcc": {
        "name": "Sanne de Vries",
        "email": "sanne@gemeente.example.nl",
        "roles": [Rol.KCC_MEDEWERKER.value],
    },
    "teamleider": {
        "name": "Ruud Smits",
        "email": "ruud@gemeente.example.nl",
        "roles": [Rol.KCC_MEDEWERKER.value, Rol.TEAMLEIDER.value],
    },
    "behandelaar": {
        "name": "Ahmed Yilmaz",
        "email": "ahmed@gemeente.example.nl",
        "roles": [Rol.BEHANDELAAR.value],
    },
    "beheer": {
        "name": "Fatima El Amrani",
        "email": "fatima@gemeente.example.nl",
        "roles": [Rol.FUNCTIONEEL_BEHEERDER.value],
    },
}


def op_users() -> str:
    return json.dumps(STAFF)
