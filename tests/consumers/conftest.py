"""Two live Klantbeeld servers for the consumer flows, and what every flow needs.

Each flow runs against both:

- ``live_server``: pytest-django's server thread on the configured database (PostgreSQL
  in CI, SQLite locally), with a transactional test database;
- ``serve``: a real ``klantbeeld serve`` (gunicorn) subprocess on a fresh SQLite file,
  migrated first, on a free loopback port; started once per test session (per xdist
  worker) and stopped at its end.

The flows talk HTTP only (``requests``), the way the consumers do.
"""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from klantbeeld.api.clients.models import ALL_SCOPES
from klantbeeld.api.clients.models import ApiClient as ApiClientModel

KLANTINTERACTIES = "/klantinteracties/api/v1"
STARTUP_SECONDS = 90
COMMAND_SECONDS = 180


@dataclass(frozen=True)
class Server:
    """A running Klantbeeld and an API token with every scope."""

    url: str  # http://127.0.0.1:port
    token: str  # without "Token "

    @property
    def klantinteracties(self) -> str:
        return f"{self.url}{KLANTINTERACTIES}"

    def session(self) -> requests.Session:
        """A plain HTTP session with the token, as a consumer without a library holds it."""
        session = requests.Session()
        session.headers["Authorization"] = f"Token {self.token}"
        session.headers["Accept"] = "application/json"
        return session


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _klantbeeld(args: list[str], env: dict[str, str]) -> str:
    """Run a ``klantbeeld`` command to completion; its stdout, or a failure that shows why."""
    command = [sys.executable, "-m", "klantbeeld.cli", *args]
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=COMMAND_SECONDS
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`klantbeeld {' '.join(args)}` did not finish in {COMMAND_SECONDS} s")
    if done.returncode != 0:
        pytest.fail(f"`klantbeeld {' '.join(args)}` failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _wait_until_up(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"`klantbeeld serve` stopped (exit {process.returncode}):\n{log.read_text()}"
            )
        try:
            requests.get(f"{url}{KLANTINTERACTIES}/", timeout=10)
            return
        except requests.RequestException:
            time.sleep(0.2)
    process.terminate()
    pytest.fail(
        f"`klantbeeld serve` did not answer on {url} within {STARTUP_SECONDS} s:\n{log.read_text()}"
    )


@pytest.fixture(scope="session")
def served_klantbeeld(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``klantbeeld serve`` on a migrated, empty SQLite database of its own."""
    home = tmp_path_factory.mktemp("klantbeeld-serve")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="klantbeeld.settings",
        KLANTBEELD_HOME=str(home),
        DATABASE_URL=f"sqlite:///{home / 'klantbeeld.sqlite3'}",
        SECRET_KEY="consumer-tests-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1",
        DEBUG="false",
    )
    # The test run's own path (src/ of this checkout) also for the subprocess.
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    _klantbeeld(["migrate", "--no-input", "-v", "0"], env)
    credentials = json.loads(
        _klantbeeld(["create-api-client", "Consumenten", "--format", "json"], env)
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = home / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "klantbeeld.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "1",
                "--threads",
                "4",
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(process, url, log)
        yield Server(url=url, token=credentials["token"])
    finally:
        process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(
    params=[
        # The server thread sees only committed rows: a transactional test database.
        pytest.param("live_server", marks=pytest.mark.django_db(transaction=True)),
        "serve",
    ]
)
def server(request: pytest.FixtureRequest) -> Server:
    """The server a flow talks to: each flow runs once on either."""
    if request.param == "serve":
        return request.getfixturevalue("served_klantbeeld")  # type: ignore[no-any-return]
    live_server: Any = request.getfixturevalue("live_server")
    client = ApiClientModel(naam="Consumenten", client_id="consumenten", scopes=list(ALL_SCOPES))
    token = client.new_token()
    client.new_secret()
    client.save()
    return Server(url=live_server.url, token=token)


def bsn() -> str:
    """A fresh BSN that passes the elfproef (the served database is shared by all flows)."""
    while True:
        digits = [random.randint(0, 9) for _ in range(8)]
        if digits[0] == 0:
            continue
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last < 10:
            return "".join(map(str, digits)) + str(last)


def kvk_nummer() -> str:
    return str(random.randint(10_000_000, 99_999_999))


def json_answer(response: requests.Response, status: int) -> Any:
    """The body of an answer a consumer reads as JSON: the status it expects and
    ``application/json`` (what Open Klant sends; fetch/.NET/requests consumers parse by it)."""
    assert response.status_code == status, (response.status_code, response.text[:1000])
    content_type = response.headers.get("Content-Type", "")
    assert content_type.startswith("application/json"), (content_type, response.text[:300])
    return response.json()
