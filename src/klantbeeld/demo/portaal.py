"""The demo's logins for MijnGemeente at the local OpenID Connect provider, which stands in
for the municipality's DigiD/eHerkenning broker: residents and a company from the demo
register (the first ones, who have zaken in the demo ZGW register, ``demo.zgw``, and
contacts), and a resident acting for another with DigiD Machtigen.
``klantbeeld demo-portaal`` prints them as the provider's OP_USERS and its clients as
OP_CLIENTS (used by bin/run)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from klantbeeld.demo import numbers
from klantbeeld.domain.models import Partij, PartijIdentificator
from klantbeeld.domain.models.partijen import CodeSoortObjectId

# What the demo broker sends: DigiD app (midden), eHerkenning EH3 (substantieel).
DIGID_MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
EH3 = "urn:etoegang:core:assurance-class:loa3"
DIGID_CLIENT = "mijn-digid"
EHERKENNING_CLIENT = "mijn-eherkenning"


@dataclass(frozen=True)
class DemoLogin:
    login: str
    naam: str
    uitleg: str
    claims: dict[str, str]


def _eerste(soort: str, aantal: int) -> list[tuple[str, Partij | None]]:
    """The first partijen with a number of this kind, as the demo ZGW register's seed
    (``demo.zgw.seed_arguments``) takes them: these have zaken."""
    identificatoren = (
        PartijIdentificator.objects.filter(
            partij_identificator_code_soort_object_id=soort,
            identificeerde_partij__isnull=False,
        )
        .select_related("identificeerde_partij")
        .order_by("pk")[:aantal]
    )
    return [(i.partij_identificator_object_id, i.identificeerde_partij) for i in identificatoren]


def _naam(partij: Partij | None, anders: str) -> str:
    return (partij.volledige_naam if partij is not None else "") or anders


def demo_logins() -> list[DemoLogin]:
    """Two residents, one acting for the other, and a company with a vestiging. Without
    demo partijen, residents and a company who have none yet (R3: they may still sign in)."""
    personen = _eerste(CodeSoortObjectId.BSN, 2)
    while len(personen) < 2:
        personen.append((numbers.bsn(3_999_000 + len(personen)), None))
    (bsn_1, inwoner), (bsn_2, ander) = personen
    bedrijven = _eerste(CodeSoortObjectId.KVK_NUMMER, 1) or [(numbers.kvk_nummer(999_999), None)]
    kvk, bedrijf = bedrijven[0]
    vestiging = numbers.vestigingsnummer(int(kvk) % 1_000_000)
    naam_1, naam_2 = _naam(inwoner, "Inwoner"), _naam(ander, "Tweede inwoner")
    naam_bedrijf = _naam(bedrijf, f"Bedrijf {kvk}")
    return [
        DemoLogin(
            "inwoner",
            naam_1,
            f"DigiD, BSN {bsn_1}: zaken and contacts",
            {"bsn": bsn_1, "authsp_level": DIGID_MIDDEN},
        ),
        DemoLogin(
            "inwoner-2",
            naam_2,
            f"DigiD, BSN {bsn_2}",
            {"bsn": bsn_2, "authsp_level": DIGID_MIDDEN},
        ),
        DemoLogin(
            "machtiging",
            naam_2,
            f"DigiD Machtigen: {naam_2} acting for {naam_1}",
            {
                "urn:nl-eid-gdi:1.0:ActingSubjectID": bsn_2,
                "urn:nl-eid-gdi:1.0:LegalSubjectID": bsn_1,
                "authsp_level": DIGID_MIDDEN,
            },
        ),
        DemoLogin(
            "bedrijf",
            naam_bedrijf,
            f"eHerkenning, KVK {kvk}, vestiging {vestiging}",
            {
                "urn:etoegang:core:LegalSubjectID": kvk,
                "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr": vestiging,
                # The acting employee: a pseudonym, never a name.
                "urn:etoegang:core:ActingSubjectID": "DEMO0000000000000000000000000001",
                "urn:etoegang:core:LevelOfAssurance": EH3,
            },
        ),
    ]


def demo_inwoner() -> tuple[str, str]:
    """The BSN of the demo's first resident and a verified e-mail address of theirs (empty
    when none): the Objecten API's and the appointment system's stand-ins are seeded for
    them (appointments are found by a verified e-mail address only)."""
    personen = _eerste(CodeSoortObjectId.BSN, 1)
    if not personen:
        return numbers.bsn(3_999_000), ""
    bsn, partij = personen[0]
    adres = (
        partij.digitale_adressen.filter(
            soort_digitaal_adres="email", verificatie_datum__isnull=False
        )
        .order_by("pk")
        .values_list("adres", flat=True)
        .first()
        if partij is not None
        else None
    )
    return bsn, adres or ""


def op_users(logins: list[DemoLogin] | None = None) -> dict[str, Any]:
    return {
        login.login: {"name": login.naam, "claims": login.claims}
        for login in (demo_logins() if logins is None else logins)
    }


def op_clients(port: int, digid_secret: str, eherkenning_secret: str) -> list[dict[str, Any]]:
    """The broker's two clients for the portal on ``port`` (localhost and 127.0.0.1)."""
    hosts = [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]
    return [
        {
            "client_id": client_id,
            "client_secret": secret,
            "redirect_uris": [f"{host}/mijn/inloggen/{middel}/terug/" for host in hosts],
            "post_logout_redirect_uris": [f"{host}/mijn/uitgelogd/" for host in hosts],
            "token_endpoint_auth_method": "client_secret_basic",
        }
        for middel, client_id, secret in (
            ("digid", DIGID_CLIENT, digid_secret),
            ("eherkenning", EHERKENNING_CLIENT, eherkenning_secret),
        )
    ]
