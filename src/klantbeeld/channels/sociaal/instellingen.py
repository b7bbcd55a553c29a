"""The automated actor that registers posts, the connector for an account (its token from
the environment), and whether answers can go out."""

from __future__ import annotations

import os

import httpx
from django.conf import settings

from klantbeeld.channels.sociaal.connector import Connector
from klantbeeld.channels.sociaal.mastodon import Mastodon
from klantbeeld.channels.sociaal.models import Platform, Sociaalaccount
from klantbeeld.domain.models import Actor
from klantbeeld.domain.services.actoren import geautomatiseerde_actor
from klantbeeld.domain.services.common import ChangeContext

KANAAL = "sociale media"
BY = ChangeContext(applicatie="Klantbeeld kanalen", gebruikers_weergave="Sociale-mediakoppeling")
ACTOR_NAAM = "Sociale-mediakoppeling"
ACTOR_OMSCHRIJVING = "Berichten van de sociale-media-accounts van de organisatie"


class NietIngesteld(Exception):
    """An account's token is missing; ``str()`` says which."""


def actor() -> Actor:
    """The automated actor "Sociale-mediakoppeling", made once."""
    return geautomatiseerde_actor(ACTOR_NAAM, ACTOR_OMSCHRIJVING, BY)


def ingesteld() -> bool:
    """Whether answers can go out: an active account."""
    return Sociaalaccount.objects.filter(actief=True).exists()


def connector(account: Sociaalaccount, http: httpx.Client | None = None) -> Connector:
    token = os.environ.get(account.token_env, "")
    if not token:
        raise NietIngesteld(
            f"{account.naam}: omgevingsvariabele {account.token_env} (het toegangstoken) is "
            "leeg of niet gezet."
        )
    if account.platform == Platform.MASTODON:
        return Mastodon(
            account.server, token, timeout=settings.KLANTBEELD_SOCIAAL_TIMEOUT, http=http
        )
    raise NietIngesteld(f"{account.naam}: platform {account.platform!r} wordt niet ondersteund.")
