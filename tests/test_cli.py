"""The ``klantbeeld`` command line: API clients for scripts, the demo banner."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from klantbeeld.api.clients.models import ALL_SCOPES, ApiClient, hash_token
from klantbeeld.cli import main
from klantbeeld.demo import print_demo_banner
from tests.support.client import ApiClient as Consumer

pytestmark = pytest.mark.django_db


def test_create_api_client_prints_a_working_authorization_header():
    out = io.StringIO()
    call_command("create_api_client", "Open Formulieren", stdout=out)
    header = out.getvalue().strip()
    assert header.startswith("Token ")
    client = ApiClient.objects.get(naam="Open Formulieren")
    # Every scope but vouching for someone's identity and the management figures, which
    # are granted by name only.
    assert client.scopes == [s for s in ALL_SCOPES if s not in {"intake.identiteit", "inzicht"}]
    assert client.token_hash == hash_token(header.removeprefix("Token "))
    assert Consumer("/klantinteracties/api/v1", header).get("partijen").status_code == 200


def test_create_api_client_again_renews_the_credentials():
    first, second = io.StringIO(), io.StringIO()
    call_command("create_api_client", "KISS", stdout=first)
    call_command("create_api_client", "KISS", "--scope", "klantinteracties.lezen", stdout=second)
    assert ApiClient.objects.filter(naam="KISS").count() == 1
    assert (
        Consumer("/klantinteracties/api/v1", first.getvalue().strip()).get("partijen").status_code
        == 401
    )
    renewed = Consumer("/klantinteracties/api/v1", second.getvalue().strip())
    assert renewed.get("partijen").status_code == 200
    assert renewed.post("partijen", {}).status_code == 403


def test_create_api_client_json_gives_jwt_credentials_too():
    out = io.StringIO()
    call_command("create_api_client", "Chatbot", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["clientId"] == "chatbot"
    assert data["authorization"] == f"Token {data['token']}"
    assert len(data["secret"]) >= 32


def test_cli_accepts_hyphenated_command_names(capsys):
    main(["create-api-client", "Portaal"])
    assert capsys.readouterr().out.startswith("Token ")


def test_demo_banner_prints_urls_and_fresh_working_credentials():
    out = io.StringIO()
    print_demo_banner("127.0.0.1", 8123, out)
    text = out.getvalue()
    assert "http://localhost:8123/klantinteracties/api/v1/" in text
    header = next(
        line.split("Authorization: ", 1)[1] for line in text.splitlines() if "API header" in line
    )
    assert Consumer("/klantinteracties/api/v1", header).get("partijen").status_code == 200
