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
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from klantbeeld.demo import numbers, vocabulary
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
from klantbeeld.domain.services.digitale_adressen import zoeksleutel
from klantbeeld.domain.services.nummers import reserve_nummers

BATCH = 2000


@dataclass
class Counts:
    partijen: int = 0
    digitale_adressen: int = 0
    klantcontacten: int = 0
    interne_taken: int = 0
    actoren: int = 0
    extra: dict[str, int] = field(default_factory=dict)


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


def create_demo_data(partijen: int, seed: int = 2026) -> Counts:
    """Add ``partijen`` partijen (70% persons, 20% organisations, 10% contact persons) with
    about two klantcontacten each and an interne taak for one in ten."""
    rng = random.Random(seed)
    counts = Counts()
    with transaction.atomic():
        medewerkers, teams, automaten = seed_actoren()
        counts.actoren = Actor.objects.count()
        offset = Partij.objects.count()
        for start in range(0, partijen, BATCH):
            size = min(BATCH, partijen - start)
            _batch(rng, offset + start, size, medewerkers, teams, automaten, counts)
    return counts


def _batch(
    rng: random.Random,
    first: int,
    size: int,
    medewerkers: list[Actor],
    teams: list[Actor],
    automaten: list[Actor],
    counts: Counts,
) -> None:
    nummers = iter(reserve_nummers("partij.nummer", Partij, "nummer", size))
    partijen: list[Partij] = []
    identificatoren: list[PartijIdentificator] = []
    adressen: list[DigitaalAdres] = []
    organisaties: list[Partij] = []
    for index in range(first, first + size):
        kind = rng.random()
        if kind < 0.2 or (kind >= 0.9 and not organisaties):
            partij = _organisatie(rng, index, next(nummers))
            organisaties.append(partij)
            identificatoren.append(_kvk(partij, index))
        elif kind < 0.9:
            partij = _persoon(rng, index, next(nummers))
            identificatoren.append(_bsn(partij, index))
        else:
            partij = _contactpersoon(rng, next(nummers), rng.choice(organisaties))
        partijen.append(partij)
        adressen.extend(_digitale_adressen(rng, partij))
    Partij.objects.bulk_create(partijen, batch_size=BATCH)
    PartijIdentificator.objects.bulk_create(identificatoren, batch_size=BATCH)
    DigitaalAdres.objects.bulk_create(adressen, batch_size=BATCH)
    _set_voorkeur(partijen, adressen)
    counts.partijen += len(partijen)
    counts.digitale_adressen += len(adressen)
    _klantcontacten(rng, partijen, medewerkers, teams, automaten, counts)


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


def _persoon(rng: random.Random, index: int, nummer: str) -> Partij:
    return Partij(
        nummer=nummer,
        soort_partij="persoon",
        indicatie_actief=True,
        indicatie_geheimhouding=rng.random() < 0.01,
        voorkeurstaal="nld",
        **_naam(rng),
        **_adres(rng, "correspondentieadres"),
    )


def _organisatie(rng: random.Random, index: int, nummer: str) -> Partij:
    rechtsvorm = rng.choice(vocabulary.RECHTSVORMEN)
    naam = f"{rng.choice(vocabulary.BEDRIJVEN)} {rechtsvorm}".strip()
    return Partij(
        nummer=nummer,
        soort_partij="organisatie",
        indicatie_actief=True,
        voorkeurstaal="nld",
        naam=naam,
        **_adres(rng, "bezoekadres"),
        **_adres(rng, "correspondentieadres"),
    )


def _contactpersoon(rng: random.Random, nummer: str, werkgever: Partij) -> Partij:
    return Partij(
        nummer=nummer,
        soort_partij="contactpersoon",
        indicatie_actief=True,
        voorkeurstaal="nld",
        werkte_voor_partij=werkgever,
        **_naam(rng),
    )


