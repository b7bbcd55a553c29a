"""A realistic Dutch demo register, written in bulk: persons with valid BSNs,
organisations with KVK numbers, their contact persons, digital addresses, klantcontacten
across every channel with betrokkenen and onderwerpobjecten, and interne taken for
employees and teams."""

from __future__ import annotations

import datetime
import random
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from klantbeeld.demo import numbers, vocabulary
from klantbeeld.demo.bulk import BulkWriter
from klantbeeld.domain.models import (
    Actor,
    ActorKlantcontact,
    Betrokkene,
    DigitaalAdres,
    InterneTaak,
    InterneTaakActor,
    Klantcontact,
    Onderwerpobject,
    Partij,
    PartijIdentificator,
)
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.base import uuid7
from klantbeeld.domain.services.digitale_adressen import zoeksleutel
from klantbeeld.domain.services.nummers import reserve_nummers

BATCH = 10_000


@dataclass
class Counts:
    partijen: int = 0
    digitale_adressen: int = 0
    klantcontacten: int = 0
    interne_taken: int = 0
    actoren: int = 0


def seed_actoren() -> tuple[list[Actor], list[Actor], list[Actor]]:
    """The organisation's employees, teams and automated actors (created once)."""
    medewerkers = [
        _actor(
            naam,
            SoortActor.MEDEWERKER,
            functie=functie[:40],
            telefoonnummer="0302860000",
            emailadres=f"{naam.split()[0].lower()}@gemeente.example",
        )
        for naam, functie in vocabulary.MEDEWERKERS
    ]
    teams = [
        _actor(naam, SoortActor.ORGANISATORISCHE_EENHEID, omschrijving=omschrijving)
        for naam, omschrijving in vocabulary.TEAMS
    ]
    automaten = [
        _actor(naam, SoortActor.GEAUTOMATISEERDE_ACTOR, functie=naam[:40], omschrijving=taak)
        for naam, taak in vocabulary.GEAUTOMATISEERDE_ACTOREN
    ]
    return medewerkers, teams, automaten


def _actor(naam: str, soort: str, **fields: Any) -> Actor:
    actor, _ = Actor.objects.get_or_create(
        naam=naam, soort_actor=soort, defaults={"indicatie_actief": True, **fields}
    )
    return actor


def create_demo_data(partijen: int, seed: int = 2026, actoren: int = 0) -> Counts:
    """Add ``partijen`` partijen (70% persons, 20% organisations, 10% contact persons) with
    one to three digitale adressen, two klantcontacten each (betrokkene, onderwerpobject,
    handling actor) and an interne taak for one klantcontact in twenty.

    ``actoren`` extra employees share the tasks (a large organisation has thousands).
    Rows are written in bulk (COPY on PostgreSQL), so a million partijen take minutes.
    """
    rng = random.Random(seed)
    counts = Counts()
    with transaction.atomic():
        medewerkers, teams, automaten = seed_actoren()
        medewerkers = medewerkers + _extra_medewerkers(actoren)
        counts.actoren = Actor.objects.count()
        offset = Partij.objects.count()
        writer = BulkWriter()
        for start in range(0, partijen, BATCH):
            size = min(BATCH, partijen - start)
            _batch(writer, rng, offset + start, size, medewerkers, teams, automaten)
            writer.flush()
    if connection.vendor == "postgresql":
        # Fresh statistics, so the planner knows a partij has a few rows, not thousands.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    counts.partijen = writer.counts.get("partij", 0)
    counts.digitale_adressen = writer.counts.get("digitaaladres", 0)
    counts.klantcontacten = writer.counts.get("klantcontact", 0)
    counts.interne_taken = writer.counts.get("internetaak", 0)
    return counts


def _extra_medewerkers(amount: int) -> list[Actor]:
    existing = Actor.objects.filter(naam__startswith="Medewerker ").count()
    Actor.objects.bulk_create(
        [
            Actor(
                naam=f"Medewerker {existing + index + 1:05d}",
                soort_actor=SoortActor.MEDEWERKER,
                functie="Medewerker",
                telefoonnummer="0302860000",
            )
            for index in range(amount)
        ],
        batch_size=BATCH,
    )
    return list(Actor.objects.filter(naam__startswith="Medewerker "))


