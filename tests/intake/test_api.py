"""The intake API as a whole: who may call what (scopes), its OpenAPI document, and the
command that makes an application's credentials."""

from __future__ import annotations

import io

import pytest
import yaml
from django.core.management import call_command
from django.test import Client
from openapi_spec_validator import validate

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.domain.models import Klantcontact
from tests.intake.conftest import INTAKE, PDF, IntakeClient
from tests.intake.test_brieven import brief
from tests.intake.test_formulieren import formulier, stuur
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db


def test_without_credentials_nothing_is_answered(db):
    anoniem = ApiClient(INTAKE, None)
    response = anoniem.get("contactformulieren/token")
    assert response.status_code == 401, response
    assert response.headers["WWW-Authenticate"] == "Token"


def test_each_operation_needs_its_own_scope(applicatie, kcc):
    zonder: IntakeClient = applicatie(
        "Zonder", "klantinteracties.lezen", "klantinteracties.schrijven"
    )
    scanstraat: IntakeClient = applicatie("Scanstraat", "intake.brieven")
    website: IntakeClient = applicatie("Website", "intake.formulieren")

    for client, scope in ((zonder, "intake.brieven"), (website, "intake.brieven")):
        response = client.form("brieven", "brief", brief(), {"bestand": [("a.pdf", PDF)]})
        assert response.status_code == 403, response
        assert scope in response.json()["detail"]
    for client in (zonder, scanstraat):
        assert client.get("contactformulieren/token").status_code == 403
        response = stuur(client, formulier(website))
        assert response.status_code == 403, response
        assert "intake.formulieren" in response.json()["detail"]
    assert not Klantcontact.objects.exists()


def test_the_intake_scopes_reach_no_other_api(applicatie):
    alles: IntakeClient = applicatie("Alles", "intake.brieven", "intake.formulieren")
    ki = ApiClient("/klantinteracties/api/v1", alles.authorization)
    assert ki.get("klantcontacten").status_code == 403


def test_a_zgw_jwt_is_accepted_like_in_the_other_apis(db):
    import time

    import jwt

    client = ApiClientModel(naam="DMS", client_id="dms", scopes=["intake.formulieren"])
    secret = client.new_secret()
    client.save()
    bearer = jwt.encode({"client_id": "dms", "iat": int(time.time())}, secret, algorithm="HS256")
    response = ApiClient(INTAKE, f"Bearer {bearer}").get("contactformulieren/token")
    assert response.status_code == 200, response


def test_the_served_document_is_valid_openapi_and_names_the_multipart_parts(db):
    client = Client()
    document = client.get(f"{INTAKE}/schema").json()
    validate(document)
    assert document["info"]["version"] == "1.0.0"
    brieven = document["paths"]["/brieven"]["post"]
    form = brieven["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert set(form["required"]) == {"brief", "bestand"}
    assert form["properties"]["bestand"]["contentMediaType"] == "application/octet-stream"
    assert {"200", "201", "400", "401", "403", "409", "413", "415", "503"} <= set(
        brieven["responses"]
    )
    formulieren = document["paths"]["/contactformulieren"]["post"]
    assert {"201", "200", "202", "429"} <= set(formulieren["responses"])
    assert brieven["security"] == [{"tokenAuth": []}]
    text = client.get(f"{INTAKE}/schema/openapi.yaml").content.decode()
    assert yaml.safe_load(text) == document
    assert client.get(f"{INTAKE}/schema/docs").status_code == 200


def test_create_api_client_grants_the_intake_scopes(db):
    out = io.StringIO()
    call_command(
        "create_api_client",
        "Scanstraat",
        "--scope",
        "intake.brieven",
        "--scope",
        "intake.identiteit",
        stdout=out,
    )
    client = ApiClientModel.objects.get(naam="Scanstraat")
    assert client.scopes == ["intake.brieven", "intake.identiteit"]
    assert out.getvalue().startswith("Token ")
