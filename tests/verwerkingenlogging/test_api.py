"""The verwerkingenlogging served as the VNG standard has it: inzage per person
(``/verwerkte-objecten``, without who did it) and the full records
(``/verwerkingsacties``), only for clients with the scopes, confidential records only
with their own scope. Every answer is validated against the upstream documents."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.demo.numbers import bsn
from klantbeeld.privacy import verwerkingen
from klantbeeld.privacy.models import Verwerkingsactiviteit
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import nummer, persoon
from tests.support.client import ApiClient
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db
API = "/verwerkingenlogging/api/v1"


def client(*scopes: str) -> ApiClient:
    model = ApiClientModel(
        naam=f"Client {scopes}", client_id="-".join(scopes) or "geen", scopes=list(scopes)
    )
    token = model.new_token()
    model.save()
    return ApiClient(API, f"Token {token}")


@pytest.fixture
def activiteit() -> Verwerkingsactiviteit:
    activiteit, _ = Verwerkingsactiviteit.objects.get_or_create(
        naam="Beantwoorden van vragen en verzoeken van inwoners en ondernemers",
        defaults={"standaard_voor": ["zoeken", "klantbeeld"]},
    )
    return activiteit


@pytest.fixture
def jan_en_piet(activiteit: Verwerkingsactiviteit) -> tuple[Any, Any]:
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    piet = persoon("Piet", "Pietersen")
    nummer(piet, "bsn", bsn(2))
    for partijen, vertrouwelijk, handeling in (
        ([jan], False, "Klantbeeld bekijken"),
        ([jan, piet], False, "Klant zoeken"),
        ([jan], True, "Vertrouwelijk contact vastleggen"),
    ):
        verwerkingen.log_verwerking(
            actie="Raadplegen",
            handeling=handeling,
            activiteit=activiteit,
            gebruiker="sanne",
            uitvoerder="Sanne de Vries",
            partijen=partijen,
            soorten_gegevens=("naam", "klantcontacten"),
            vertrouwelijk=vertrouwelijk,
        )
    return jan, piet


def periode(**extra: str) -> dict[str, str]:
    vandaag = timezone.localdate()
    return {
        "objecttype": "persoon",
        "soortObjectId": "BSN",
        "objectId": bsn(1),
        "beginDatum": (vandaag - datetime.timedelta(days=7)).isoformat(),
        "eindDatum": (vandaag + datetime.timedelta(days=1)).isoformat(),
        **extra,
    }


def test_inzage_shows_a_person_what_was_done_with_their_data_but_not_by_whom(jan_en_piet):
    inzage = client("verwerkingenlogging.lezen")
    response = inzage.get("verwerkte-objecten", params=periode())
    assert response.status_code == 200
    page = response.json()
    assert page["count"] == 2  # the confidential one is left out
    handelingen = [o["verwerkingsactie"]["handelingNaam"] for o in page["results"]]
    assert handelingen == ["Klant zoeken", "Klantbeeld bekijken"]  # newest first
    for obj in page["results"]:
        assert (obj["soortObjectId"], obj["objectId"]) == ("BSN", bsn(1))
        assert "gebruiker" not in obj["verwerkingsactie"]
        assert obj["verwerkteSoortenGegevens"] == [
            {"soortGegeven": "naam"},
            {"soortGegeven": "klantcontacten"},
        ]
    one = inzage.get(f"verwerkte-objecten/{page['results'][0]['verwerktObjectId']}")
    assert one.status_code == 200 and one.json() == page["results"][0]
    assert response.headers["API-version"] == "0.9.0"

    alles = client("verwerkingenlogging.lezen", "verwerkingenlogging.vertrouwelijk")
    assert alles.get("verwerkte-objecten", params=periode()).json()["count"] == 3


def test_the_period_and_the_activity_narrow_the_list(jan_en_piet, activiteit):
    inzage = client("verwerkingenlogging.lezen")
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    later = periode(beginDatum=morgen, eindDatum="2099-01-01")
    assert inzage.get("verwerkte-objecten", params=later).json()["count"] == 0
    andere = periode(verwerkingsactiviteitId="5f0bef4c-f66f-4311-84a5-19e8bf359eaf")
    assert inzage.get("verwerkte-objecten", params=andere).json()["count"] == 0
    eigen = periode(verwerkingsactiviteitId=str(activiteit.verwerkingsactiviteit_id))
    assert inzage.get("verwerkte-objecten", params=eigen).json()["count"] == 2


def test_bad_or_missing_parameters_are_explained(jan_en_piet):
    inzage = client("verwerkingenlogging.lezen")
    missing = inzage.get("verwerkte-objecten", params={"objecttype": "persoon"})
    assert missing.status_code == 400
    names = {p["name"] for p in missing.json()["invalidParams"]}
    assert {"soortObjectId", "objectId", "beginDatum", "eindDatum"} <= names
    achterstevoren = inzage.get(
        "verwerkte-objecten", params=periode(beginDatum="2026-12-01", eindDatum="2026-11-01")
    )
    assert achterstevoren.status_code == 400
    assert achterstevoren.json()["invalidParams"][0]["name"] == "eindDatum"
    ander_type = inzage.get("verwerkte-objecten", params=periode(objecttype="zaak"))
    assert ander_type.status_code == 400
    onbekend = inzage.get("verwerkte-objecten/5f089abb-7ed1-4714-92d4-1850453eda5d")
    assert onbekend.status_code == 404


def test_the_full_records_need_their_own_scope(jan_en_piet):
    inzage = client("verwerkingenlogging.lezen")
    assert inzage.get("verwerkingsacties", params=periode()).status_code == 403
    assert client().get("verwerkte-objecten", params=periode()).status_code == 403

    audit = client("verwerkingenlogging.lezen", "verwerkingenlogging.volledig")
    page = audit.get("verwerkingsacties", params=periode(objectId=bsn(2))).json()
    [actie] = page["results"]
    assert (actie["gebruiker"], actie["handelingNaam"]) == ("sanne", "Klant zoeken")
    assert sorted(o["objectId"] for o in actie["verwerkteObjecten"]) == [bsn(1), bsn(2)]
    # The inzage's link to its verwerkingsactie leads there.
    [obj] = inzage.get("verwerkte-objecten", params=periode(objectId=bsn(2))).json()["results"]
    assert obj["verwerkingsactie"]["url"].endswith(f"/verwerkingsacties/{actie['actieId']}")
    assert audit.get(obj["verwerkingsactie"]["url"]).json() == actie


def test_a_search_in_the_workspace_is_found_through_the_api(activiteit, settings):
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    medewerker(Rol.KCC_MEDEWERKER).post("/werkplek/zoeken/", {"q": bsn(1)}, follow=True)
    inzage = client("verwerkingenlogging.lezen")
    [obj] = inzage.get("verwerkte-objecten", params=periode()).json()["results"]
    assert (obj["verwerkingsactie"]["actieNaam"], obj["verwerkingsactie"]["handelingNaam"]) == (
        "Zoeken",
        "Klant zoeken",
    )


def test_a_look_at_a_secret_person_is_logged_confidential_whoever_logs_it(activiteit):
    geheim = persoon("Geert", "Geheim", indicatie_geheimhouding=True)
    gewoon = persoon("Jan", "Jansen")
    acties = [
        verwerkingen.log_verwerking(
            actie="Raadplegen",
            handeling=naam,
            activiteit=activiteit,
            gebruiker="sanne",
            soorten_gegevens=("naam",),
            **kwargs,
        )
        for naam, kwargs in (
            ("zelf", {"partijen": [geheim]}),
            ("als vertegenwoordiger", {"partijen": [gewoon], "ook_getoond": [(geheim, "x")]}),
            ("niemand geheim", {"partijen": [gewoon]}),
        )
    ]
    assert [a.vertrouwelijkheid for a in acties] == ["vertrouwelijk", "vertrouwelijk", "normaal"]
