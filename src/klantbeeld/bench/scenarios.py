"""What the benchmark asks, and how it knows each answer is right.

Every scenario draws its samples from the database before the run (which partij, which
BSN, how many klantcontacten that partij has, …) and checks every answer against them, so
a shortcut that answers fast but wrong counts as an error.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
from django.db.models import Count, Q

from klantbeeld.bench.driver import Request
from klantbeeld.domain.models import Actor, Partij, PartijIdentificator

SAMPLES = 500
KI = "/klantinteracties/api/v1"

Check = Callable[[int, Any], str | None]


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    prepare: Callable[[random.Random], Callable[[int], Request]]


def _expect(status: int, predicate: Callable[[Any], str | None]) -> Check:
    def check(got: int, body: Any) -> str | None:
        if got != status:
            return f"status {got}, expected {status}"
        return predicate(body)

    return check


def _sample(queryset: Any, rng: random.Random, amount: int = SAMPLES) -> list[Any]:
    # Random but cheap on a large table: a random window of the primary-key index.
    total = queryset.count()
    if total == 0:
        raise RuntimeError(f"no rows for {queryset.model.__name__}: fill the database first")
    rows: list[Any] = []
    for _ in range(max(1, amount // 50)):
        start = rng.randrange(max(1, total - 50))
        rows.extend(queryset.order_by("pk")[start : start + 50])
    return rows


def get_partij(rng: random.Random) -> Callable[[int], Request]:
    uuids = [p.pk for p in _sample(Partij.objects.only("uuid"), rng)]

    def make(i: int) -> Request:
        uuid = str(uuids[i % len(uuids)])
        return Request(
            "GET",
            f"{KI}/partijen/{uuid}",
            check=_expect(200, lambda b: None if b["uuid"] == uuid else "wrong partij"),
        )

    return make


def list_partijen(rng: random.Random) -> Callable[[int], Request]:
    total = Partij.objects.count()
    expected = min(100, total)

    def page(body: Any) -> str | None:
        if body["count"] != total or len(body["results"]) != expected:
            return f"count {body['count']}/{len(body['results'])}, expected {total}/{expected}"
        return None

    return lambda i: Request("GET", f"{KI}/partijen", check=_expect(200, page))


def partij_by_bsn(rng: random.Random) -> Callable[[int], Request]:
    rows = _sample(
        PartijIdentificator.objects.filter(partij_identificator_code_soort_object_id="bsn"), rng
    )
    pairs = [(r.partij_identificator_object_id, str(r.identificeerde_partij_id)) for r in rows]

    def make(i: int) -> Request:
        bsn, uuid = pairs[i % len(pairs)]

        def found(body: Any) -> str | None:
            if body["count"] != 1 or body["results"][0]["uuid"] != uuid:
                return f"BSN {bsn}: {body['count']} results"
            return None

        path = (
            f"{KI}/partijen?partijIdentificator__codeSoortObjectId=bsn"
            f"&partijIdentificator__objectId={bsn}"
        )
        return Request("GET", path, check=_expect(200, found))

    return make


def partijen_expanded(rng: random.Random) -> Callable[[int], Request]:
    total = Partij.objects.count()

    def expanded(body: Any) -> str | None:
        if body["count"] != total:
            return f"count {body['count']}, expected {total}"
        for partij in body["results"]:
            if set(partij.get("_expand", {})) != {"digitaleAdressen", "betrokkenen"}:
                return "expansion missing"
            if len(partij["_expand"]["digitaleAdressen"]) != len(partij["digitaleAdressen"]):
                return "expanded addresses differ from the references"
        return None

    path = f"{KI}/partijen?expand=digitaleAdressen,betrokkenen"
    return lambda i: Request("GET", path, check=_expect(200, expanded))


def klantcontacten_of_partij(rng: random.Random) -> Callable[[int], Request]:
    partijen = _sample(
        Partij.objects.annotate(n=Count("betrokkenen__had_klantcontact", distinct=True)).only(
            "uuid"
        ),
        rng,
    )
    pairs = [(str(p.pk), p.n) for p in partijen]

    def make(i: int) -> Request:
        uuid, expected = pairs[i % len(pairs)]

        def counted(body: Any) -> str | None:
            return None if body["count"] == expected else f"{body['count']} != {expected}"

        path = f"{KI}/klantcontacten?hadBetrokkene__wasPartij__uuid={uuid}"
        return Request("GET", path, check=_expect(200, counted))

    return make


def maak_klantcontact(rng: random.Random) -> Callable[[int], Request]:
    uuids = [str(p.pk) for p in _sample(Partij.objects.only("uuid"), rng)]

    def make(i: int) -> Request:
        uuid = uuids[i % len(uuids)]
        body = {
            "klantcontact": {
                "kanaal": "telefoon",
                "onderwerp": "Benchmark",
                "inhoud": "Vraag over de afvalkalender",
                "taal": "nld",
                "vertrouwelijk": False,
                "indicatieContactGelukt": True,
            },
            "betrokkene": {"wasPartij": {"uuid": uuid}, "rol": "klant", "initiator": True},
            "onderwerpobject": {
                "onderwerpobjectidentificator": {
                    "objectId": "5b7d3c2e-1111-4a4a-9b9b-000000000001",
                    "codeObjecttype": "zgw-Zaak",
                    "codeRegister": "openzaak",
                    "codeSoortObjectId": "uuid",
                }
            },
        }

        def made(answer: Any) -> str | None:
            if answer["betrokkene"]["wasPartij"]["uuid"] != uuid:
                return "betrokkene of another partij"
            return None

        return Request("POST", f"{KI}/maak-klantcontact", orjson.dumps(body), _expect(201, made))

    return make


def taken_of_actor(rng: random.Random) -> Callable[[int], Request]:
    actoren = [
        (str(a.pk), a.n)
        for a in Actor.objects.annotate(
            n=Count("interne_taken", filter=Q(interne_taken__status="te_verwerken"))
        ).filter(n__gt=0)[:SAMPLES]
    ]
    if not actoren:
        raise RuntimeError("no actor has open tasks: fill the database first")

    def make(i: int) -> Request:
        uuid, expected = actoren[i % len(actoren)]

        def counted(body: Any) -> str | None:
            return None if body["count"] == expected else f"{body['count']} != {expected}"

        path = f"{KI}/internetaken?status=te_verwerken&toegewezenAanActor__uuid={uuid}"
        return Request("GET", path, check=_expect(200, counted))

    return make


SCENARIOS = [
    Scenario("get-partij", "one partij by uuid", get_partij),
    Scenario("list-partijen", "partijen, page 1 (100)", list_partijen),
    Scenario("partij-by-bsn", "filter partijen by BSN", partij_by_bsn),
    Scenario(
        "partijen-expand",
        "partijen page 1 with expand=digitaleAdressen,betrokkenen",
        partijen_expanded,
    ),
    Scenario(
        "klantcontacten-of-partij",
        "klantcontacten?hadBetrokkene__wasPartij__uuid",
        klantcontacten_of_partij,
    ),
    Scenario("maak-klantcontact", "POST /maak-klantcontact", maak_klantcontact),
    Scenario(
        "taken-of-actor",
        "internetaken?status=te_verwerken&toegewezenAanActor__uuid",
        taken_of_actor,
    ),
]
