"""API clients: Token and ZGW JWT credentials, scopes, and who is recorded for a change."""

from __future__ import annotations

import time

import jwt
import pytest

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.domain.models import AuditTrail
from tests.klantinteracties.test_klantcontacten import KLANTCONTACT
from tests.klantinteracties.test_maak_klantcontact import BETROKKENE
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db

PERSOON = {
    "soortPartij": "persoon",
    "indicatieActief": True,
    "partijIdentificatie": {"contactnaam": {"voornaam": "Anna", "achternaam": "de Vries"}},
}


def make_client(scopes: list[str], naam: str = "App") -> tuple[ApiClientModel, str]:
    client = ApiClientModel(naam=naam, client_id=naam.lower(), scopes=scopes)
    token = client.new_token()
    client.new_secret()
    client.save()
    return client, token


def ki_with(authorization: str | None) -> ApiClient:
    return ApiClient("/klantinteracties/api/v1", authorization)


def test_no_credentials_is_a_401_problem():
    response = ki_with(None).get("partijen")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    "header",
    ["Token nietbestaand", "Token", "Bearer not-a-jwt", "Basic dXNlcjpwYXNz", "nonsense"],
)
def test_bad_credentials_are_a_401(header):
    make_client(["klantinteracties.lezen"])
    assert ki_with(header).get("partijen").status_code == 401


def test_an_inactive_client_is_refused():
    client, token = make_client(["klantinteracties.lezen"])
    client.actief = False
    client.save()
    assert ki_with(f"Token {token}").get("partijen").status_code == 401


def test_a_client_deactivated_in_the_admin_is_refused_at_once(settings):
    settings.KLANTBEELD_API_CLIENT_CACHE_SECONDS = 10
    client, token = make_client(["klantinteracties.lezen"])
    api = ki_with(f"Token {token}")
    assert api.get("partijen").status_code == 200
    client.actief = False
    client.save()
    assert api.get("partijen").status_code == 401


def test_a_client_is_looked_up_once_per_cache_period(django_assert_num_queries, settings):
    settings.KLANTBEELD_API_CLIENT_CACHE_SECONDS = 10
    _, token = make_client(["klantinteracties.lezen"])
    api = ki_with(f"Token {token}")
    api.get("partijen")
    # The page only (it is not full, so it gives the count): the client is remembered.
    with django_assert_num_queries(1):
        assert api.get("partijen").status_code == 200
    settings.KLANTBEELD_API_CLIENT_CACHE_SECONDS = 0
    with django_assert_num_queries(2):
        assert api.get("partijen").status_code == 200


def test_a_change_made_elsewhere_is_seen_after_the_cache_period(settings):
    settings.KLANTBEELD_API_CLIENT_CACHE_SECONDS = 10
    client, token = make_client(["klantinteracties.lezen"])
    api = ki_with(f"Token {token}")
    assert api.get("partijen").status_code == 200
    # As another worker process would: no signal reaches this one.
    ApiClientModel.objects.filter(pk=client.pk).update(actief=False)
    assert api.get("partijen").status_code == 200
    settings.KLANTBEELD_API_CLIENT_CACHE_SECONDS = 0
    assert api.get("partijen").status_code == 401


def test_read_scope_reads_but_does_not_write():
    _, token = make_client(["klantinteracties.lezen"])
    api = ki_with(f"Token {token}")
    assert api.get("partijen").status_code == 200
    response = api.post("partijen", PERSOON)
    assert response.status_code == 403
    assert "klantinteracties.schrijven" in response.json()["detail"]
    assert not AuditTrail.objects.exists()


def test_scopes_are_per_api():
    _, token = make_client(["contactgegevens.lezen", "contactgegevens.schrijven"])
    assert ki_with(f"Token {token}").get("partijen").status_code == 403


def _jwt(client_id: str, secret: str, **claims: object) -> str:
    payload = {"iss": client_id, "client_id": client_id, "iat": int(time.time()), **claims}
    return jwt.encode(payload, secret, algorithm="HS256")


def test_zgw_jwt_is_accepted_and_its_end_user_is_recorded():
    client, _ = make_client(["klantinteracties.lezen", "klantinteracties.schrijven"], "KISS")
    token = _jwt(
        client.client_id,
        client.secret,
        user_id="kcc-medewerker-7",
        user_representation="M. Jansen",
    )
    response = ki_with(f"Bearer {token}").post("partijen", PERSOON)
    assert response.status_code == 201, response
    audit = AuditTrail.objects.get(resource_uuid=response.json()["uuid"])
    assert (audit.applicatie, audit.gebruikers_id, audit.gebruikers_weergave) == (
        "KISS",
        "kcc-medewerker-7",
        "M. Jansen",
    )
    assert audit.actie == "create"