def _batch(
    writer: BulkWriter,
    rng: random.Random,
    first: int,
    size: int,
    medewerkers: list[Actor],
    teams: list[Actor],
    automaten: list[Actor],
) -> None:
    nummers = iter(reserve_nummers("partij.nummer", Partij, "nummer", size))
    organisaties: list[Any] = []
    partijen: list[dict[str, Any]] = []
    for index in range(first, first + size):
        kind = rng.random()
        if kind < 0.2 or (kind >= 0.9 and not organisaties):
            partij = _organisatie(rng, next(nummers))
            identificator = _kvk(index)
        elif kind < 0.9:
            partij = _persoon(rng, next(nummers))
            identificator = _bsn(index)
        else:
            partij = _contactpersoon(rng, next(nummers), rng.choice(organisaties))
            identificator = None
        adressen = list(_digitale_adressen(rng, partij))
        partij["voorkeurs_digitaal_adres_id"] = adressen[0]["uuid"]
        partij_uuid = writer.add(Partij, partij)
        if partij["soort_partij"] == "organisatie":
            organisaties.append(partij_uuid)
        if identificator:
            writer.add(
                PartijIdentificator, {**identificator, "identificeerde_partij_id": partij_uuid}
            )
        for adres in adressen:
            writer.add(DigitaalAdres, {**adres, "verstrekt_door_partij_id": partij_uuid})
        partijen.append({**partij, "uuid": partij_uuid})
    _klantcontacten(writer, rng, partijen, medewerkers, teams, automaten)


def _naam(rng: random.Random) -> dict[str, str]:
    voornaam = rng.choice(vocabulary.VOORNAMEN)
    voorvoegsel, achternaam = rng.choice(vocabulary.ACHTERNAMEN)
    return {
        "contactnaam_voorletters": f"{voornaam[0]}.",
        "contactnaam_voornaam": voornaam,
        "contactnaam_voorvoegsel_achternaam": voorvoegsel,
        "contactnaam_achternaam": achternaam,
    }


def _adres(rng: random.Random, prefix: str) -> dict[str, Any]:
    stad, postcode_cijfers = rng.choice(vocabulary.PLAATSEN)
    letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
    return {
        f"{prefix}_straatnaam": rng.choice(vocabulary.STRATEN),
        f"{prefix}_huisnummer": rng.randint(1, 250),
        f"{prefix}_postcode": f"{postcode_cijfers} {letters}",
        f"{prefix}_stad": stad,
        f"{prefix}_land": "NL",
        f"{prefix}_nummeraanduiding_id": f"0344{rng.randint(0, 10**12 - 1):012d}",
    }


def _persoon(rng: random.Random, nummer: str) -> dict[str, Any]:
    return {
        "nummer": nummer,
        "soort_partij": "persoon",
        "indicatie_actief": True,
        "indicatie_geheimhouding": rng.random() < 0.01,
        "voorkeurstaal": "nld",
        **_naam(rng),
        **_adres(rng, "correspondentieadres"),
    }


def _organisatie(rng: random.Random, nummer: str) -> dict[str, Any]:
    rechtsvorm = rng.choice(vocabulary.RECHTSVORMEN)
    return {
        "nummer": nummer,
        "soort_partij": "organisatie",
        "indicatie_actief": True,
        "voorkeurstaal": "nld",
        "naam": f"{rng.choice(vocabulary.BEDRIJVEN)} {rechtsvorm}".strip(),
        **_adres(rng, "bezoekadres"),
        **_adres(rng, "correspondentieadres"),
    }


def _contactpersoon(rng: random.Random, nummer: str, werkgever: Any) -> dict[str, Any]:
    return {
        "nummer": nummer,
        "soort_partij": "contactpersoon",
        "indicatie_actief": True,
        "voorkeurstaal": "nld",
        "werkte_voor_partij_id": werkgever,
        **_naam(rng),
    }


def _bsn(index: int) -> dict[str, Any]:
    return {
        "partij_identificator_code_objecttype": "natuurlijk_persoon",
        "partij_identificator_code_soort_object_id": "bsn",
        "partij_identificator_object_id": numbers.bsn(index),
        "partij_identificator_code_register": "brp",
    }


def _kvk(index: int) -> dict[str, Any]:
    return {
        "partij_identificator_code_objecttype": "niet_natuurlijk_persoon",
        "partij_identificator_code_soort_object_id": "kvk_nummer",
        "partij_identificator_object_id": numbers.kvk_nummer(index),
        "partij_identificator_code_register": "hr",
    }


def _digitale_adressen(rng: random.Random, partij: dict[str, Any]) -> Iterator[dict[str, Any]]:
    naam = _ascii((partij.get("contactnaam_voornaam") or partij["naam"].split()[0]).lower())
    mobiel = f"06{rng.randint(10_000_000, 99_999_999)}"
    email = f"{naam}.{partij['nummer']}@example.nl"
    kinds = [("email", email, "Privé"), ("telefoonnummer", mobiel, "Mobiel")]
    if rng.random() < 0.3:
        kinds.append(("telefoonnummer", f"030{rng.randint(1_000_000, 9_999_999)}", "Vast"))
    for index, (soort, adres, omschrijving) in enumerate(kinds[: rng.randint(1, 3)]):
        yield {
            "uuid": uuid7(),
            "soort_digitaal_adres": soort,
            "adres": adres,
            "adres_zoeksleutel": zoeksleutel(soort, adres),
            "omschrijving": omschrijving,
            "is_standaard_adres": index < 2,
            "verificatie_datum": timezone.localdate() if rng.random() < 0.5 else None,
        }


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in "-."))


