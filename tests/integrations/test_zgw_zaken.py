"""A partij's zaken, read over real HTTP from local ZGW registers: statuses, documents and
besluiten; confidentiality; several registers; registers that fail or are slow."""

from __future__ import annotations

import time

import jwt
import pytest

from klantbeeld.demo.numbers import bsn, kvk_nummer, rsin, vestigingsnummer
from klantbeeld.domain.models import Partij
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.integrations.zgw.zaken import mag_zien, zaken_van_partij
from standins.zgw import LocalZgw, local_zgw
from tests.cases.helpers import organisatie, persoon
from tests.integrations.conftest import SECRET, configure
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db


def partij(data: dict) -> Partij:
    return Partij.objects.get(uuid=data["uuid"])


def test_a_persons_zaken_with_status_history_documents_and_besluiten(zgw: LocalZgw, ki):
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    vergunning = zgw.add_zaak(
        "PARKEERVERGUNNING",
        omschrijving="Parkeervergunning Dorpsstraat",
        bsn=bsn(1),
        startdatum="2026-09-01",
        einddatum_gepland="2026-12-01",
    )
    zgw.add_status(vergunning, "In behandeling", toelichting="Aanvraag compleet")
    zgw.add_document(vergunning, "Aanvraagformulier", bestandsnaam="aanvraag.pdf")
    zgw.add_document(vergunning, "Medisch advies", vertrouwelijkheid="vertrouwelijk")
    zgw.add_besluit(vergunning, toelichting="Vergunning verleend")
    melding = zgw.add_zaak(
        "MOR", omschrijving="Losse stoeptegel", bsn=bsn(1), startdatum="2026-10-01"
    )
    zgw.add_zaak("MOR", omschrijving="Iemand anders", bsn=bsn(2))

    overzicht = zaken_van_partij(jan, max_vertrouwelijkheid="zaakvertrouwelijk")

    assert overzicht.volledig, overzicht.storingen
    assert [z.url for z in overzicht.zaken] == [melding["url"], vergunning["url"]]  # newest first
    zaak = overzicht.zaken[1]
    assert zaak.identificatie == vergunning["identificatie"]
    assert zaak.zaaktype == zgw.zaaktype("PARKEERVERGUNNING")["omschrijving"]
    assert zaak.verwachte_einddatum == "2026-12-01"
    assert zaak.status is not None and zaak.status.omschrijving == "In behandeling"
    assert zaak.status.tekst == zgw.statustype("PARKEERVERGUNNING", "In behandeling")["statustekst"]
    assert [s.toelichting for s in zaak.statussen][-1] == "Aanvraag compleet"
    assert len(zaak.statussen) == 2
    assert [d.titel for d in zaak.documenten] == ["Aanvraagformulier"]  # not the confidential one
    assert zaak.documenten[0].download.endswith("/download")
    assert [b.toelichting for b in zaak.besluiten] == ["Vergunning verleend"]
    assert zaak.besluiten[0].besluittype

    cleared = zaken_van_partij(jan, max_vertrouwelijkheid="vertrouwelijk")
    assert {d.titel for d in cleared.zaken[1].documenten} == {"Aanvraagformulier", "Medisch advies"}


def test_an_organisation_is_found_by_kvk_vestigingsnummer_and_rsin(zgw: LocalZgw, ki):
    bakker = organisatie(ki, 3, "Bakkerij De Korf", vestiging=4)
    ki.post(
        "partij-identificatoren",
        {
            "identificeerdePartij": {"uuid": bakker["uuid"]},
            "partijIdentificator": {
                "codeObjecttype": "niet_natuurlijk_persoon",
                "codeSoortObjectId": "rsin",
                "objectId": rsin(3),
                "codeRegister": "hr",
            },
        },
    )
    via_kvk = zgw.add_zaak("SUBSIDIE", omschrijving="Subsidie gevelverbetering", kvk=kvk_nummer(3))
    via_vestiging = zgw.add_zaak(
        "BEZWAAR", omschrijving="Bezwaar aanslag", vestigingsnummer=vestigingsnummer(4)
    )
    via_rsin = zgw.add_zaak("SUBSIDIE", omschrijving="Subsidie energie", rsin=rsin(3))
    zgw.add_zaak("SUBSIDIE", omschrijving="Andere onderneming", kvk=kvk_nummer(5))

    overzicht = zaken_van_partij(partij(bakker), max_vertrouwelijkheid="vertrouwelijk")

    assert overzicht.volledig, overzicht.storingen
    assert {z.url for z in overzicht.zaken} == {
        via_kvk["url"],
        via_vestiging["url"],
        via_rsin["url"],
    }


