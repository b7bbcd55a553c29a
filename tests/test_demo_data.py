"""The demo dataset is realistic, valid by the API's own rules, and repeatable."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from klantbeeld.domain.models import (
    Actor,
    DigitaalAdres,
    InterneTaak,
    Klantcontact,
    Partij,
    PartijIdentificator,
)
from klantbeeld.domain.services.digitale_adressen import validate_digitaal_adres
from klantbeeld.domain.services.partijen import validate_identificator

pytestmark = pytest.mark.django_db


def test_demo_data_fills_every_part_of_the_register(capsys):
    call_command("demo_data", "--partijen", "60")
    assert Partij.objects.count() == 60
    kinds = set(Partij.objects.values_list("soort_partij", flat=True))
    assert kinds == {"persoon", "organisatie", "contactpersoon"}
    assert Klantcontact.objects.count() == 120
    assert len(set(Klantcontact.objects.values_list("kanaal", flat=True))) >= 5
    assert InterneTaak.objects.exists()
    assert "60 partijen" in capsys.readouterr().out


def test_demo_data_obeys_the_domain_rules():
    call_command("demo_data", "--partijen", "40")
    for identificator in PartijIdentificator.objects.all():
        validate_identificator(identificator)
    for adres in DigitaalAdres.objects.all():
        validate_digitaal_adres(adres)
    numbers = list(Partij.objects.values_list("nummer", flat=True))
    assert len(set(numbers)) == 40


def test_if_empty_adds_nothing_the_second_time():
    call_command("demo_data", "--partijen", "10", "--if-empty")
    call_command("demo_data", "--partijen", "10", "--if-empty")
    assert Partij.objects.count() == 10


def test_a_second_run_adds_more_without_clashing():
    call_command("demo_data", "--partijen", "10")
    call_command("demo_data", "--partijen", "10")
    assert Partij.objects.count() == 20
    assert PartijIdentificator.objects.count() == len(
        set(PartijIdentificator.objects.values_list("partij_identificator_object_id", flat=True))
    )


def test_demo_partijen_are_served_as_the_spec_says(ki):
    call_command("demo_data", "--partijen", "30")
    page = ki.get("partijen", {"pageSize": 30, "expand": "digitaleAdressen"})
    assert page.status_code == 200, page
    assert page.json()["count"] == 30


def test_bulk_written_rows_read_back_through_every_list(ki):
    call_command("demo_data", "--partijen", "40", "--seed", "3")
    for collection, expand in (
        ("klantcontacten", "hadBetrokkenen.wasPartij,gingOverOnderwerpobjecten"),
        ("digitaleadressen", "verstrektDoorBetrokkene"),
        ("betrokkenen", "digitaleAdressen"),
        ("internetaken", None),
        ("actorklantcontacten", None),
        ("onderwerpobjecten", None),
        ("partij-identificatoren", None),
    ):
        params = {"pageSize": 100} | ({"expand": expand} if expand else {})
        page = ki.get(collection, params)
        assert page.status_code == 200, (collection, page)
        assert page.json()["count"] > 0, collection


def test_extra_employees_share_the_tasks():
    from klantbeeld.domain.models import Actor

    call_command("demo_data", "--partijen", "20", "--actoren", "50")
    assert Actor.objects.filter(naam__startswith="Medewerker ").count() == 50


def test_demo_staff_are_registered_in_their_teams_once(capsys):
    from klantbeeld.domain.models import Teamlid
    from klantbeeld.domain.services.opvolging import teams_van
    from klantbeeld.workspace.medewerkers import IDENTIFICATOR

    call_command("demo_staff", "--teams")
    call_command("demo_staff", "--teams")
    assert "Ahmed Yilmaz in team Vergunningen" in capsys.readouterr().out
    ahmed = Actor.objects.get(actoridentificator_object_id="behandelaar", **IDENTIFICATOR)
    assert [t.naam for t in teams_van(ahmed)] == ["Openbare Ruimte", "Vergunningen"]
    # The staff accounts' memberships, once (the demo's other employees are in teams too).
    assert (
        Teamlid.objects.filter(medewerker__actoridentificator_code_register="klantbeeld").count()
        == 4
    )