def test_jwt_signed_with_another_secret_is_refused():
    client, _ = make_client(["klantinteracties.lezen"])
    token = _jwt(client.client_id, "een ander geheim dat niet klopt, lang genoeg")
    assert ki_with(f"Bearer {token}").get("partijen").status_code == 401


def test_jwt_that_is_too_old_is_refused():
    client, _ = make_client(["klantinteracties.lezen"])
    token = _jwt(client.client_id, client.secret, iat=int(time.time()) - 24 * 3600)
    assert ki_with(f"Bearer {token}").get("partijen").status_code == 401


def test_jwt_without_iat_is_refused():
    client, _ = make_client(["klantinteracties.lezen"])
    token = jwt.encode({"client_id": client.client_id}, client.secret, algorithm="HS256")
    assert ki_with(f"Bearer {token}").get("partijen").status_code == 401


@pytest.mark.parametrize("iat", ["now as text", "nu", True])
def test_jwt_with_iat_that_is_not_a_number_is_refused(iat):
    if iat == "now as text":
        iat = str(int(time.time()))  # PyJWT itself accepts a text that reads as a number
    client, _ = make_client(["klantinteracties.lezen"])
    token = _jwt(client.client_id, client.secret, iat=iat)
    assert ki_with(f"Bearer {token}").get("partijen").status_code == 401


def test_jwt_of_any_age_is_accepted_when_the_age_check_is_off(settings):
    settings.KLANTBEELD_JWT_MAX_AGE = 0
    client, _ = make_client(["klantinteracties.lezen"])
    token = _jwt(client.client_id, client.secret, iat=int(time.time()) - 24 * 3600)
    assert ki_with(f"Bearer {token}").get("partijen").status_code == 200


WRITE_ONLY = ["klantinteracties.schrijven"]


def _write_only() -> ApiClient:
    _, token = make_client(WRITE_ONLY, "Schrijver")
    # The answers are cut down on purpose: they do not follow the document's shape.
    return ApiClient("/klantinteracties/api/v1", f"Token {token}", validate=False)


def test_a_write_only_client_gets_only_uuid_and_url_from_every_write(ki):
    stored = ki.post("partijen", {**PERSOON, "interneNotitie": "Zegt BSN 111222333"}).json()
    api = _write_only()
    assert api.get(f"partijen/{stored['uuid']}").status_code == 403
    receipt = {"uuid": stored["uuid"], "url": stored["url"]}
    patched = api.patch(f"partijen/{stored['uuid']}", {})
    assert (patched.status_code, patched.json()) == (200, receipt)
    replaced = api.put(f"partijen/{stored['uuid']}", {**PERSOON, "interneNotitie": "nieuw"})
    assert (replaced.status_code, replaced.json()) == (200, receipt)
    created = api.post("partijen", PERSOON)
    assert created.status_code == 201
    assert set(created.json()) == {"uuid", "url"}
    # The write happened all the same.
    assert ki.get(f"partijen/{stored['uuid']}").json()["interneNotitie"] == "nieuw"


def test_a_write_only_client_gets_only_the_references_from_maak_klantcontact(ki):
    api = _write_only()
    response = api.post(
        "maak-klantcontact",
        {"klantcontact": KLANTCONTACT, "betrokkene": BETROKKENE},
    )
    assert response.status_code == 201, response
    body = response.json()
    assert set(body["klantcontact"]) == {"uuid", "url"}
    assert set(body["betrokkene"]) == {"uuid", "url"}
    assert "Dijk" not in response.content.decode()


def test_a_client_that_reads_and_writes_gets_the_whole_object(ki):
    created = ki.post("partijen", {**PERSOON, "interneNotitie": "notitie"})
    assert created.json()["interneNotitie"] == "notitie"


def test_token_clients_pass_the_end_user_in_headers():
    _, token = make_client(["klantinteracties.lezen", "klantinteracties.schrijven"], "Portaal")
    response = ki_with(f"Token {token}").post(
        "partijen",
        PERSOON,
        headers={"X-Gebruiker-Id": "inwoner-1", "X-Gebruiker-Weergave": "A. de Vries"},
    )
    audit = AuditTrail.objects.get(resource_uuid=response.json()["uuid"])
    assert (audit.applicatie, audit.gebruikers_id) == ("Portaal", "inwoner-1")


def test_every_write_is_in_the_audit_trail_with_old_and_new_values(ki):
    created = ki.post("partijen", PERSOON).json()
    ki.patch(f"partijen/{created['uuid']}", {"interneNotitie": "VIP"})
    ki.delete(f"partijen/{created['uuid']}")
    trail = list(
        AuditTrail.objects.filter(resource_uuid=created["uuid"]).order_by("aangemaakt_op", "id")
    )
    assert [entry.actie for entry in trail] == ["create", "update", "destroy"]
    assert trail[1].oud["interne_notitie"] == ""
    assert trail[1].nieuw["interne_notitie"] == "VIP"
    assert trail[2].nieuw is None