def _klantcontacten(
    writer: BulkWriter,
    rng: random.Random,
    partijen: list[dict[str, Any]],
    medewerkers: list[Actor],
    teams: list[Actor],
    automaten: list[Actor],
) -> None:
    amount = 2 * len(partijen)
    kc_nummers = iter(reserve_nummers("klantcontact.nummer", Klantcontact, "nummer", amount))
    kc_referenties = iter(
        reserve_nummers("klantcontact.referentienummer", Klantcontact, "referentienummer", amount)
    )
    now = timezone.now()
    taken: list[tuple[dict[str, Any], Actor]] = []
    for partij in partijen:
        for _ in range(2):
            kanaal = rng.choice(vocabulary.KANALEN)
            onderwerp, inhoud = rng.choice(vocabulary.ONDERWERPEN)
            geplaatst = now - datetime.timedelta(minutes=rng.randint(5, 2 * 365 * 24 * 60))
            contact = writer.add(
                Klantcontact,
                {
                    "nummer": next(kc_nummers),
                    "referentienummer": next(kc_referenties),
                    "kanaal": kanaal,
                    "onderwerp": onderwerp,
                    "inhoud": inhoud,
                    "reactie": (
                        "Uitgelegd en naar de website verwezen." if rng.random() < 0.6 else ""
                    ),
                    "indicatie_contact_gelukt": rng.random() < 0.9,
                    "taal": "nld",
                    "vertrouwelijk": rng.random() < 0.05,
                    "plaatsgevonden_op": geplaatst,
                    "metadata": {},
                },
            )
            writer.add(Betrokkene, _betrokkene(partij, contact))
            writer.add(Onderwerpobject, _onderwerp(rng, contact, onderwerp))
            handler = (
                rng.choice(automaten)
                if kanaal in {"app", "e-formulier"}
                else rng.choice(medewerkers)
            )
            writer.add(ActorKlantcontact, {"actor_id": handler.pk, "klantcontact_id": contact})
            if rng.random() < 0.05:
                taken.append((_taak(rng, contact, geplaatst), rng.choice(medewerkers + teams)))
    _taken(writer, taken)


def _betrokkene(partij: dict[str, Any], contact: Any) -> dict[str, Any]:
    return {
        "was_partij_id": partij["uuid"],
        "had_klantcontact_id": contact,
        "rol": "klant",
        "initiator": True,
        "organisatienaam": partij.get("naam", ""),
        **{key: partij.get(key, "") for key in _CONTACTNAAM},
    }


_CONTACTNAAM = (
    "contactnaam_voorletters",
    "contactnaam_voornaam",
    "contactnaam_voorvoegsel_achternaam",
    "contactnaam_achternaam",
)


def _onderwerp(rng: random.Random, contact: Any, onderwerp: str) -> dict[str, Any]:
    if rng.random() < 0.3:  # about a zaak (cases.md conventions: KISS's identificator)
        return {
            "klantcontact_id": contact,
            "onderwerpobjectidentificator_code_objecttype": "zgw-Zaak",
            "onderwerpobjectidentificator_code_register": "openzaak",
            "onderwerpobjectidentificator_code_soort_object_id": "uuid",
            "onderwerpobjectidentificator_object_id": str(uuid.UUID(int=rng.getrandbits(128))),
        }
    return {
        "klantcontact_id": contact,
        "onderwerpobjectidentificator_code_objecttype": "product",
        "onderwerpobjectidentificator_code_register": "pdc",
        "onderwerpobjectidentificator_code_soort_object_id": "naam",
        "onderwerpobjectidentificator_object_id": onderwerp,
    }


def _taak(rng: random.Random, contact: Any, geplaatst: datetime.datetime) -> dict[str, Any]:
    verwerkt = rng.random() < 0.4
    return {
        "gevraagde_handeling": rng.choice(vocabulary.GEVRAAGDE_HANDELINGEN),
        "aanleidinggevend_klantcontact_id": contact,
        "toelichting": "Klant wil graag vandaag teruggebeld worden.",
        "status": "verwerkt" if verwerkt else "te_verwerken",
        "toegewezen_op": geplaatst,
        "afgehandeld_op": geplaatst + datetime.timedelta(days=1) if verwerkt else None,
    }


def _taken(writer: BulkWriter, taken: list[tuple[dict[str, Any], Actor]]) -> None:
    if not taken:
        return
    nummers = iter(reserve_nummers("internetaak.nummer", InterneTaak, "nummer", len(taken)))
    referenties = iter(
        reserve_nummers("internetaak.referentienummer", InterneTaak, "referentienummer", len(taken))
    )
    for taak, actor in taken:
        taak_uuid = writer.add(
            InterneTaak,
            {**taak, "nummer": next(nummers), "referentienummer": next(referenties)},
        )
        writer.add(InterneTaakActor, {"interne_taak_id": taak_uuid, "actor_id": actor.pk})


def is_empty() -> bool:
    return not Partij.objects.exists()
