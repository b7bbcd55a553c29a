"""The BI API: authorised by the API clients with the scope ``inzicht``, aggregates only,
the same suppression, problem details for bad filters, and its OpenAPI document served."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from klantbeeld.api.clients.models import DEFAULT_SCOPES, ApiClient
from klantbeeld.insight.berekenen import bereken
from tests.insight.gegevens import Register, vul

pytestmark = pytest.mark.django_db
PAD = "/inzicht/api/v1"


def sleutel(scopes: list[str]) -> str:
    client = ApiClient(naam=f"BI {scopes}", client_id=f"bi-{len(scopes)}", scopes=scopes)
    token = client.new_token()
    client.save()
    return f"Token {token}"


@pytest.fixture
def register() -> Register:
    dag = timezone.localdate() - datetime.timedelta(days=14)
    r = vul(dag)
    bereken(dag - datetime.timedelta(days=1), timezone.localdate())
    return r


def vraag(pad: str, token: str | None = None, **params: Any) -> Any:
    headers = {"HTTP_AUTHORIZATION": token} if token else {}
    return Client().get(f"{PAD}{pad}", params, **headers)


def test_without_credentials_or_with_a_bad_token_nothing_is_answered(register: Register):
    zonder = vraag("/secties/contacten")
    assert zonder.status_code in (401, 403)
    assert zonder.json()["status"] == zonder.status_code
    fout = vraag("/secties/contacten", "Token onzin")
    assert fout.status_code in (401, 403)


def test_without_the_scope_the_figures_are_refused(register: Register):
    antwoord = vraag("/secties/contacten", sleutel(["klantinteracties.lezen"]))
    assert antwoord.status_code == 403
    assert "inzicht" in antwoord.json()["detail"]


def test_the_scope_is_granted_by_name_only():
    assert "inzicht" not in DEFAULT_SCOPES


def test_a_section_with_filters(register: Register, settings: Any):
    settings.KLANTBEELD_INZICHT_MINIMUM = 1
    token = sleutel(["inzicht"])
    antwoord = vraag(
        "/secties/eerste-contact",
        token,
        vanaf=(register.dag - datetime.timedelta(days=1)).isoformat(),
        tot=(register.dag + datetime.timedelta(days=3)).isoformat(),
        kanaal="telefoon",
    )
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord["API-version"] == "1.0.0"
    data = antwoord.json()
    assert data["sectie"] == "eerste-contact" and data["minimumGroep"] == 1
    assert data["rijen"][0] == {
        "kanaal": "Telefoon",
        "inkomend": 4,
        "opgelost": 2,
        "percentage": 50.0,
        "onderdrukt": [],
    }
    lijst = vraag("/secties", token).json()
    assert "tevredenheid" in lijst["secties"]


def test_suppressed_cells_are_null_and_named(register: Register):
    data = vraag(
        "/secties/tevredenheid",
        sleutel(["inzicht"]),
        vanaf=register.dag.isoformat(),
        tot=register.dag.isoformat(),
    ).json()
    rij = data["rijen"][0]
    assert rij["nps"] is None and rij["nps_aantal"] is None
    assert set(rij["onderdrukt"]) >= {"nps", "nps_aantal", "csat", "csat_aantal"}


def test_a_team_filter_and_bad_filters_answer_with_problem_details(register: Register):
    token = sleutel(["inzicht"])
    goed = vraag("/secties/taken", token, team=str(register.belastingen.pk))
    assert goed.status_code == 200
    assert [r["team"] for r in goed.json()["rijen"]] == ["Belastingen"]
    fout = vraag("/secties/taken", token, vanaf="2026-05-02", tot="2026-05-01", team="geen-uuid")
    assert fout.status_code == 400
    namen = {p["name"] for p in fout.json()["invalidParams"]}
    assert namen == {"tot", "team"}
    assert vraag("/secties/taken", token, vanaf="gisteren").status_code == 400
    assert vraag("/secties/niets", token).status_code == 404


def test_the_openapi_document_is_served():
    from openapi_spec_validator import validate

    document = Client().get(f"{PAD}/schema").json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    assert document["info"]["title"] == "inzicht"
    assert "/secties/{sectie}" in document["paths"]
    operatie = document["paths"]["/secties/{sectie}"]["get"]
    assert operatie["security"] == [{"tokenAuth": []}]
    assert "400" in operatie["responses"]
    assert Client().get(f"{PAD}/schema/openapi.yaml").status_code == 200
    assert Client().get(f"{PAD}/schema/openapi.json").status_code == 200