def _bsn(partij: Partij, index: int) -> PartijIdentificator:
    return PartijIdentificator(
        identificeerde_partij=partij,
        partij_identificator_code_objecttype="natuurlijk_persoon",
        partij_identificator_code_soort_object_id="bsn",
        partij_identificator_object_id=numbers.bsn(index),
        partij_identificator_code_register="brp",
    )


def _kvk(partij: Partij, index: int) -> PartijIdentificator:
    return PartijIdentificator(
        identificeerde_partij=partij,
        partij_identificator_code_objecttype="niet_natuurlijk_persoon",
        partij_identificator_code_soort_object_id="kvk_nummer",
        partij_identificator_object_id=numbers.kvk_nummer(index),
        partij_identificator_code_register="hr",
    )


def _digitale_adressen(rng: random.Random, partij: Partij) -> Iterator[DigitaalAdres]:
    naam = _ascii((partij.contactnaam_voornaam or partij.naam.split()[0]).lower())
    mobiel = f"06{rng.randint(10_000_000, 99_999_999)}"
    email = f"{naam}.{partij.nummer}@example.nl"
    kinds = [("email", email, "Privé"), ("telefoonnummer", mobiel, "Mobiel")]
    if rng.random() < 0.3:
        kinds.append(("telefoonnummer", f"030{rng.randint(1_000_000, 9_999_999)}", "Vast"))
    for index, (soort, adres, omschrijving) in enumerate(kinds[: rng.randint(1, 3)]):
        yield DigitaalAdres(
            verstrekt_door_partij=partij,
            soort_digitaal_adres=soort,
            adres=adres,
            adres_zoeksleutel=zoeksleutel(soort, adres),
            omschrijving=omschrijving,
            is_standaard_adres=index < 2,
            verificatie_datum=timezone.localdate() if rng.random() < 0.5 else None,
        )


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in "-."))


def _set_voorkeur(partijen: list[Partij], adressen: list[DigitaalAdres]) -> None:
    first: dict[uuid.UUID, DigitaalAdres] = {}
    for adres in adressen:
        first.setdefault(adres.verstrekt_door_partij_id, adres)  # type: ignore[arg-type]
    for partij in partijen:
        partij.voorkeurs_digitaal_adres = first.get(partij.uuid)
    Partij.objects.bulk_update(partijen, ["voorkeurs_digitaal_adres"], batch_size=BATCH)


def _klantcontacten(
    rng: random.Random,
    partijen: list[Partij],
    medewerkers: list[Actor],
    teams: list[Actor],
    automaten: list[Actor],
    counts: Counts,
) -> None:
    amount = 2 * len(partijen)
    kc_nummers = iter(reserve_nummers("klantcontact.nummer", Klantcontact, "nummer", amount))
    kc_referenties = iter(
        reserve_nummers("klantcontact.referentienummer", Klantcontact, "referentienummer", amount)
    )
    contacten: list[Klantcontact] = []
    betrokkenen: list[Betrokkene] = []
    onderwerpen: list[Onderwerpobject] = []
    actor_links: list[ActorKlantcontact] = []
    taken: list[tuple[InterneTaak, Actor]] = []
    now = timezone.now()
    for partij in partijen:
        for _ in range(2):
            kanaal = rng.choice(vocabulary.KANALEN)
            onderwerp, inhoud = rng.choice(vocabulary.ONDERWERPEN)
            contact = Klantcontact(
                nummer=next(kc_nummers),
                referentienummer=next(kc_referenties),
                kanaal=kanaal,
                onderwerp=onderwerp,
                inhoud=inhoud,
                reactie="Uitgelegd en informatie op de website gewezen."
                if rng.random() < 0.6
                else "",
                indicatie_contact_gelukt=rng.random() < 0.9,
                taal="nld",
                vertrouwelijk=rng.random() < 0.05,
                plaatsgevonden_op=now
                - datetime.timedelta(minutes=rng.randint(5, 2 * 365 * 24 * 60)),
            )
            contacten.append(contact)
            betrokkenen.append(_betrokkene(partij, contact))
            onderwerpen.append(_onderwerp(rng, contact))
            handler = (
                rng.choice(automaten)
                if kanaal in {"app", "e-formulier"}
                else rng.choice(medewerkers)
            )
            actor_links.append(ActorKlantcontact(actor=handler, klantcontact=contact))
            if rng.random() < 0.05:
                taak = _taak(rng, contact)
                taken.append((taak, rng.choice(medewerkers + teams)))
    Klantcontact.objects.bulk_create(contacten, batch_size=BATCH)
    Betrokkene.objects.bulk_create(betrokkenen, batch_size=BATCH)
    Onderwerpobject.objects.bulk_create(onderwerpen, batch_size=BATCH)
    ActorKlantcontact.objects.bulk_create(actor_links, batch_size=BATCH)
    _save_taken(taken)
    counts.klantcontacten += len(contacten)
    counts.interne_taken += len(taken)


