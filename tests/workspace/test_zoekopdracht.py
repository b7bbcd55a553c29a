"""Issue 15: the search and its results survive the browser's Back, and what was typed (a
BSN) is in no URL: the POST keeps the search in the session under a random key and sends
the browser on to the results with only that key (POST-redirect-GET)."""

from __future__ import annotations

import pytest

from klantbeeld.demo.numbers import bsn
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan():
    jan = persoon("Jan", "Jansen", bezoekadres_straatnaam="Parkweg", bezoekadres_huisnummer=88)
    nummer(jan, "bsn", bsn(1))
    return jan


def test_a_search_leads_to_a_results_page_whose_address_holds_no_bsn(jan):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    response = kcc.post("/werkplek/zoeken/", {"q": bsn(1)})
    assert response.status_code == 303
    url = response["Location"]
    assert url.startswith("/werkplek/zoeken/?opdracht=") and bsn(1) not in url
    assert not Verwerkingsactie.objects.exists()  # nothing shown yet
    # The results page, as the browser's Back (or a reload) asks for it: shown again,
    # and logged again, as persons are shown again.
    for keer in (1, 2):
        page = kcc.get(url).content.decode()
        assert "Jan Jansen" in page and f'value="{bsn(1)}"' in page
        assert Verwerkingsactie.objects.count() == keer


def test_the_key_is_this_sessions_only(jan):
    url = medewerker(Rol.KCC_MEDEWERKER).post("/werkplek/zoeken/", {"q": "Parkweg 88"})["Location"]
    ander = medewerker(Rol.KCC_MEDEWERKER, naam="ahmed")
    page = ander.get(url).content.decode()
    assert "Jan Jansen" not in page and "niet meer bewaard" in page
    assert not Verwerkingsactie.objects.exists()


def test_the_chosen_purpose_is_kept_with_the_search(jan):
    from klantbeeld.privacy.models import Verwerkingsactiviteit

    bezwaar = Verwerkingsactiviteit.objects.create(naam="Behandelen van bezwaarschriften")
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    url = kcc.post("/werkplek/zoeken/", {"q": "jansen", "doel": str(bezwaar.pk)})["Location"]
    page = kcc.get(url).content.decode()
    assert f'<option value="{bezwaar.pk}" selected>' in page
    assert Verwerkingsactie.objects.get().activiteit == bezwaar
    assert f"?doel={bezwaar.pk}" in page  # the customer's link carries it on


def test_the_session_keeps_the_newest_searches_only(jan):
    from klantbeeld.workspace.zoeken import MAX_OPDRACHTEN

    kcc = medewerker(Rol.KCC_MEDEWERKER)
    urls = [
        kcc.post("/werkplek/zoeken/", {"q": f"jansen {n}"})["Location"]
        for n in range(MAX_OPDRACHTEN + 1)
    ]
    assert "niet meer bewaard" in kcc.get(urls[0]).content.decode()
    assert "niet meer bewaard" not in kcc.get(urls[-1]).content.decode()


def test_an_empty_search_goes_back_to_the_empty_page():
    response = medewerker(Rol.KCC_MEDEWERKER).post("/werkplek/zoeken/", {"q": "  "})
    assert (response.status_code, response["Location"]) == (303, "/werkplek/zoeken/")


def test_htmx_keeps_no_copies_of_pages_in_the_browser(jan):
    """htmx would keep the page (results with BSNs) in the browser's storage for Back; the
    server answers Back instead. The form asks htmx to put the results page's address
    (the key) in the history."""
    page = medewerker(Rol.KCC_MEDEWERKER).get("/werkplek/zoeken/").content.decode()
    assert '"historyCacheSize": 0' in page and '"refreshOnHistoryMiss": true' in page
    assert 'hx-push-url="true"' in page
