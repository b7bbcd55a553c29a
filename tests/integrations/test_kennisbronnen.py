"""The knowledge search's external sources over real HTTP on loopback: the website by its
sitemap (standins/website.py) and the SDG product catalogue in the Objecten API
(standins/objecten.py), indexed by ``klantbeeld kennis-bijwerken`` into the one search."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from klantbeeld.domain.models import Kennisdocument
from klantbeeld.domain.services.kennis_opslag import Zoekfilter
from klantbeeld.domain.services.kennis_zoeken import zoek_kennis
from klantbeeld.integrations.website.tekst import hoofdtekst
from standins.objecten import LocalObjecten, sdg_product, seed_kennis
from standins.website import DEMO, Pagina, Website, local_website
from tests.support.objecten import objecten  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def website(settings: Any) -> Iterator[Website]:
    with local_website(per_sitemap=2) as site:
        settings.KLANTBEELD_KENNIS_SITEMAPS = f"{site.url}/sitemap.xml"
        settings.KLANTBEELD_KENNIS_WEBSITE_TIMEOUT = 3
        yield site


@pytest.fixture
def catalogus(objecten: LocalObjecten, settings: Any) -> LocalObjecten:  # noqa: F811
    settings.KLANTBEELD_KENNIS_SDG_TYPE = objecten.objecttype_url("kennisartikel")
    seed_kennis(objecten)
    return objecten


def titels(vraag: str) -> list[str]:
    return [t.document.titel for t in zoek_kennis(vraag, Zoekfilter()).treffers]


def test_the_website_is_read_by_its_sitemap_index_and_found_by_its_main_text(website, capsys):
    call_command("kennis_bijwerken", "--bron", "website")
    assert "Website: 5 pagina's gelezen, 5 nieuw" in capsys.readouterr().out
    paden = [target for _, target in website.requests]
    assert paden[:2] == ["/sitemap.xml", "/sitemap-1.xml"]  # the index, then its parts
    document = Kennisdocument.objects.get(sleutel=f"{website.url}/parkeren/vergunning")
    assert (document.bron, document.soort, document.titel) == (
        "website",
        "webpagina",
        "Parkeervergunning",
    )
    assert document.samenvatting == "Parkeervergunning aanvragen voor bewoners"
    assert document.tekst.startswith("Woont u in een gebied met betaald parkeren?")
    # Navigation, footer, scripts and the cookie notice are not the page's text.
    for rommel in ("Privacyverklaring", "dataLayer", "cookies", "Direct regelen", "Home"):
        assert rommel not in document.tekst
    assert titels("grof afval bank ophalen")[:1] == ["Grof huishoudelijk afval"]


def test_a_second_run_updates_changes_and_removes_pages_gone(website, capsys):
    call_command("kennis_bijwerken", "--bron", "website")
    website.paginas["/contact"] = Pagina("Contact", "<p>Bel ons op 14 0123 of app ons.</p>")
    del website.paginas["/nieuws/werkzaamheden-stationsplein"]
    capsys.readouterr()
    call_command("kennis_bijwerken", "--bron", "website")
    assert "4 pagina's gelezen, 0 nieuw, 1 bijgewerkt, 1 verwijderd" in capsys.readouterr().out
    assert titels("stationsplein") == []
    assert titels("app") == ["Contact"]


def test_a_page_that_fails_keeps_what_the_index_had_and_a_sitemap_that_fails_keeps_all(
    website, capsys
):
    call_command("kennis_bijwerken", "--bron", "website")
    website.failing["/burgerzaken/verhuizen"] = 503
    call_command("kennis_bijwerken", "--bron", "website")
    assert "1 niet gelezen" in capsys.readouterr().out
    assert titels("verhuizing")[:1] == ["Verhuizing doorgeven"]
    website.failing["/sitemap.xml"] = 500
    with pytest.raises(CommandError, match="HTTP 500"):
        call_command("kennis_bijwerken", "--bron", "website")
    assert Kennisdocument.objects.filter(bron="website").count() == len(DEMO)


def test_the_sdg_catalogue_is_indexed_from_the_objecten_api(catalogus, capsys):
    call_command("kennis_bijwerken", "--bron", "sdg")
    assert "SDG-productencatalogus: 3 producten, 3 nieuw" in capsys.readouterr().out
    [document] = Kennisdocument.objects.filter(titel="Gehandicaptenparkeerkaart aanvragen")
    assert (document.bron, document.soort, document.trefwoorden) == (
        "sdg",
        "product",
        "Gehandicaptenparkeerkaart",
    )
    assert document.samenvatting.startswith("Heeft u een ziekte of handicap")
    assert "<strong>" not in document.samenvatting
    assert "Kosten\nDe medische keuring kost € 75." in document.tekst
    assert titels("woonboot ligplaats") == ["Ligplaats voor een woonboot"]
    # A product withdrawn from the catalogue leaves the index.
    del catalogus.objects[sdg_product("Ligplaatsvergunning", "", "")["uuid"]]
    call_command("kennis_bijwerken", "--bron", "sdg")
    assert titels("woonboot") == []


def test_a_catalogue_that_cannot_be_read_keeps_the_index(catalogus):
    call_command("kennis_bijwerken", "--bron", "sdg")
    catalogus.failing = 503
    with pytest.raises(CommandError, match="SDG-productencatalogus: Objecten API"):
        call_command("kennis_bijwerken")
    assert Kennisdocument.objects.filter(bron="sdg").count() == 3


def test_without_configuration_only_what_is_asked_for_is_an_error(settings):
    settings.KLANTBEELD_KENNIS_SITEMAPS = ""
    settings.KLANTBEELD_KENNIS_SDG_TYPE = ""
    call_command("kennis_bijwerken")  # nothing configured, nothing asked: fine
    with pytest.raises(CommandError, match="KLANTBEELD_KENNIS_SITEMAPS"):
        call_command("kennis_bijwerken", "--bron", "website")


def test_main_text_of_a_page_without_main():
    pagina = hoofdtekst(
        "<html><head><title>Afval | Gemeente</title></head><body><nav>Menu</nav>"
        "<article><p>Zet de container<br>buiten.</p></article><footer>Voet</footer></body>"
    )
    assert (pagina.titel, pagina.tekst) == ("Afval", "Zet de container\nbuiten.")