def _betrokkene(partij: Partij, contact: Klantcontact) -> Betrokkene:
    return Betrokkene(
        was_partij=partij,
        had_klantcontact=contact,
        rol="klant",
        initiator=True,
        organisatienaam=partij.naam,
        contactnaam_voorletters=partij.contactnaam_voorletters,
        contactnaam_voornaam=partij.contactnaam_voornaam,
        contactnaam_voorvoegsel_achternaam=partij.contactnaam_voorvoegsel_achternaam,
        contactnaam_achternaam=partij.contactnaam_achternaam,
    )


def _onderwerp(rng: random.Random, contact: Klantcontact) -> Onderwerpobject:
    if rng.random() < 0.3:  # about a zaak (cases.md conventions: KISS's identificator)
        return Onderwerpobject(
            klantcontact=contact,
            onderwerpobjectidentificator_code_objecttype="zgw-Zaak",
            onderwerpobjectidentificator_code_register="openzaak",
            onderwerpobjectidentificator_code_soort_object_id="uuid",
            onderwerpobjectidentificator_object_id=str(uuid.UUID(int=rng.getrandbits(128))),
        )
    return Onderwerpobject(
        klantcontact=contact,
        onderwerpobjectidentificator_code_objecttype="product",
        onderwerpobjectidentificator_code_register="pdc",
        onderwerpobjectidentificator_code_soort_object_id="naam",
        onderwerpobjectidentificator_object_id=contact.onderwerp,
    )


def _taak(rng: random.Random, contact: Klantcontact) -> InterneTaak:
    verwerkt = rng.random() < 0.4
    return InterneTaak(
        gevraagde_handeling=rng.choice(vocabulary.GEVRAAGDE_HANDELINGEN),
        aanleidinggevend_klantcontact=contact,
        toelichting="Klant wil graag vandaag teruggebeld worden.",
        status="verwerkt" if verwerkt else "te_verwerken",
        toegewezen_op=contact.plaatsgevonden_op,
        afgehandeld_op=contact.plaatsgevonden_op + datetime.timedelta(days=1) if verwerkt else None,
    )


def _save_taken(taken: list[tuple[InterneTaak, Actor]]) -> None:
    if not taken:
        return
    nummers = iter(reserve_nummers("internetaak.nummer", InterneTaak, "nummer", len(taken)))
    referenties = iter(
        reserve_nummers("internetaak.referentienummer", InterneTaak, "referentienummer", len(taken))
    )
    for taak, _ in taken:
        taak.nummer = next(nummers)
        taak.referentienummer = next(referenties)
    InterneTaak.objects.bulk_create([taak for taak, _ in taken], batch_size=BATCH)
    InterneTaakActor.objects.bulk_create(
        [InterneTaakActor(interne_taak=taak, actor=actor) for taak, actor in taken],
        batch_size=BATCH,
    )


def is_empty() -> bool:
    return not Partij.objects.exists()
