"""What a person is told about the processings of their data (privacy/inzage.py): the
workspace's look-ups with team and processing activity, never the employee; only their
own records; a period; confidential ones without details; their own look-ups marked."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, Partij
from klantbeeld.domain.services.identiteit import Identiteit
from klantbeeld.portal.identiteit import Ingelogde, Middel
from klantbeeld.portal.niveaus import Niveau
from klantbeeld.portal.verwerkingen import log_inzage
from klantbeeld.privacy.inzage import kenmerken_van, verwerkingen_van
from klantbeeld.privacy.models import Uitvoering, Verwerkingsactie, Verwerkingsactiviteit
from klantbeeld.privacy.verwerkingen import log_verwerking
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.test_opvolging import lid
from tests.workspace.test_zoeken import ZOEKEN_STANDAARD, medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _telefoon(settings: Any) -> None:
    settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = "0201234567"
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Ons Dorp"


@pytest.fixture
def jan() -> Partij:
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    return jan


@pytest.fixture
def marie() -> Partij:
    marie = persoon("Marie", "Pieters")
    nummer(marie, "bsn", bsn(2))
    return marie


def team(naam: str) -> Actor:
    return Actor.objects.create(
        naam=naam, soort_actor="organisatorische_eenheid", indicatie_actief=True
    )


def sanne() -> Any:
    """A KCC employee with a name, signed in to the workspace, in the KCC team."""
    client = medewerker(Rol.KCC_MEDEWERKER)
    User.objects.filter(username="sanne").update(first_name="Sanne", last_name="de Vries")
    lid(client, team("Klantcontactcentrum"))
    return client


def activiteit() -> Verwerkingsactiviteit:
    return Verwerkingsactiviteit.objects.get(naam=ZOEKEN_STANDAARD)


def test_a_workspace_look_up_shows_the_team_and_activity_never_the_employee(jan, marie):
    kcc = sanne()
    assert kcc.get(f"/werkplek/klanten/{jan.uuid}/").status_code == 200

    [verwerking] = verwerkingen_van(kenmerken_van(jan, bsn(1)))
    assert verwerking.eenheid == "Klantcontactcentrum"
    assert verwerking.activiteit == ZOEKEN_STANDAARD
    assert (verwerking.actie, verwerking.handeling) == ("Raadplegen", "Klantbeeld bekijken")
    assert verwerking.uitgevoerd_door == Uitvoering.ORGANISATIE
    assert "naam" in verwerking.soorten_gegevens
    assert not verwerking.vertrouwelijk
    # The log holds the employee (accountability); what the person is told does not.
    [actie] = Verwerkingsactie.objects.all()
    assert (actie.gebruiker, actie.uitvoerder) == ("sanne", "Sanne de Vries")
    verteld = str(verwerking.als_dict())
    assert "sanne" not in verteld.lower() and "Vries" not in verteld
    # Another person's log is not this person's.
    assert verwerkingen_van(kenmerken_van(marie, bsn(2))) == []


def test_an_employee_in_no_team_is_shown_as_the_organisation(jan):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    kcc.get(f"/werkplek/klanten/{jan.uuid}/")
    [verwerking] = verwerkingen_van(kenmerken_van(jan, bsn(1)))
    assert verwerking.eenheid == "Gemeente Ons Dorp"
    assert Verwerkingsactie.objects.get().organisatie_eenheid == ""


def test_the_team_is_the_one_at_the_time_of_the_look_up(jan):
    kcc = sanne()
    kcc.get(f"/werkplek/klanten/{jan.uuid}/")
    # Sanne moves to another team afterwards: the earlier look-up stays the KCC's.
    from klantbeeld.domain.models import Teamlid

    Teamlid.objects.all().delete()
    lid(kcc, team("Vergunningen"))
    kcc.get(f"/werkplek/klanten/{jan.uuid}/")
    eenheden = [v.eenheid for v in verwerkingen_van(kenmerken_van(jan, bsn(1)))]
    assert eenheden == ["Vergunningen", "Klantcontactcentrum"]


def test_only_the_persons_own_records_and_objects(jan, marie):
    # One search showed both: each sees the search, with only their own kinds of data.
    log_verwerking(
        actie="Zoeken",
        handeling="Klant zoeken",
        activiteit=activiteit(),
        gebruiker="sanne",
        partijen=[jan, marie],
        soorten_gegevens=["naam", "adres"],
    )
    log_verwerking(
        actie="Raadplegen",
        handeling="Klantbeeld bekijken",
        activiteit=activiteit(),
        gebruiker="sanne",
        partijen=[marie],
        soorten_gegevens=["naam", "klantcontacten"],
        ook_getoond=[(jan, "vertegenwoordiger")],
    )
    [beeld, zoeken] = verwerkingen_van(kenmerken_van(jan, bsn(1)))
    assert zoeken.handeling == "Klant zoeken"
    # On Marie's page Jan's name was shown as her representative: his data, told as such.
    assert (beeld.soorten_gegevens, beeld.betrokkenheid) == (("naam",), "vertegenwoordiger")
    assert bsn(2) not in str([beeld.als_dict(), zoeken.als_dict()])
    assert len(verwerkingen_van(kenmerken_van(marie, bsn(2)))) == 2
    assert verwerkingen_van(kenmerken_van(None, bsn(3))) == []


def test_records_from_before_the_partij_had_a_bsn_are_found_by_its_uuid():
    piet = persoon("Piet", "Zonder")
    log_verwerking(
        actie="Raadplegen",
        handeling="Klantbeeld bekijken",
        activiteit=activiteit(),
        gebruiker="sanne",
        partijen=[piet],
        soorten_gegevens=["naam"],
    )
    nummer(piet, "bsn", bsn(4))
    assert len(verwerkingen_van(kenmerken_van(piet, bsn(4)))) == 1
    # Only BSN known (no partij): the uuid record is not found, nor anyone else's.
    assert verwerkingen_van(kenmerken_van(None, bsn(4))) == []


def test_an_organisation_has_no_log():
    bakkerij = Partij.objects.create(soort_partij="organisatie", indicatie_actief=True, naam="B")
    assert kenmerken_van(bakkerij) == []
    assert verwerkingen_van([]) == []


def test_a_period_includes_both_days(jan):
    nu = timezone.localtime()
    for dagen in (0, 3, 10):
        actie = log_verwerking(
            actie="Raadplegen",
            handeling=f"{dagen} dagen geleden",
            activiteit=activiteit(),
            gebruiker="sanne",
            partijen=[jan],
            soorten_gegevens=["naam"],
        )
        assert actie is not None
        _zet_tijdstip(actie, nu - datetime.timedelta(days=dagen))
    kenmerken = kenmerken_van(jan, bsn(1))
    dag = nu.date()

    def handelingen(**periode: Any) -> list[str]:
        return [v.handeling for v in verwerkingen_van(kenmerken, **periode)]

    assert handelingen() == ["0 dagen geleden", "3 dagen geleden", "10 dagen geleden"]
    assert handelingen(van=dag - datetime.timedelta(days=3)) == [
        "0 dagen geleden",
        "3 dagen geleden",
    ]
    assert handelingen(
        van=dag - datetime.timedelta(days=10), tot_en_met=dag - datetime.timedelta(days=3)
    ) == ["3 dagen geleden", "10 dagen geleden"]
    assert handelingen(tot_en_met=dag - datetime.timedelta(days=11)) == []


def _zet_tijdstip(actie: Verwerkingsactie, tijdstip: datetime.datetime) -> None:
    """The application never changes the log; the test puts a moment in the past."""
    Verwerkingsactie._base_manager.filter(pk=actie.pk).update(tijdstip=tijdstip)


def test_a_confidential_processing_is_told_without_details(jan):
    log_verwerking(
        actie="Raadplegen",
        handeling="Vertrouwelijk contact over schuldhulp bekijken",
        activiteit=activiteit(),
        gebruiker="sanne",
        partijen=[jan],
        soorten_gegevens=["klantcontacten"],
        vertrouwelijk=True,
        organisatie_eenheid="Schuldhulpverlening",
    )
    [verwerking] = verwerkingen_van(kenmerken_van(jan, bsn(1)))
    assert verwerking.vertrouwelijk
    assert verwerking.activiteit == ZOEKEN_STANDAARD
    assert verwerking.tijdstip is not None
    assert (verwerking.actie, verwerking.handeling, verwerking.eenheid) == ("", "", "")
    assert verwerking.soorten_gegevens == ()
    assert "schuldhulp" not in str(verwerking.als_dict()).lower()


def test_the_persons_own_look_ups_are_marked_as_theirs(jan):
    zelf = Ingelogde(middel=Middel.DIGID, klant=Identiteit(bsn=bsn(1)), niveau=Niveau.MIDDEN)
    namens = Ingelogde(
        middel=Middel.DIGID,
        klant=Identiteit(bsn=bsn(1)),
        niveau=Niveau.MIDDEN,
        gemachtigde=Identiteit(bsn=bsn(5)),
    )
    log_inzage(zelf, handeling="Mijn gegevens", soorten_gegevens=["naam"], vertrouwelijk=True)
    log_inzage(namens, handeling="Mijn zaken", soorten_gegevens=["zaken"])
    [door_gemachtigde, door_zelf] = verwerkingen_van(kenmerken_van(jan, bsn(1)))
    assert door_gemachtigde.uitgevoerd_door == Uitvoering.GEMACHTIGDE
    assert door_zelf.uitgevoerd_door == Uitvoering.BETROKKENE
    # What they did themselves is never withheld, and has no team.
    assert (door_zelf.vertrouwelijk, door_zelf.handeling, door_zelf.eenheid) == (
        False,
        "Mijn gegevens",
        "",
    )
    # The gemachtigde's BSN (in the log's gebruiker) is not told.
    assert bsn(5) not in str(door_gemachtigde.als_dict())
