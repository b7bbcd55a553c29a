"""Customer relations in the broad sense (CORA Klantrelatie): a derived relation runs
through a current relation of the kind it derives from and lies within it; ending a
relation ends those derived from it, each change announced; an inactive kind is not given
anew; one partij has no two relations of a kind at once; presets load idempotently; the
relation's team is proposed for follow-up."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from klantbeeld.domain.models import Actor, AuditTrail, Categorie, CategorieRelatie, Partij
from klantbeeld.domain.services import categorieen, klantrelaties
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.klantrelatie_voorbeelden import VOORBEELDEN, laad_voorbeeld
from klantbeeld.domain.services.opvolging import voorgestelde_opvolging
from klantbeeld.events.models import OutboxMessage, WebhookSubscription
from tests.domain.test_zoeken import persoon

pytestmark = pytest.mark.django_db

BY = ChangeContext(applicatie="Test")
VANDAAG = timezone.localdate()


def dag(dagen: int) -> datetime.date:
    return VANDAAG + datetime.timedelta(days=dagen)


@pytest.fixture
def soorten() -> dict[str, Categorie]:
    laad_voorbeeld("woningcorporatie")
    return {c.naam: c for c in Categorie.objects.all()}


def geef(partij: Partij, soort: Categorie, **changes: object) -> CategorieRelatie:
    return categorieen.create_categorie_relatie(
        {"partij": partij, "categorie": soort, **changes}, BY
    )


def codes(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, set[str]]:
    return {veld: {e.code or "" for e in fouten} for veld, fouten in error.value.error_dict.items()}


@pytest.fixture
def huur(soorten: dict[str, Categorie]) -> CategorieRelatie:
    jan = persoon("Jan", "Jansen")
    return geef(jan, soorten["Huurder"], begin_datum=dag(-400), kenmerk="HO-123456")


# -- derived relations -----------------------------------------------------------------------


def test_a_medebewoner_runs_through_the_huurders_relation(soorten, huur):
    els = persoon("Els", "Jansen")
    mede = geef(els, soorten["Medebewoner"], via=huur, begin_datum=dag(-10))
    assert mede.via == huur
    assert klantrelaties.is_current(mede)
    assert [r.pk for r in klantrelaties.relaties_van(huur.partij).afgeleid] == [mede.pk]


def test_a_derived_relation_needs_its_source(soorten):
    with pytest.raises(ValidationError) as error:
        geef(persoon("Els", "Jansen"), soorten["Medebewoner"])
    assert codes(error) == {"categorie": {"via_required"}}
    assert "via de relatie van een huurder" in error.value.messages[0]
    assert not CategorieRelatie.objects.exists()


def test_the_source_must_be_of_the_kind_derived_from(soorten):
    zoeker = geef(persoon("Piet", "Zoeker"), soorten["Woningzoekende"])
    with pytest.raises(ValidationError) as error:
        geef(persoon("Els", "Jansen"), soorten["Medebewoner"], via=zoeker)
    assert codes(error) == {"__all__": {"wrong_source"}}


def test_a_kind_that_is_not_derived_runs_through_nothing(soorten, huur):
    with pytest.raises(ValidationError) as error:
        geef(persoon("Els", "Jansen"), soorten["Woningzoekende"], via=huur)
    assert codes(error) == {"categorie": {"not_derived"}}


def test_a_partij_does_not_derive_from_itself(soorten, huur):
    with pytest.raises(ValidationError) as error:
        geef(huur.partij, soorten["Medebewoner"], via=huur)
    assert codes(error) == {"__all__": {"same_partij"}}


def test_only_through_a_current_relation(soorten, huur):
    categorieen.end_categorie_relatie(huur, dag(-1), BY)
    with pytest.raises(ValidationError) as error:
        geef(persoon("Els", "Jansen"), soorten["Medebewoner"], via=huur, begin_datum=dag(-5))
    assert codes(error) == {"__all__": {"source_ended"}}


def test_the_dates_lie_within_the_sources(soorten, huur):
    els = persoon("Els", "Jansen")
    with pytest.raises(ValidationError) as error:
        geef(els, soorten["Medebewoner"], via=huur, begin_datum=dag(-500))
    assert codes(error) == {"begin_datum": {"before_source"}}
    categorieen.update_categorie_relatie(huur, {"eind_datum": dag(30)}, BY)
    with pytest.raises(ValidationError) as error:
        geef(els, soorten["Medebewoner"], via=huur, eind_datum=dag(60))
    assert codes(error) == {"eind_datum": {"after_source"}}
    # Without an end of its own it takes the source's.
    assert geef(els, soorten["Medebewoner"], via=huur).eind_datum == dag(30)


# -- ending passes on --------------------------------------------------------------------------


def test_ending_a_relation_ends_its_derived_ones_on_the_same_date_each_announced(
    soorten, huur, settings
):
    settings.KLANTBEELD_NRC_URL = "https://notificaties.example.nl/api/v1"
    WebhookSubscription.objects.create(naam="KISS", url="https://kiss.example.nl/hook")
    els, kim = persoon("Els", "Jansen"), persoon("Kim", "Jansen")
    mede = geef(els, soorten["Medebewoner"], via=huur)
    al_weg = geef(kim, soorten["Medebewoner"], via=huur, begin_datum=dag(-20), eind_datum=dag(-5))
    OutboxMessage.objects.all().delete()

    categorieen.end_categorie_relatie(huur, VANDAAG, BY)

    mede.refresh_from_db()
    al_weg.refresh_from_db()
    assert mede.eind_datum == VANDAAG
    assert al_weg.eind_datum == dag(-5)  # ended earlier: left as it was
    assert not klantrelaties.is_current(mede)
    bijgewerkt = {
        (m.payload.get("resource") or m.payload["data"]["resource"], m.destination.split(":")[0])
        for m in OutboxMessage.objects.all()
    }
    assert bijgewerkt == {("categorierelatie", "nrc"), ("categorierelatie", "webhook")}
    updates = AuditTrail.objects.filter(actie="update", resource="categorierelatie")
    assert set(updates.values_list("resource_uuid", flat=True)) == {huur.pk, mede.pk}


def test_ending_passes_on_down_the_chain(soorten):
    """A VvE-lid's relation runs through the VvE's; a kind may derive from a derived one."""
    onderhuur = categorieen.create_categorie(
        {"naam": "Onderhuurder", "afgeleid_van": soorten["Medebewoner"]}, BY
    )
    huur = geef(persoon("Jan", "Jansen"), soorten["Huurder"], begin_datum=dag(-30))
    mede = geef(persoon("Els", "Jansen"), soorten["Medebewoner"], via=huur)
    onder = geef(persoon("Bo", "Bakker"), onderhuur, via=mede)
    categorieen.update_categorie_relatie(huur, {"eind_datum": dag(10)}, BY)
    assert CategorieRelatie.objects.get(pk=onder.pk).eind_datum == dag(10)


def test_ending_is_one_transaction(soorten, huur):
    """A derived relation that only begins after the end date: nothing is ended."""
    mede = geef(persoon("Els", "Jansen"), soorten["Medebewoner"], via=huur, begin_datum=dag(5))
    with pytest.raises(ValidationError) as error:
        categorieen.end_categorie_relatie(huur, dag(2), BY)
    assert codes(error) == {"eind_datum": {"derived_later"}}
    huur.refresh_from_db()
    mede.refresh_from_db()
    assert (huur.eind_datum, mede.eind_datum) == (None, None)


def test_a_source_keeps_its_kind_and_does_not_begin_after_its_derived(soorten, huur):
    geef(persoon("Els", "Jansen"), soorten["Medebewoner"], via=huur, begin_datum=dag(-10))
    with pytest.raises(ValidationError) as error:
        categorieen.update_categorie_relatie(huur, {"categorie": soorten["Koper"]}, BY)
    assert codes(error) == {"categorie": {"has_derived"}}
    with pytest.raises(ValidationError) as error:
        categorieen.update_categorie_relatie(huur, {"begin_datum": dag(-5)}, BY)
    assert codes(error) == {"begin_datum": {"after_derived"}}


def test_deleting_a_source_deletes_its_derived_relations_audited(soorten, huur):
    mede = geef(persoon("Els", "Jansen"), soorten["Medebewoner"], via=huur)
    beide = {huur.pk, mede.pk}
    categorieen.delete_categorie_relatie(huur, BY)
    assert not CategorieRelatie.objects.exists()
    weg = AuditTrail.objects.filter(actie="destroy").values_list("resource_uuid", flat=True)
    assert set(weg) == beide


# -- inactive kinds, overlap -------------------------------------------------------------------


def test_an_inactive_kind_is_not_given_anew_but_its_relations_can_end(soorten, huur):
    categorieen.update_categorie(soorten["Huurder"], {"actief": False}, BY)
    with pytest.raises(ValidationError) as error:
        geef(persoon("Piet", "Nieuw"), Categorie.objects.get(naam="Huurder"))
    assert codes(error) == {"categorie": {"inactive"}}
    assert "niet meer in gebruik" in error.value.messages[0]
    zoeker = geef(persoon("Piet", "Zoeker"), soorten["Woningzoekende"])
    with pytest.raises(ValidationError):
        categorieen.update_categorie_relatie(
            zoeker, {"categorie": Categorie.objects.get(naam="Huurder")}, BY
        )
    categorieen.end_categorie_relatie(huur, VANDAAG, BY)
    assert CategorieRelatie.objects.get(pk=huur.pk).eind_datum == VANDAAG


def test_no_two_relations_of_a_kind_at_once(soorten, huur):
    jan = huur.partij
    with pytest.raises(ValidationError) as error:
        geef(jan, soorten["Huurder"], begin_datum=dag(-10))
    assert codes(error) == {"begin_datum": {"overlap"}}
    assert "al een relatie als huurder" in error.value.messages[0]
    # Another kind, or the same kind after the first ended, is fine.
    geef(jan, soorten["Woningzoekende"])
    categorieen.end_categorie_relatie(huur, dag(-10), BY)
    later = geef(jan, soorten["Huurder"], begin_datum=dag(-10), kenmerk="HO-2")
    with pytest.raises(ValidationError) as error:
        categorieen.update_categorie_relatie(later, {"begin_datum": dag(-11)}, BY)
    assert codes(error) == {"begin_datum": {"overlap"}}


def test_a_kind_does_not_derive_from_itself(soorten):
    huurder = soorten["Huurder"]
    with pytest.raises(ValidationError) as error:
        categorieen.update_categorie(huurder, {"afgeleid_van": soorten["Medebewoner"]}, BY)
    assert codes(error) == {"afgeleid_van": {"circular"}}
    team = Actor.objects.create(naam="Piet", soort_actor="medewerker")
    with pytest.raises(ValidationError) as error:
        categorieen.update_categorie(huurder, {"team": team}, BY)
    assert codes(error) == {"team": {"invalid"}}


# -- presets -----------------------------------------------------------------------------------


@pytest.mark.parametrize("voorbeeld", sorted(VOORBEELDEN))
def test_a_preset_loads_once_and_keeps_what_the_administrator_changed(voorbeeld, capsys):
    call_command("klantrelaties", voorbeeld=voorbeeld)
    namen = {s.naam for s in VOORBEELDEN[voorbeeld]}
    assert set(Categorie.objects.values_list("naam", flat=True)) == namen
    eerste = Categorie.objects.order_by("volgorde").first()
    assert eerste is not None
    categorieen.update_categorie(eerste, {"omschrijving": "Eigen tekst"}, BY)
    call_command("klantrelaties", voorbeeld=voorbeeld)
    assert Categorie.objects.count() == len(namen)
    assert Categorie.objects.get(pk=eerste.pk).omschrijving == "Eigen tekst"
    assert "0 soorten toegevoegd" in capsys.readouterr().out


def test_the_housing_preset_derives_medebewoner_and_vve_lid(soorten):
    assert soorten["Medebewoner"].afgeleid_van == soorten["Huurder"]
    assert soorten["VvE-lid"].afgeleid_van == soorten["VvE"]
    assert soorten["Woningzoekende"].afgeleid_van is None


# -- routing -----------------------------------------------------------------------------------


def test_the_team_of_the_current_relation_is_proposed_for_follow_up(soorten, huur):
    verhuur = Actor.objects.create(
        naam="Verhuur", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )
    bemiddeling = Actor.objects.create(
        naam="Bemiddeling", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )
    assert voorgestelde_opvolging(huur.partij) is None
    categorieen.update_categorie(soorten["Huurder"], {"team": verhuur}, BY)
    categorieen.update_categorie(soorten["Woningzoekende"], {"team": bemiddeling}, BY)
    assert voorgestelde_opvolging(huur.partij) == verhuur
    # With two, the first in the kinds' order (Huurder before Woningzoekende in the preset).
    geef(huur.partij, soorten["Woningzoekende"])
    assert voorgestelde_opvolging(huur.partij) == verhuur
    categorieen.end_categorie_relatie(huur, VANDAAG, BY)
    assert voorgestelde_opvolging(huur.partij) == bemiddeling
    Actor.objects.filter(pk=bemiddeling.pk).update(indicatie_actief=False)
    assert voorgestelde_opvolging(huur.partij) is None
    assert voorgestelde_opvolging(None) is None
