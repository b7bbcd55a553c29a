"""Registering a chat from the call panel (afronden.py): the same klantcontact as a call,
with what the conversation adds (C9309, R5): the transcript as its inhoud (the intake cuts
it at the register's length and keeps it whole as a document), the chatbot that talked
first and every agent who answered as its actors, and the conversation's start as when it
took place."""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.models import User

from klantbeeld.domain.models import Actor, Afzender, Gesprek
from klantbeeld.domain.services.gesprekken import transcript
from klantbeeld.domain.services.intake import INHOUD_MAX, Contactaanmelding
from klantbeeld.workspace.medewerkers import actor_van


def voor_gesprek(aanmelding: Contactaanmelding, gesprek: Gesprek) -> Contactaanmelding:
    """``aanmelding`` (made from the finish form) as the registration of ``gesprek``: the
    agent's notes first, then the transcript."""
    notities = aanmelding.inhoud.strip()
    tekst = transcript(gesprek)
    inhoud = f"{notities}\n\n{tekst}" if notities and tekst else notities or tekst
    return replace(
        aanmelding,
        inhoud=inhoud,
        actoren=_actoren(list(aanmelding.actoren), gesprek),
        plaatsgevonden_op=gesprek.gestart_op,
    )


def _actoren(actoren: list[Actor], gesprek: Gesprek) -> list[Actor]:
    """The registering agent first (the follow-up's sender), then who else answered in
    the chat (a colleague it was passed from), then the chatbot."""
    eerdere = User.objects.filter(
        pk__in=gesprek.berichten.filter(
            afzender=Afzender.MEDEWERKER, medewerker__isnull=False
        ).values("medewerker")
    )
    for user in eerdere:
        actor = actor_van(user)
        if actor not in actoren:
            actoren.append(actor)
    if gesprek.chatbot is not None and gesprek.chatbot not in actoren:
        actoren.append(gesprek.chatbot)
    return actoren


def lang(aanmelding: Contactaanmelding) -> bool:
    """Whether the inhoud is longer than the register holds (then the documents register
    keeps it whole)."""
    return len(aanmelding.inhoud.strip()) > INHOUD_MAX
