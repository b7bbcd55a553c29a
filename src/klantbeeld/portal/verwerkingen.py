"""Every read of personal data in the portal is logged, also the resident's own (R12): the
seed asks that a resident sees their own look-ups too. The portal's processing activity is
part of the register of verwerkingsactiviteiten, made on first use."""

from __future__ import annotations

from collections.abc import Sequence

from klantbeeld.portal.identiteit import Ingelogde
from klantbeeld.privacy.models import Uitvoering, Verwerkingsactiviteit
from klantbeeld.privacy.verwerkingen import log_verwerking

ACTIVITEIT = "Inzage en regelen door de betrokkene zelf (MijnGemeente)"
SYSTEEM = "MijnGemeente"
# The actions the portal logs (actieNaam): looking at data, and taking a copy of it.
INZIEN = "Inzien"
DOWNLOADEN = "Downloaden"


def portaal_activiteit() -> Verwerkingsactiviteit:
    activiteit, _ = Verwerkingsactiviteit.objects.get_or_create(
        naam=ACTIVITEIT, defaults={"standaard_voor": ["mijn"]}
    )
    return activiteit


def gebruiker(wie: Ingelogde) -> str:
    """Who did it, as the log records it: the means and whether it was the person or their
    gemachtigde, never a name or number (the represented person reads this log)."""
    if wie.gemachtigde is not None:
        return f"{wie.middel.label} gemachtigde"
    return f"{wie.middel.label} betrokkene zelf"


def log_inzage(
    wie: Ingelogde,
    *,
    handeling: str,
    soorten_gegevens: Sequence[str],
    actie: str = INZIEN,
    vertrouwelijk: bool = False,
) -> None:
    """Record that the signed-in user processed ``soorten_gegevens`` of the person they act
    for (a person by BSN; companies are not natural persons, so nothing is logged for
    them), e.g. ``log_inzage(request.mijn, handeling="Mijn zaken", soorten_gegevens=["zaken"])``."""
    if not wie.klant.bsn:
        return
    log_verwerking(
        actie=actie,
        handeling=handeling,
        activiteit=portaal_activiteit(),
        gebruiker=gebruiker(wie),
        partijen=[],
        soorten_gegevens=soorten_gegevens,
        vertrouwelijk=vertrouwelijk,
        betrokkenheid="betrokkene" if wie.gemachtigde is None else "vertegenwoordigde",
        uitvoerder=SYSTEEM,
        objecten=[("BSN", wie.klant.bsn)],
        uitgevoerd_door=(
            Uitvoering.BETROKKENE if wie.gemachtigde is None else Uitvoering.GEMACHTIGDE
        ),
    )
