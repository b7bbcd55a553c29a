"""`klantbeeld serve` as in production: gunicorn on loopback, spoken to over real HTTP/1.1
connections (a too-large body, the access log, headers), and the checks that keep it from
starting with an unsafe configuration."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

API = "/klantinteracties/api/v1/partijen"
SERVE = [sys.executable, "-m", "klantbeeld.cli", "serve"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "KLANTBEELD_BASE_URL"}
    }
    return env | {
        "KLANTBEELD_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'db.sqlite3'}",
        "STATIC_ROOT": str(home / "static"),
        **extra,
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    home = tmp_path_factory.mktemp("serve")
    port = _free_port()
    log = home / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*SERVE, "--port", str(port), "--workers", "1", "--threads", "2"],
            env=_env(home),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.3)
        yield port, log
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_too_large_body_is_a_413_and_the_connection_serves_the_next_request(server):
    port, _ = server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = b'{"interneNotitie": "' + b"x" * 3_000_000 + b'"}'
    connection.request("POST", API, body=body, headers={"Content-Type": "application/json"})
    first = connection.getresponse()
    assert first.status == 413
    assert b'"status":413' in first.read()
    kept_open = first.getheader("Connection", "").lower() != "close"
    sock = connection.sock
    connection.request("GET", API)
    second = connection.getresponse()
    assert second.status == 401  # the API's own answer, not a parse of the old body
    assert b'"status":401' in second.read()
    if kept_open:
        assert connection.sock is sock  # the same connection carried both
    connection.close()


def test_no_server_header_and_the_security_headers(server):
    port, _ = server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", API)
    response = connection.getresponse()
    response.read()
    assert response.getheader("Server") is None
    assert "default-src 'self'" in response.getheader("Content-Security-Policy", "")
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Permissions-Policy")
    assert response.getheader("Referrer-Policy") == "same-origin"
    connection.close()


def test_the_access_log_escapes_control_characters(server):
    port, log = server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    forged = '127.0.0.1 [07/Dec/2026:03:00:00 +0000] "GET /admin/ HTTP/1.1" 200 0 1ms'
    path = "/werkplek/x%0A" + forged.replace(" ", "%20").replace('"', "%22") + "%1B[31m%0D"
    connection.request("GET", path)
    connection.getresponse().read()
    connection.close()
    deadline = time.monotonic() + 10
    while '"GET /werkplek/x' not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    text = log.read_text()
    [line] = [line for line in text.splitlines() if '"GET /werkplek/x' in line]
    assert "\\x0a127.0.0.1" in line and "\\x1b[31m\\x0d" in line
    assert "\\x22GET /admin/" in line
    assert not any(entry.startswith("127.0.0.1 [07/Dec/2026:03:00") for entry in text.splitlines())
    assert "\x1b" not in text


def test_serve_refuses_a_weak_secret_key_and_any_host(tmp_path):
    result = subprocess.run(
        [*SERVE, "--port", str(_free_port())],
        env=_env(tmp_path, SECRET_KEY="geheim", ALLOWED_HOSTS="*"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "klantbeeld.E001" in result.stderr and "klantbeeld.E002" in result.stderr
