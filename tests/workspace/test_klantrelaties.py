"""Customer relations in the workspace: the customer view shows current relations (kind,
since, kenmerk, "via" whom, a link) and ended ones folded away; a behandelaar adds one
(a derived one through a relation found by searching, or of a partij already linked) and
ends one, with readable errors and every step logged; the search narrows to a kind; the
relation's team is proposed for follow-up."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import (
    Actor,
    Categorie,
    CategorieRelatie,
    InterneTaak,
    Partij,
    Vertegenwoordigden,
)
from klantbeeld.domain.services import categorieen
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.klantrelatie_voorbeelden import laad_voorbeeld
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.test_contact import post as contact_post
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db

BY = ChangeContext(applicatie="Test")
VANDAAG = timezone.localdate()


@pytest.fixture
def soorten() -> dict[str, Categorie]:
    laad_voorbeeld("woningcorporatie")
    return {c.naam: c for c in Categorie.objects.all()}


@pytest.fixture
def jan(soorten) -> Partij:
    jan = persoon("Jan", "Jansen", bezoekadres_postcode="1234 AB", bezoekadres_huisnummer=5)
    nummer(jan, "bsn", bsn(1))
    return jan


@pytest.fixture
def huur(jan, soorten) -> CategorieRelatie:
    return categorieen.create_categorie_relatie(
        {
            "partij": jan,
            "categorie": soorten["Huurder"],
            "begin_datum": datetime.date(2020, 3, 1),
            "kenmerk": "HO-123456",
        },
        BY,
    )


@pytest.fixture
def els() -> Partij:
    return persoon("Els", "de Boer")


def toevoegen(client: Client, partij: Partij, **velden: str):
    return client.post(
        f"/werkplek/klanten/{partij.uuid}/relaties/nieuw/", {"actie": "vastleggen", **velden}
    )


def test_the_customer_view_shows_current_and_folds_away_ended_relations(jan, huur, els, soorten):
    mede = categorieen.create_categorie_relatie(
        {"partij": els, "categorie": soorten["Medebewoner"], "via": huur}, BY
    )
    categorieen.create_categorie_relatie(
        {
            "partij": els,
            "categorie": soorten["Woningzoekende"],
            "begin_datum": datetime.date(2018, 1, 1),
            "eind_datum": datetime.date(2019, 1, 1),
            "kenmerk": "WZ-1",
        },
        BY,
    )
    page = medewerker(Rol.KCC_MEDEWERKER).get(f"/werkplek/klanten/{els.uuid}/").content.decode()
    huidig, _, beeindigd = page.partition("<details>")
    assert "<strong>Medebewoner</strong>" in huidig and "HO-123456" in huidig
    assert f'href="/werkplek/klanten/{jan.uuid}/?doel=' in huidig and "Jan Jansen" in huidig
    assert "Woningzoekende" not in huidig
    assert "1 beëindigde relatie" in beeindigd and "WZ-1" in beeindigd
    # A KCC employee sees, but may not add or end.
    assert "Relatie toevoegen" not in page and "Beëindigen" not in page
    # The huurder's view names who lives with them.
    page = medewerker(Rol.BEHANDELAAR, naam="lisa").get(f"/werkplek/klanten/{jan.uuid}/")
    assert "Via de relaties van deze klant" in page.content.decode()
    assert "Els de Boer" in page.content.decode()
    assert f"/relaties/{huur.uuid}/beeindigen/" in page.content.decode()
    # Each view logs the other partij whose name it showed.
    els_view, jan_view = Verwerkingsactie.objects.order_by("pk")
    getoond = {o.object_id: o.betrokkenheid for o in els_view.verwerkte_objecten.all()}
    assert getoond[bsn(1)] == "klantrelatie"
    getoond = {o.object_id: o.betrokkenheid for o in jan_view.verwerkte_objecten.all()}
    assert getoond[str(els.uuid)] == "klantrelatie"
    assert mede.via == huur


def test_a_kcc_employee_may_not_add_or_end(jan, huur):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert kcc.get(f"/werkplek/klanten/{jan.uuid}/relaties/nieuw/").status_code == 403
    url = f"/werkplek/klanten/{jan.uuid}/relaties/{huur.uuid}/beeindigen/"
    assert kcc.post(url, {"eind_datum": VANDAAG.isoformat()}).status_code == 403
    assert CategorieRelatie.objects.get().eind_datum is None


def test_adding_a_relation_of_its_own(jan, soorten):
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    response = toevoegen(
        lisa, jan, categorie=str(soorten["Woningzoekende"].uuid), kenmerk="WZ-7", begin_datum=""
    )
    assert response.status_code == 302, response.content.decode()
    relatie = CategorieRelatie.objects.get()
    assert (relatie.categorie, relatie.kenmerk, relatie.begin_datum) == (
        soorten["Woningzoekende"],
        "WZ-7",
        VANDAAG,
    )
    [actie] = Verwerkingsactie.objects.filter(actie_naam="Registreren")
    assert actie.handeling_naam == "Klantrelatie toevoegen" and actie.gebruiker == "lisa"
    page = lisa.get(response["Location"]).content.decode()
    assert "Relatie als woningzoekende vastgelegd." in page


def test_a_medebewoner_through_the_huurder_found_by_search(jan, huur, els, soorten):
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    url = f"/werkplek/klanten/{els.uuid}/relaties/nieuw/"
    page = lisa.get(url).content.decode()
    assert "Via de relatie van" not in page  # nobody linked yet
    gevonden = lisa.post(
        url,
        {"actie": "zoeken", "categorie": str(soorten["Medebewoner"].uuid), "zoek_bron": bsn(1)},
    ).content.decode()
    assert "Jan Jansen als huurder, sinds 01-03-2020 (HO-123456)" in gevonden
    assert f'value="{huur.uuid}"' in gevonden
    zoeken = Verwerkingsactie.objects.get(actie_naam="Zoeken")
    assert {o.object_id for o in zoeken.verwerkte_objecten.all()} >= {bsn(1)}
    response = toevoegen(
        lisa,
        els,
        categorie=str(soorten["Medebewoner"].uuid),
        via=str(huur.uuid),
        gezocht=bsn(1),
    )
    assert response.status_code == 302, response.content.decode()
    mede = CategorieRelatie.objects.get(partij=els)
    assert (mede.via, mede.kenmerk) == (huur, "HO-123456")


def test_a_source_among_the_partijen_already_linked(jan, huur, els, soorten):
    Vertegenwoordigden.objects.create(vertegenwoordigende_partij=els, vertegenwoordigde_partij=jan)
    page = medewerker(Rol.BEHANDELAAR).get(f"/werkplek/klanten/{els.uuid}/relaties/nieuw/")
    assert f'value="{huur.uuid}"' in page.content.decode()


def test_readable_errors_and_nothing_written(jan, huur, els, soorten):
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    response = toevoegen(lisa, els, categorie=str(soorten["Medebewoner"].uuid))
    assert response.status_code == 400
    page = response.content.decode()
    assert "De relatie is niet vastgelegd." in page
    assert "Een medebewoner heeft de relatie via een huurder" in page
    response = toevoegen(
        lisa, jan, categorie=str(soorten["Huurder"].uuid), begin_datum="2021-01-01"
    )
    assert response.status_code == 400
    assert "al een relatie als huurder in deze periode" in response.content.decode()
    response = toevoegen(lisa, jan, categorie="", begin_datum="gisteren")
    page = response.content.decode()
    assert "Kies de soort relatie." in page and "Vul een datum in" in page
    assert CategorieRelatie.objects.count() == 1


def test_ending_the_huurders_relation_ends_the_medebewoners(jan, huur, els, soorten):
    mede = categorieen.create_categorie_relatie(
        {"partij": els, "categorie": soorten["Medebewoner"], "via": huur}, BY
    )
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    url = f"/werkplek/klanten/{jan.uuid}/relaties/{huur.uuid}/beeindigen/"
    page = lisa.get(url).content.decode()
    assert "Deze relaties eindigen mee" in page and "Els de Boer (medebewoner)" in page
    response = lisa.post(url, {"eind_datum": "gisteren"})
    assert response.status_code == 400 and "Vul een datum in" in response.content.decode()
    response = lisa.post(url, {"eind_datum": "2019-01-01"})
    assert response.status_code == 400
    assert "De einddatum kan niet voor de begindatum liggen." in response.content.decode()
    response = lisa.post(url, {"eind_datum": VANDAAG.isoformat()})
    assert response.status_code == 302
    mede.refresh_from_db()
    assert mede.eind_datum == VANDAAG
    actie = Verwerkingsactie.objects.get(actie_naam="Wijzigen")
    assert actie.handeling_naam == "Klantrelatie beëindigen"
    assert {o.object_id for o in actie.verwerkte_objecten.all()} >= {bsn(1), str(els.uuid)}
    # Another partij's relation is not reached through this partij's address.
    other = f"/werkplek/klanten/{els.uuid}/relaties/{huur.uuid}/beeindigen/"
    assert lisa.get(other).status_code == 404


def test_the_search_narrowed_to_a_kind(jan, huur, els, soorten):
    persoon("Kim", "Jansen")
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.get("/werkplek/zoeken/").content.decode()
    assert "Alleen klanten met de relatie" in page and "Medebewoner" in page
    url = kcc.post("/werkplek/zoeken/", {"q": "jansen", "relatie": str(soorten["Huurder"].uuid)})[
        "Location"
    ]
    page = kcc.get(url).content.decode()
    assert "Jan Jansen" in page and "Kim Jansen" not in page
    assert "Alleen klanten met een lopende relatie als Huurder." in page
    url = kcc.post("/werkplek/zoeken/", {"q": "jansen", "relatie": ""})["Location"]
    page = kcc.get(url).content.decode()
    assert "Jan Jansen" in page and "Kim Jansen" in page
    categorieen.end_categorie_relatie(huur, VANDAAG, BY)
    url = kcc.post("/werkplek/zoeken/", {"q": "jansen", "relatie": str(soorten["Huurder"].uuid)})[
        "Location"
    ]
    assert "Geen klant gevonden" in kcc.get(url).content.decode()


def test_the_relations_team_is_proposed_for_follow_up(jan, huur, soorten, settings):
    settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = "0201234567"
    verhuur = Actor.objects.create(
        naam="Verhuur", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )
    categorieen.update_categorie(soorten["Huurder"], {"team": verhuur}, BY)
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    page = sanne.get(f"/werkplek/klanten/{jan.uuid}/contact/").content.decode()
    assert f'<option value="{verhuur.pk}" selected>' in page
    assert "Voorgesteld: Verhuur" in page
    response = contact_post(
        sanne, jan, toegewezen_aan=str(verhuur.pk), gevraagde_handeling="Terugbellen"
    )
    assert response.status_code == 302, response.content.decode()
    assert list(InterneTaak.objects.get().toegewezen_aan_actoren.all()) == [verhuur]
    # A customer without such a relation: no proposal.
    anders = persoon("Piet", "Puk")
    page = sanne.get(f"/werkplek/klanten/{anders.uuid}/contact/").content.decode()
    assert f'<option value="{verhuur.pk}" selected>' not in page