def test_a_confidential_zaak_is_not_shown_below_its_level(zgw: LocalZgw, ki):
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    zgw.add_zaak("BEZWAAR", omschrijving="Bezwaar", bsn=bsn(1), vertrouwelijkheid="vertrouwelijk")
    assert zaken_van_partij(jan, max_vertrouwelijkheid="intern").zaken == []
    assert len(zaken_van_partij(jan, max_vertrouwelijkheid="vertrouwelijk").zaken) == 1
    # The register is asked to leave them out, too.
    zaken_queries = [r for r in zgw.received if r.path.endswith("/zaken")]
    assert zaken_queries[0].query["maximaleVertrouwelijkheidaanduiding"] == ["intern"]


def test_unknown_confidentiality_counts_as_the_highest():
    assert mag_zien("openbaar", "intern")
    assert not mag_zien("geheim", "vertrouwelijk")
    assert not mag_zien("", "zeer_geheim")
    assert not mag_zien(None, "zeer_geheim")


def test_every_request_carries_a_zgw_jwt_signed_with_the_service_secret(zgw: LocalZgw, ki):
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=bsn(1))
    zaken_van_partij(jan, max_vertrouwelijkheid="openbaar")
    assert zgw.received
    for request in zgw.received:
        assert request.claims is not None, request.path
        assert request.claims["client_id"] == "klantbeeld"
        assert request.claims["iss"] == "klantbeeld"
        token = request.headers["Authorization"].removeprefix("Bearer ")
        assert jwt.get_unverified_header(token)["alg"] == "HS256"
        jwt.decode(token, SECRET, algorithms=["HS256"])  # raises when signed otherwise


def test_refused_credentials_are_reported_as_such(zgw: LocalZgw, ki):
    ZgwService.objects.update(secret="een-ander-geheim-dat-open-zaak-niet-kent")
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    overzicht = zaken_van_partij(jan, max_vertrouwelijkheid="openbaar")
    assert overzicht.zaken == []
    [storing] = overzicht.storingen
    assert storing.register == "Open Zaak zaken"
    assert "staat dit Klantbeeld niet toe (HTTP 403)" in storing.melding


def test_two_registers_are_read_and_a_failing_one_gives_a_partial_result(zgw: LocalZgw, ki):
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    hier = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=bsn(1))
    with local_zgw({"klantbeeld": SECRET}) as tweede:
        configure(tweede, naam="Regio")
        daar = tweede.add_zaak("BEZWAAR", omschrijving="Bezwaar WOZ", bsn=bsn(1))
        both = zaken_van_partij(jan, max_vertrouwelijkheid="openbaar")
        assert {z.url for z in both.zaken} == {hier["url"], daar["url"]}
        assert both.volledig

        tweede.failing = True
        partial = zaken_van_partij(jan, max_vertrouwelijkheid="openbaar")
    assert [z.url for z in partial.zaken] == [hier["url"]]
    assert not partial.volledig
    [storing] = partial.storingen
    assert storing.register == "Regio zaken"
    assert "HTTP 503" in storing.melding


def test_a_register_that_is_down_is_named(zgw: LocalZgw, ki):
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    ZgwService.objects.create(
        naam="Oud register",
        soort=Soort.ZAKEN,
        api_root="http://127.0.0.1:9/zaken/api/v1/",  # discard port: nobody listens
        client_id="klantbeeld",
        secret=SECRET,
    )
    overzicht = zaken_van_partij(jan, max_vertrouwelijkheid="openbaar")
    [storing] = overzicht.storingen
    assert storing.register == "Oud register"
    assert "niet bereikbaar" in storing.melding


