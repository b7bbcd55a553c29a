"""The local appointment system answers as Qmatic's calendar does for Open Inwoner, and
the demo commands of both new stand-ins serve until stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from klantbeeld.demo.numbers import bsn
from standins.afspraken import Afspraak, local_afspraken
from tests.support.objecten import over_een_week

ROOT = Path(__file__).resolve().parents[2]
SLEUTEL = "een-sleutel"


def test_customers_by_e_mail_then_their_appointments() -> None:
    with local_afspraken(SLEUTEL) as systeem:
        afspraak = systeem.boek("Jan@Example.nl", Afspraak("Paspoort", over_een_week()))
        api = httpx.Client(base_url=systeem.url, headers={"X-Api-Key": SLEUTEL})
        klanten = api.get("/appointment/customers/identify;email=jan%40example.nl").json()
        assert len(klanten) == 1
        lijst = api.get(
            f"/calendar-backend/public/api/v1/customers/{klanten[0]['publicId']}/appointments"
        ).json()
        [gevonden] = lijst["appointmentList"]
        assert gevonden["publicId"] == afspraak.public_id
        assert gevonden["services"][0]["name"] == "Paspoort"
        assert gevonden["start"].endswith(".000+0000")
        assert api.get("/appointment/customers/identify;email=x%40y.nl").json() == []
        onbekend = "/calendar-backend/public/api/v1/customers/999/appointments"
        assert api.get(onbekend).status_code == 404
        assert httpx.get(f"{systeem.url}/appointment/customers/identify;email=a").status_code == 401
        assert systeem.violations == []


def _demo(command: list[str], environment: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, **environment, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    process = subprocess.Popen(
        [sys.executable, "-m", *command], env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    return process, process.stdout.readline().split(" op ")[-1].strip()


def test_the_demo_commands_serve_until_stopped() -> None:
    objecten, root = _demo(
        ["standins.objecten", "--port", "0", "--token-env", "klantbeeld:TOKEN", "--demo", bsn(1)],
        {"TOKEN": "demo-token"},
    )
    afspraken, url = _demo(
        ["standins.afspraken", "--port", "0", "--api-key-env", "SLEUTEL", "--demo", "a@b.nl"],
        {"SLEUTEL": SLEUTEL},
    )
    try:
        lijst = httpx.get(f"{root}objects", headers={"Authorization": "Token demo-token"})
        assert lijst.json()["count"] == 3
        klanten = httpx.get(
            f"{url}appointment/customers/identify;email=a%40b.nl", headers={"X-Api-Key": SLEUTEL}
        )
        assert len(klanten.json()) == 1
    finally:
        for process in (objecten, afspraken):
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0
