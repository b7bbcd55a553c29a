"""The benchmark's machinery: every scenario runs against a live server and checks its
answers (timings are measured by `klantbeeld bench`, never asserted here)."""

from __future__ import annotations

import os
import random

import pytest
from django.core.management import call_command
from django.db import connection

from klantbeeld.api.clients.models import ALL_SCOPES, ApiClient
from klantbeeld.bench import driver, report, scenarios, system

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def authorization():
    client = ApiClient(naam="Bench", client_id="bench", scopes=list(ALL_SCOPES))
    token = client.new_token()
    client.save()
    return {"Authorization": f"Token {token}"}


@pytest.fixture
def register():
    call_command("demo_data", "--partijen", "60", "--actoren", "5")


@pytest.mark.parametrize("scenario", scenarios.SCENARIOS, ids=lambda s: s.name)
def test_every_scenario_gets_right_answers(live_server, authorization, register, scenario):
    make = scenario.prepare(random.Random(1))
    # The test database of SQLite lives in memory, where concurrent writers collide on
    # table locks (a file database waits instead); one writer at a time there.
    writes = scenario.name == "maak-klantcontact" and connection.vendor == "sqlite"
    clients = 1 if writes else 2
    outcome = driver.run(live_server.url, authorization, make, clients=clients, seconds=0.4)
    assert outcome.latencies, "requests were sent"
    assert outcome.errors == 0, outcome.error_samples


def test_a_wrong_answer_counts_as_an_error(live_server, authorization, register):
    make = scenarios.get_partij(random.Random(1))

    def wrong(index: int) -> driver.Request:
        request = make(index)
        return driver.Request(request.method, request.path.replace("partijen/", "partijen/0"))

    outcome = driver.run(live_server.url, authorization, wrong, clients=1, seconds=0.2)
    assert outcome.errors == len(outcome.latencies) > 0


def test_figures_and_table():
    outcome = driver.Outcome(latencies=[0.010, 0.020, 0.030, 0.040], errors=1)
    row = report.figures("get-partij", "one partij", outcome, seconds=2.0, server_cpu=0.08)
    assert (row.requests, row.requests_per_second, row.errors) == (4, 2.0, 1)
    assert row.p50_ms == 25.0
    assert row.server_cpu_ms_per_request == 20.0
    assert "| get-partij | 2.0 |" in report.markdown([row], "test")


def test_process_usage_is_read_from_proc():
    usage = system.usage(os.getpid())
    assert usage.cpu_seconds > 0
    assert usage.rss_mib_per_process and usage.rss_mib_per_process[0] > 10


def test_the_events_sink_records_first_arrivals_and_delays_are_measured_from_commit():
    import httpx

    from klantbeeld.bench.events import sink
    from klantbeeld.bench.report import delays

    with sink() as nrc:
        for _ in range(2):  # a redelivery keeps the first arrival
            response = httpx.post(f"{nrc.url}/api/v1/notificaties", json={"resourceUrl": "u1"})
            assert response.status_code == 201
        assert nrc.wait_for(1, timeout=5)
        arrived = nrc.arrivals["u1"]
    found = delays({"u1": arrived - 0.010, "u2": arrived}, {"u1": arrived})
    assert found.count == 1
    assert round(found.p50_ms) == round(found.p99_ms) == 10


@pytest.mark.django_db
def test_the_search_benchmark_finds_each_customer_by_every_kind_of_input(capsys):
    call_command("bench_zoeken", "--partijen", "80", "--samples", "10")
    out = capsys.readouterr()
    for soort in (
        "zoeken-bsn",
        "zoeken-naam",
        "zoeken-typfout",
        "zoeken-postcode",
        "zoeken-straat",
        "zoeken-email",
        "zoeken-telefoon",
    ):
        row = next(line for line in out.out.splitlines() if line.startswith(f"| {soort} |"))
        assert row.split("|")[6].strip() == "0", row  # no errors
    assert out.err == ""


def test_a_phone_number_is_searched_as_a_caller_reads_it_out():
    from klantbeeld.bench.zoeken import _anders_genoteerd

    assert _anders_genoteerd("0612345678") == "+31 6 12 34 56 78"
