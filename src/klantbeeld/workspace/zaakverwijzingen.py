"""The zaken a contact (or a task's contacts) is about, for its page: those the viewer may
see, by identificatie as links to the zaak's page, and the register links that failed for
good, so staff see them where they work."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest

from klantbeeld.domain.models import Klantcontact
from klantbeeld.domain.services.zaken import is_zaak
from klantbeeld.integrations.zgw.client import ZgwClient
from klantbeeld.integrations.zgw.koppelingen import Koppeling, mislukte_koppelingen
from klantbeeld.integrations.zgw.register import gebruiker as jwt_gebruiker
from klantbeeld.integrations.zgw.zaken import Storing, Zaak, zaken_van_verwijzingen
from klantbeeld.workspace.medewerkers import gebruiker, wie
from klantbeeld.workspace.toegang import max_zaak_vertrouwelijkheid


def zgw_van(request: HttpRequest) -> ZgwClient:
    """A client whose requests name the employee (the register's audit trail)."""
    return ZgwClient(user=jwt_gebruiker(wie(gebruiker(request))))


@dataclass
class ZakenBijContact:
    zaken: list[Zaak] = field(default_factory=list)
    # A register that did not answer: some zaak could not be shown.
    onbereikbaar: list[Storing] = field(default_factory=list)
    mislukt: list[tuple[Koppeling, Zaak | None]] = field(default_factory=list)


def zaken_bij(request: HttpRequest, contacten: list[Klantcontact]) -> ZakenBijContact:
    """``contacten`` with their onderwerpobjecten prefetched. A zaak the viewer may not
    see, or that no register has, is left out."""
    verwijzingen = [
        o.onderwerpobjectidentificator_object_id
        for kc in contacten
        for o in kc.onderwerpobjecten.all()
        if is_zaak(o)
    ]
    uitkomst = ZakenBijContact()
    if verwijzingen:
        with zgw_van(request) as zgw:
            gevonden, uitkomst.onbereikbaar = zaken_van_verwijzingen(
                verwijzingen, max_vertrouwelijkheid=max_zaak_vertrouwelijkheid(request), client=zgw
            )
        uitkomst.zaken = list({z.url: z for z in gevonden.values()}.values())
    uitkomst.mislukt = [
        (m, next((z for z in uitkomst.zaken if m.over(z.uuid, z.url)), None))
        for m in mislukte_koppelingen(contacten)
    ]
    return uitkomst