def test_a_slow_register_is_given_up_on_within_its_timeout(zgw: LocalZgw, ki):
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    snel = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=bsn(1))
    with local_zgw({"klantbeeld": SECRET}) as traag:
        configure(traag, naam="Traag", timeout=0.5)
        traag.add_zaak("BEZWAAR", omschrijving="Bezwaar", bsn=bsn(1))
        traag.delay = 3.0
        start = time.monotonic()
        overzicht = zaken_van_partij(jan, max_vertrouwelijkheid="openbaar")
        took = time.monotonic() - start
    assert took < 2.0
    assert [z.url for z in overzicht.zaken] == [snel["url"]]
    [storing] = overzicht.storingen
    assert storing == storing.__class__("Traag zaken", "gaf geen antwoord binnen 0,5 s")


def test_the_whole_overview_keeps_to_its_deadline(zgw: LocalZgw, ki, settings):
    """Each request is within its own time-out, but together they would take too long: the
    zaken found are shown, with the details that did not come marked as missing."""
    settings.KLANTBEELD_ZGW_DEADLINE = 1.0
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    for n in range(3):
        zgw.add_zaak("MOR", omschrijving=f"Melding {n}", bsn=bsn(1))
    zgw.delay = 0.4
    start = time.monotonic()
    overzicht = zaken_van_partij(jan, max_vertrouwelijkheid="openbaar")
    assert time.monotonic() - start < 1.6
    assert len(overzicht.zaken) == 3
    assert not overzicht.volledig
    assert any(
        "gaf geen antwoord binnen" in s.melding for z in overzicht.zaken for s in z.storingen
    )


def test_catalogi_answers_are_remembered(zgw: LocalZgw, ki):
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    zaak = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning", bsn=bsn(1))
    zgw.add_status(zaak, "In behandeling")
    zaken_van_partij(jan, max_vertrouwelijkheid="openbaar")
    catalogi = [r for r in zgw.received if r.path.startswith("/catalogi/")]
    assert catalogi  # the status history names its statustypen
    zgw.received.clear()
    zaken_van_partij(jan, max_vertrouwelijkheid="openbaar")
    assert [r.path for r in zgw.received if r.path.startswith("/catalogi/")] == []


def test_without_a_zaken_api_the_overview_says_so(db, ki: ApiClient):
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    overzicht = zaken_van_partij(jan, max_vertrouwelijkheid="openbaar")
    assert overzicht.zaken == []
    assert [s.melding for s in overzicht.storingen] == ["er is geen Zaken API ingesteld"]


def test_a_partij_without_identificatoren_asks_nothing(zgw: LocalZgw):
    anoniem = Partij.objects.create(soort_partij="persoon", indicatie_actief=True)
    overzicht = zaken_van_partij(anoniem, max_vertrouwelijkheid="openbaar")
    assert overzicht.zaken == [] and overzicht.volledig
    assert zgw.received == []


def test_the_list_alone_costs_one_request_per_register_whatever_the_number_of_zaken(
    zgw: LocalZgw, ki
):
    """The customer view's overview (``met_details=False``) gets zaaktype and status through
    ``expand``: no request per zaak."""
    jan = partij(persoon(ki, 1, "Jan", "Jansen"))
    for n in range(6):
        zaak = zgw.add_zaak("PARKEERVERGUNNING", omschrijving=f"Vergunning {n}", bsn=bsn(1))
        zgw.add_status(zaak, "In behandeling")
    overzicht = zaken_van_partij(jan, max_vertrouwelijkheid="openbaar", met_details=False)
    assert len(overzicht.zaken) == 6 and overzicht.volledig
    assert {z.status.omschrijving for z in overzicht.zaken if z.status} == {"In behandeling"}
    assert {z.zaaktype for z in overzicht.zaken} == {"Parkeervergunning aanvragen"}
    assert [(r.method, r.path) for r in zgw.received] == [("GET", "/zaken/api/v1/zaken")]
