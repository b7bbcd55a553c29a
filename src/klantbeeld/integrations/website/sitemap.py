"""Reading the organisation's website by its sitemap.xml (sitemaps.org 0.9, a sitemap index
followed one level down): each page fetched with httpx, its main text taken
(tekst.py), as documents for the knowledge search's index. A page that fails is reported
and keeps what the index had of it; a sitemap that fails stops the reading, so a site that
is down does not empty the index."""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
from django.conf import settings

from klantbeeld.domain.models.kennis import WEBPAGINA
from klantbeeld.domain.services.kennis_index import ExternDocument
from klantbeeld.integrations.website.tekst import hoofdtekst

logger = logging.getLogger(__name__)

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# A sitemap or page larger than this is not read (a sitemap holds at most 50 MB).
MAX_BYTES = 50 * 1024 * 1024
MAX_SITEMAPS = 100
USER_AGENT = "Klantbeeld-kennisbank/1.0 (+sitemap)"


class WebsiteFout(Exception):
    """The sitemap could not be read; ``str()`` says why, for the operator."""


@dataclass
class Opgehaald:
    documenten: list[ExternDocument] = field(default_factory=list)
    # Pages that failed: their URL → why; the index keeps what it had of them.
    mislukt: dict[str, str] = field(default_factory=dict)


def sitemaps() -> list[str]:
    return [u.strip() for u in settings.KLANTBEELD_KENNIS_SITEMAPS.split(",") if u.strip()]


def haal_op(sitemap_urls: list[str], *, http: httpx.Client | None = None) -> Opgehaald:
    """Every page the sitemaps name (at most KLANTBEELD_KENNIS_WEBSITE_MAX_PAGINAS)."""
    opgehaald = Opgehaald()
    eigen = http is None
    client = http or httpx.Client(
        timeout=settings.KLANTBEELD_KENNIS_WEBSITE_TIMEOUT,
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
    )
    try:
        paginas = list(_paginas(client, sitemap_urls))[
            : settings.KLANTBEELD_KENNIS_WEBSITE_MAX_PAGINAS
        ]
        for url in dict.fromkeys(paginas):
            try:
                document = _pagina(client, url)
            except (httpx.HTTPError, ValueError) as fout:
                opgehaald.mislukt[url] = str(fout) or type(fout).__name__
                logger.warning("Kennis: pagina %s niet gelezen: %s", url, fout)
                continue
            if document is not None:
                opgehaald.documenten.append(document)
    finally:
        if eigen:
            client.close()
    return opgehaald


def _paginas(client: httpx.Client, sitemap_urls: list[str]) -> Iterator[str]:
    te_lezen = list(sitemap_urls)
    gelezen = 0
    while te_lezen and gelezen < MAX_SITEMAPS:
        url = te_lezen.pop(0)
        gelezen += 1
        wortel = _xml(client, url)
        if wortel.tag == f"{NS}sitemapindex":
            te_lezen.extend(_locs(wortel, "sitemap"))
        elif wortel.tag == f"{NS}urlset":
            yield from _locs(wortel, "url")
        else:
            raise WebsiteFout(f"{url} is geen sitemap (urlset of sitemapindex)")


def _locs(wortel: ET.Element, element: str) -> list[str]:
    return [
        (loc.text or "").strip()
        for item in wortel.iter(f"{NS}{element}")
        for loc in item.iter(f"{NS}loc")
        if (loc.text or "").strip().startswith(("http://", "https://"))
    ]


def _xml(client: httpx.Client, url: str) -> ET.Element:
    try:
        antwoord = client.get(url)
    except httpx.HTTPError as fout:
        raise WebsiteFout(f"sitemap {url} is niet bereikbaar: {fout}") from fout
    if antwoord.status_code != 200:
        raise WebsiteFout(f"sitemap {url} antwoordde met HTTP {antwoord.status_code}")
    if len(antwoord.content) > MAX_BYTES:
        raise WebsiteFout(f"sitemap {url} is groter dan 50 MB")
    try:
        return ET.fromstring(antwoord.content)
    except ET.ParseError as fout:
        raise WebsiteFout(f"sitemap {url} is geen geldige XML: {fout}") from fout


def _pagina(client: httpx.Client, url: str) -> ExternDocument | None:
    antwoord = client.get(url)
    antwoord.raise_for_status()
    if "html" not in antwoord.headers.get("content-type", ""):
        return None  # a PDF or image in the sitemap: not read as text
    if len(antwoord.content) > MAX_BYTES:
        raise ValueError("pagina groter dan 50 MB")
    pagina = hoofdtekst(antwoord.text)
    if not pagina.titel and not pagina.tekst:
        return None
    return ExternDocument(
        sleutel=url,
        soort=WEBPAGINA,
        titel=pagina.titel or url,
        samenvatting=pagina.omschrijving,
        tekst=pagina.tekst,
        url=url,
    )
