"""What Klantbeeld needs of a social-media platform, whatever the platform: the new
mentions and direct messages to the monitored account, and posting an answer (a public
reply or a direct message). ``mastodon.py`` is the implementation for Mastodon; another
platform with an open API gets a module of its own with the same two methods."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from klantbeeld.channels.gateways.common import ChannelError

# Who can read a post: everyone (openbaar: public, or public but out of the timelines),
# the author's followers, or only the accounts it mentions (a direct message).
Zichtbaarheid = Literal["openbaar", "volgers", "direct"]


class PlatformFout(ChannelError):
    """The platform did not answer as hoped; ``kind`` says whether to try again."""


@dataclass(frozen=True)
class Post:
    """A post that mentions the monitored account (a mention, a reply, a direct message)."""

    id: str  # the post's id on the account's server (what an answer replies to)
    cursor: str  # where reading stands after this post (the notification's id)
    tijdstip: datetime.datetime
    auteur: str  # the author's handle without the leading @: naam@server.example
    auteur_naam: str  # the display name they chose
    tekst: str  # the text as plain text
    zichtbaarheid: Zichtbaarheid
    url: str  # where a person reads it
    antwoord_op: str | None  # the post it replies to, if any


@dataclass(frozen=True)
class Pagina:
    """What one look brought: posts oldest first, and where to go on from."""

    posts: Sequence[Post]
    cursor: str | None


class Connector(Protocol):
    def nieuwe_posts(self, na: str | None) -> Pagina:
        """The mentions and direct messages after ``na`` (a cursor this connector gave
        before; None: start now, with the latest page), oldest first, one page."""
        ...

    def plaats(self, tekst: str, *, antwoord_op: str, direct: bool, sleutel: str) -> str:
        """Post ``tekst`` as a reply to ``antwoord_op``, as a direct message or public;
        ``sleutel`` makes posting the same answer twice post it once. Its id."""
        ...
