"""The demo's ZGW register: the local register of the test support code
(``standins/zgw.py``), which ``bin/run`` starts beside Klantbeeld with zaken for the
demo partijen, configured here as Klantbeeld's four ZGW services."""

from __future__ import annotations

from klantbeeld.domain.models import PartijIdentificator
from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.integrations.models import Soort, ZgwService

NAAM = "Demo-register"
ROOTS = {
    Soort.ZAKEN: "zaken/api/v1/",
    Soort.DOCUMENTEN: "documenten/api/v1/",
    Soort.BESLUITEN: "besluiten/api/v1/",
    Soort.CATALOGI: "catalogi/api/v1/",
}


def configure(url: str, client_id: str, secret: str) -> None:
    """Point the four demo services at the register on ``url`` (again on every start: the
    secret is new each time)."""
    for soort, path in ROOTS.items():
        ZgwService.objects.update_or_create(
            naam=f"{NAAM} {soort}",
            defaults={
                "soort": soort,
                "api_root": f"{url.rstrip('/')}/{path}",
                "client_id": client_id,
                "secret": secret,
                "timeout": 5.0,
                "actief": True,
            },
        )


def seed_arguments(personen: int = 25, organisaties: int = 10) -> list[str]:
    """``--bsn``/``--kvk`` arguments for the register: the first demo partijen get zaken."""
    arguments: list[str] = []
    for flag, soort, count in (
        ("--bsn", CodeSoortObjectId.BSN, personen),
        ("--kvk", CodeSoortObjectId.KVK_NUMMER, organisaties),
    ):
        nummers = (
            PartijIdentificator.objects.filter(
                partij_identificator_code_soort_object_id=soort,
                identificeerde_partij__isnull=False,
            )
            .order_by("pk")
            .values_list("partij_identificator_object_id", flat=True)[:count]
        )
        for nummer in nummers:
            arguments += [flag, nummer]
    return arguments
