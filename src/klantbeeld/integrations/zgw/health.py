"""Is a ZGW service reachable, and does it accept Klantbeeld's credentials?"""

from __future__ import annotations

import time

from django.utils import timezone

from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.integrations.zgw.client import ZgwClient, ZgwError

# A cheap, authorised read per kind: a filter on an identification nobody uses.
_PROBE: dict[str, str] = {
    Soort.ZAKEN: "zaken",
    Soort.DOCUMENTEN: "enkelvoudiginformatieobjecten",
    Soort.BESLUITEN: "besluiten",
    Soort.CATALOGI: "zaaktypen",
}
_NOBODY = "klantbeeld-verbindingscontrole"


def controleer(service: ZgwService) -> ZgwService:
    """Ask the service once and record the outcome on it (shown in the admin)."""
    start = time.monotonic()
    with ZgwClient([service]) as zgw:
        try:
            zgw.get(f"{service.api_root}{_PROBE[service.soort]}", {"identificatie": _NOBODY})
        except ZgwError as error:
            service.gezond, service.controle_melding = False, error.message
        else:
            ms = (time.monotonic() - start) * 1000
            service.gezond, service.controle_melding = True, f"bereikbaar, antwoord in {ms:.0f} ms"
    service.gecontroleerd_op = timezone.now()
    service.save(update_fields=["gezond", "controle_melding", "gecontroleerd_op"])
    return service
