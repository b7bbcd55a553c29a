"""Two live Klantbeeld servers for the consumer flows, and what every flow needs.

Each flow runs against both:

- ``live_server``: pytest-django's live server thread on the configured test database
  (PostgreSQL in CI, SQLite locally), once per module, emptied after the module;
- ``serve``: a real ``klantbeeld serve`` (gunicorn) subprocess on a fresh SQLite file,
  migrated first, on a free loopback port; started once per test session (per xdist
  worker) and stopped at its end.

The flows talk HTTP only (``requests``), the way the consumers do.
"""

from __future__ import annotations

import json
import os
import random
import secrets
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
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from pytest_django.live_server_helper import LiveServer

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
        SECRET_KEY=secrets.token_urlsafe(50),
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


@pytest.fixture(scope="module", autouse=True)
def live_klantbeeld(request: pytest.FixtureRequest) -> Iterator[Server | None]:
    """pytest-django's live server with committed data, emptied once per module.

    Emptying the database after every flow (a transactional test) costs seconds per flow
    on PostgreSQL; the flows make their own data with fresh numbers and names, so they
    share it within a module, as they do on the served database. Set up before any test's
    own database fixtures (hence autouse), so the API client is committed, not inside a
    test's transaction; only in modules that run a flow on the live server.
    """
    module_items = [item for item in request.session.items if item.module is request.module]
    if not any("[live_server" in item.name for item in module_items):
        yield None
        return
    request.getfixturevalue("django_db_setup")
    blocker: Any = request.getfixturevalue("django_db_blocker")
    with blocker.unblock():
        # The database as migrated, to put back after the module (see below).
        migrated = connection.creation.serialize_db_to_string()
        # pytest-django's live server, started here rather than through its ``live_server``
        # fixture, which would make the test that first asks for it transactional.
        live_server = LiveServer("localhost")
        client = ApiClientModel(
            naam="Consumenten", client_id="consumenten", scopes=list(ALL_SCOPES)
        )
        token = client.new_token()
        client.new_secret()
        client.save()
        try:
            yield Server(url=live_server.url, token=token)
        finally:
            live_server.stop()
            _close_request_threads_connections()
            # As after a transactional test with serialized rollback: the next module
            # starts on the database as migrated. A flush alone would also empty what the
            # migrations put in (processing activities, row counts), which tests running
            # after this module rely on.
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(migrated)
            # The restored rows keep their ids; the id sequences the flush reset must
            # continue after them (as loaddata does), or the next insert collides.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                    cursor.execute(sql)


def _close_request_threads_connections() -> None:
    """Django's test server closes a request thread's database connection only when the
    client's keep-alive socket closes, which can be after the test database is dropped;
    on PostgreSQL the server's leftover sessions on this (per-worker) test database end here.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(
    params=[
        # The marker makes pytest-django create the test database; the flow itself only
        # talks HTTP (the data is the server's, emptied by live_klantbeeld).
        pytest.param("live_server", marks=pytest.mark.django_db),
        "serve",
    ]
)
def server(request: pytest.FixtureRequest) -> Server:
    """The server a flow talks to: each flow runs once on either."""
    if request.param == "serve":
        return request.getfixturevalue("served_klantbeeld")  # type: ignore[no-any-return]
    live: Server | None = request.getfixturevalue("live_klantbeeld")
    assert live is not None
    return live


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
