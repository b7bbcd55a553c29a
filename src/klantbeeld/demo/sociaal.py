"""The demo's social-media account: the organisation's account on the local Mastodon
(standins/mastodon.py), read by the worker for the Klantcontactcentrum (bin/run)."""

from __future__ import annotations

from klantbeeld.channels.sociaal.models import Sociaalaccount
from klantbeeld.demo.kanalen import TEAM
from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.actoren import SoortActor

NAAM = "Mastodon (demo)"


def configureer(server: str, account: str, token_env: str) -> Sociaalaccount:
    """The demo account, made or brought up to date; its interval short for the demo."""
    team = Actor.objects.filter(soort_actor=SoortActor.ORGANISATORISCHE_EENHEID, naam=TEAM).first()
    if team is None:
        team = Actor.objects.create(
            naam=TEAM, soort_actor=SoortActor.ORGANISATORISCHE_EENHEID, indicatie_actief=True
        )
    gevonden, _ = Sociaalaccount.objects.update_or_create(
        naam=NAAM,
        defaults={
            "server": server,
            "account": account,
            "token_env": token_env,
            "team": team,
            "interval": 10,
            "actief": True,
        },
    )
    return gevonden
