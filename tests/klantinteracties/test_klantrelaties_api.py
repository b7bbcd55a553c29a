"""Customer relations through the Klantinteracties API: the same rules as the workspace
(a 400 naming the field, nothing written), ending a relation ends those derived from it,
Open Klant's filters on categorie names, and the standard shape unchanged (every answer
is validated against the spec; the extra fields are not served)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from klantbeeld.domain.models import Categorie, CategorieRelatie, Partij
from klantbeeld.domain.services import categorieen
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.klantrelatie_voorbeelden import laad_voorbeeld
from tests.klantinteracties.test_categorie_relaties import create, partij
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

BY = ChangeContext(applicatie="Test")
VANDAAG = timezone.localdate()


@pytest.fixture
def soorten() -> dict[str, Categorie]:
    laad_voorbeeld("woningcorporatie")
    return {c.naam: c for c in Categorie.objects.all()}


def ref(categorie: Categorie) -> dict[str, str]:
    return {"uuid": str(categorie.uuid)}


def reason(response) -> str:
    return " ".join(p["reason"] for p in response.json()["invalidParams"])


def test_the_standard_shape_is_served_without_the_extra_fields(ki, soorten):
    categorie = ki.get(f"categorieen/{soorten['Medebewoner'].uuid}").json()
    assert set(categorie) == {"uuid", "url", "naam"}
    jan = partij(ki)
    relatie = create(ki, partij=jan, categorie={"uuid": str(soorten["Huurder"].uuid)})
    assert set(relatie) == {"uuid", "url", "partij", "categorie", "beginDatum", "eindDatum"}
    assert set(relatie["categorie"]) == {"uuid", "url", "naam"}


def test_a_derived_kind_cannot_be_given_without_its_source(ki, soorten):
    jan = partij(ki)
    response = ki.post(
        "categorie-relaties",
        {"partij": {"uuid": jan["uuid"]}, "categorie": ref(soorten["Medebewoner"])},
    )
    assert invalid_names(response) == {"categorie"}
    assert "via de relatie van een huurder" in reason(response)
    assert not CategorieRelatie.objects.exists()


def test_an_inactive_kind_is_refused(ki, soorten):
    categorieen.update_categorie(soorten["Koper"], {"actief": False}, BY)
    jan = partij(ki)
    response = ki.post(
        "categorie-relaties", {"partij": {"uuid": jan["uuid"]}, "categorie": ref(soorten["Koper"])}
    )
    assert invalid_names(response) == {"categorie"}
    assert "niet meer in gebruik" in reason(response)


def test_overlap_is_refused_also_on_patch(ki, soorten):
    jan = partij(ki)
    body = {"partij": {"uuid": jan["uuid"]}, "categorie": ref(soorten["Woningzoekende"])}
    eerste = create(ki, **body, beginDatum="2024-01-01", eindDatum="2025-01-01")
    response = ki.post("categorie-relaties", {**body, "beginDatum": "2024-06-01"})
    assert invalid_names(response) == {"beginDatum"}
    tweede = create(ki, **body, beginDatum="2025-01-01")
    response = ki.patch(f"categorie-relaties/{eerste['uuid']}", {"eindDatum": "2025-02-01"})
    assert invalid_names(response) == {"beginDatum"}
    assert CategorieRelatie.objects.get(uuid=tweede["uuid"]).eind_datum is None


def test_ending_the_source_through_the_api_ends_the_derived_relation(ki, soorten):
    jan = partij(ki)
    huur = create(ki, partij=jan, categorie={"uuid": str(soorten["Huurder"].uuid)})
    els = Partij.objects.create(soort_partij="persoon", indicatie_actief=True)
    mede = categorieen.create_categorie_relatie(
        {
            "partij": els,
            "categorie": soorten["Medebewoner"],
            "via": CategorieRelatie.objects.get(uuid=huur["uuid"]),
        },
        BY,
    )
    einde = (VANDAAG + datetime.timedelta(days=1)).isoformat()
    response = ki.patch(f"categorie-relaties/{huur['uuid']}", {"eindDatum": einde})
    assert response.status_code == 200, response
    assert ki.get(f"categorie-relaties/{mede.uuid}").json()["eindDatum"] == einde
    # The derived relation keeps its source through a PUT of the standard fields.
    response = ki.put(
        f"categorie-relaties/{mede.uuid}",
        {
            "partij": {"uuid": str(els.uuid)},
            "categorie": ref(soorten["Medebewoner"]),
            "beginDatum": VANDAAG.isoformat(),
            "eindDatum": einde,
        },
    )
    assert response.status_code == 200, response
    assert CategorieRelatie.objects.get(pk=mede.pk).via_id is not None


def test_a_source_ending_before_a_derived_relation_began_is_refused(ki, soorten):
    jan = partij(ki)
    huur = create(ki, partij=jan, categorie={"uuid": str(soorten["Huurder"].uuid)})
    categorieen.create_categorie_relatie(
        {
            "partij": Partij.objects.create(soort_partij="persoon", indicatie_actief=True),
            "categorie": soorten["Medebewoner"],
            "via": CategorieRelatie.objects.get(uuid=huur["uuid"]),
            "begin_datum": VANDAAG + datetime.timedelta(days=10),
        },
        BY,
    )
    response = ki.patch(
        f"categorie-relaties/{huur['uuid']}",
        {"eindDatum": (VANDAAG + datetime.timedelta(days=5)).isoformat()},
    )
    assert invalid_names(response) == {"eindDatum"}


def test_deleting_the_source_deletes_the_derived_relation(ki, soorten):
    jan = partij(ki)
    huur = create(ki, partij=jan, categorie={"uuid": str(soorten["Huurder"].uuid)})
    mede = categorieen.create_categorie_relatie(
        {
            "partij": Partij.objects.create(soort_partij="persoon", indicatie_actief=True),
            "categorie": soorten["Medebewoner"],
            "via": CategorieRelatie.objects.get(uuid=huur["uuid"]),
        },
        BY,
    )
    assert ki.delete(f"categorie-relaties/{huur['uuid']}").status_code == 204
    assert ki.get(f"categorie-relaties/{mede.uuid}").status_code == 404


def uuids(response) -> set[str]:
    assert response.status_code == 200, response
    return {item["uuid"] for item in response.json()["results"]}


def test_partijen_by_one_or_more_categorie_names_as_open_klant(ki, soorten):
    """Open Klant splits ``categorierelatie__categorie__naam`` on commas; a partij with
    two of the names is listed once."""
    jan, piet, kees = partij(ki), partij(ki), partij(ki)
    for wie, soort in ((jan, "Huurder"), (jan, "Woningzoekende"), (piet, "Woningzoekende")):
        create(ki, partij=wie, categorie={"uuid": str(soorten[soort].uuid)})
    cases = [
        ("Huurder", {jan["uuid"]}),
        ("Woningzoekende", {jan["uuid"], piet["uuid"]}),
        ("Huurder,Woningzoekende", {jan["uuid"], piet["uuid"]}),
        ("Koper", set()),
        ("huurder", set()),  # exact, as Open Klant
    ]
    for naam, expected in cases:
        response = ki.get("partijen", {"categorierelatie__categorie__naam": naam})
        assert uuids(response) == expected, naam
        assert response.json()["count"] == len(expected)
    assert kees["uuid"] in uuids(ki.get("partijen"))


def test_categorie_relaties_by_categorie_name(ki, soorten):
    jan = partij(ki)
    huur = create(ki, partij=jan, categorie={"uuid": str(soorten["Huurder"].uuid)})
    create(ki, partij=jan, categorie={"uuid": str(soorten["Woningzoekende"].uuid)})
    assert uuids(ki.get("categorie-relaties", {"categorie__naam": "Huurder"})) == {huur["uuid"]}
