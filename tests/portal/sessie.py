"""A portal session without the broker, for tests of the portal's views (the login itself
is tested in real Chromium through the broker, test_inloggen_browser.py)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.test import Client

from klantbeeld.domain.services.identiteit import Identiteit
from klantbeeld.portal.identiteit import SESSIE_SLEUTEL, Ingelogde, Middel
from klantbeeld.portal.niveaus import Niveau


def portaal(
    *,
    bsn: str = "",
    kvk_nummer: str = "",
    gemachtigde: str = "",
    niveau: Niveau = Niveau.MIDDEN,
) -> Client:
    """A client signed in to the portal as the person ``bsn`` (or their ``gemachtigde``),
    or the company ``kvk_nummer``, as the broker's answer would have made it."""
    wie = Ingelogde(
        middel=Middel.DIGID if bsn else Middel.EHERKENNING,
        klant=Identiteit(bsn=bsn, kvk_nummer=kvk_nummer),
        niveau=niveau,
        gemachtigde=Identiteit(bsn=gemachtigde) if gemachtigde else None,
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSIE_SLEUTEL] = wie.als_sessie()
    session.save()
    client = Client()
    client.cookies[settings.KLANTBEELD_MIJN_SESSIE_COOKIE] = session.session_key
    return client
