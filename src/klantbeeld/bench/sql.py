"""The limit: the same rows fetched with plain SQL through psycopg, at the same
concurrency, so the API's figures can be read as a fraction of what the database gives."""

from __future__ import annotations

import random
import threading
import time
from typing import Any

import psycopg
from django.db import connection

from klantbeeld.bench.driver import Outcome
from klantbeeld.domain.models import Partij, PartijIdentificator

GET_PARTIJ = [
    "SELECT * FROM domain_partij WHERE uuid = %(uuid)s",
    "SELECT * FROM domain_partijidentificator WHERE identificeerde_partij_id = %(uuid)s",
    "SELECT uuid FROM domain_digitaaladres WHERE verstrekt_door_partij_id = %(uuid)s",
    "SELECT uuid FROM domain_betrokkene WHERE was_partij_id = %(uuid)s",
]
BY_BSN = [
    "SELECT p.* FROM domain_partij p JOIN domain_partijidentificator i"
    " ON i.identificeerde_partij_id = p.uuid"
    " WHERE i.partij_identificator_code_soort_object_id = 'bsn'"
    " AND i.partij_identificator_object_id = %(bsn)s",
    "SELECT i.* FROM domain_partijidentificator i JOIN domain_partijidentificator b"
    " ON b.identificeerde_partij_id = i.identificeerde_partij_id"
    " WHERE b.partij_identificator_code_soort_object_id = 'bsn'"
    " AND b.partij_identificator_object_id = %(bsn)s",
]


def _dsn() -> str:
    settings = connection.settings_dict
    parts = {
        "host": settings.get("HOST") or "127.0.0.1",
        "port": settings.get("PORT") or 5432,
        "dbname": settings["NAME"],
        "user": settings.get("USER") or "postgres",
        "password": settings.get("PASSWORD") or "",
    }
    return " ".join(f"{key}={value}" for key, value in parts.items() if value != "")


def samples(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    partijen = list(Partij.objects.values_list("uuid", flat=True)[:2000])
    bsns = list(
        PartijIdentificator.objects.filter(
            partij_identificator_code_soort_object_id="bsn"
        ).values_list("partij_identificator_object_id", flat=True)[:2000]
    )
    rng.shuffle(partijen)
    rng.shuffle(bsns)
    return {
        "get-partij": [{"uuid": uuid} for uuid in partijen],
        "partij-by-bsn": [{"bsn": bsn} for bsn in bsns],
    }


QUERIES = {"get-partij": GET_PARTIJ, "partij-by-bsn": BY_BSN}


def run(scenario: str, params: list[dict[str, Any]], clients: int, seconds: float) -> Outcome:
    """Run the scenario's queries in ``clients`` threads, each on its own connection."""
    statements = QUERIES[scenario]
    stop = time.perf_counter() + seconds
    outcomes = [Outcome() for _ in range(clients)]
    dsn = _dsn()

    def client(number: int) -> None:
        with psycopg.connect(dsn, autocommit=True) as conn, conn.cursor() as cursor:
            index = number
            while time.perf_counter() < stop:
                values = params[index % len(params)]
                index += clients
                started = time.perf_counter()
                rows = 0
                for statement in statements:
                    cursor.execute(statement, values, prepare=True)
                    rows += len(cursor.fetchall())
                outcomes[number].latencies.append(time.perf_counter() - started)
                if rows == 0:
                    outcomes[number].errors += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Outcome()
    for outcome in outcomes:
        total.merge(outcome)
    return total
