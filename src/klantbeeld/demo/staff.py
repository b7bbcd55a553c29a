"""The demo's staff accounts at the local OpenID Connect provider: one per workspace role.
``klantbeeld demo-staff`` prints them as the provider's OP_USERS."""

from __future__ import annotations

import json

from django.db import transaction

from klantbeeld.channels.telefonie.models import Toestel
from klantbeeld.demo.collegas import vul_gids
from klantbeeld.demo.dataset import seed_actoren
from klantbeeld.domain.models import Actor, Teamlid
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.workspace.medewerkers import IDENTIFICATOR
from klantbeeld.workspace.models import Vragenset
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
    "klachten": {
        "name": "Inge de Wit",
        "email": "inge@gemeente.example.nl",
        "roles": [Rol.KLACHTBEHANDELAAR.value],
    },
    "management": {
        "name": "Marieke Bos",
        "email": "marieke@gemeente.example.nl",
        "roles": [Rol.MANAGEMENT.value],
    },
    "beheer": {
        "name": "Fatima El Amrani",
        "email": "fatima@gemeente.example.nl",
        "roles": [Rol.FUNCTIONEEL_BEHEERDER.value],
    },
}


def op_users() -> str:
    return json.dumps(STAFF)


# The demo teams each account works in: their tasks are in its team queues.
TEAMS = {
    "kcc": ["Klantcontactcentrum"],
    "teamleider": ["Klantcontactcentrum"],
    "behandelaar": ["Vergunningen", "Openbare Ruimte"],
}


# The demo accounts' extensions at the telephony platform (standins/telefonie.py): the
# stand-in's "answer on 201" opens the call in Sanne's call panel.
TOESTELLEN = {"kcc": "201", "teamleider": "202"}


# A department's questions asked before a call-back request (C3155).
VRAGENSETS = [
    (
        "vergunningen-dakkapel",
        "Vergunningen: dakkapel",
        "adres: Op welk adres komt de dakkapel?\nzijde: Aan de voor- of achterkant?\n"
        "monument: Is het een monument of staat het in beschermd stadsgezicht?",
    ),
]


@transaction.atomic
def register_staff(telefoonnummer: str) -> list[Teamlid]:
    """Each demo account as a medewerker actor (as on their first contact) in its teams,
    and the directory of colleagues filled (demo/collegas.py); safe to run again."""
    seed_actoren()
    for code, naam, vragen in VRAGENSETS:
        Vragenset.objects.get_or_create(code=code, defaults={"naam": naam, "vragen": vragen})
    leden = []
    for login, account in STAFF.items():
        medewerker, _ = Actor.objects.get_or_create(
            actoridentificator_object_id=login,
            **IDENTIFICATOR,
            defaults={
                "naam": account["name"],
                "soort_actor": SoortActor.MEDEWERKER,
                "indicatie_actief": True,
                "functie": str(account["roles"][0])[:40],
                "emailadres": account["email"],
                "telefoonnummer": telefoonnummer,
            },
        )
        for naam in TEAMS.get(login, []):
            team = Actor.objects.get(naam=naam, soort_actor=SoortActor.ORGANISATORISCHE_EENHEID)
            lid, _ = Teamlid.objects.get_or_create(team=team, medewerker=medewerker)
            leden.append(lid)
    for login, toestel in TOESTELLEN.items():
        Toestel.objects.get_or_create(toestel=toestel, defaults={"gebruikersnaam": login})
    vul_gids()
    return leden
