"""The organisation's website for tests and demos: a real HTTP server on loopback with
``/sitemap.xml`` (the sitemaps.org protocol 0.9, optionally split by a sitemap index) and
HTML pages as a municipal site has them: a header with navigation, the page's own text in
``<main>``, a footer, scripts and a cookie notice, so that what takes "the main text" of
these pages takes it of a real site.

It answers GET and HEAD only (405 otherwise), 404 for what it does not hold, and records
every request; a page can be made to fail (``failing``) or to be slow (``delay``).

    python -m standins.website --port 8007 --demo
"""

from __future__ import annotations

import argparse
import html
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from standins.cli import serve_until_stopped
from standins.http import LoopbackServer, Reply

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@dataclass(frozen=True)
class Pagina:
    titel: str
    inhoud: str  # the HTML of <main>
    omschrijving: str = ""
    gewijzigd: str = ""  # lastmod, YYYY-MM-DD


@dataclass
class Website:
    url: str
    paginas: dict[str, Pagina]
    # Paths per sitemap: with more than one, /sitemap.xml is an index of /sitemap-N.xml.
    per_sitemap: int = 0
    requests: list[tuple[str, str]] = field(default_factory=list)
    failing: dict[str, int] = field(default_factory=dict)
    delay: float = 0.0
    # Klantbeeld's address: every page embeds its chat widget (docs/chat.md) under a strict
    # Content-Security-Policy, as an organisation's site with the widget would.
    chat: str = ""

    def answer(self, method: str, target: str, headers: Mapping[str, str], raw: bytes) -> Reply:
        self.requests.append((method, target))
        if self.delay:
            threading.Event().wait(self.delay)
        if method not in ("GET", "HEAD"):
            return Reply(405, b"", "text/plain", {"Allow": "GET, HEAD"})
        path = urlsplit(target).path
        if path in self.failing:
            return Reply(self.failing[path], b"Storing", "text/plain")
        if path == "/sitemap.xml":
            return self._sitemap()
        if path.startswith("/sitemap-") and path.endswith(".xml"):
            deel = path.removeprefix("/sitemap-").removesuffix(".xml")
            return self._deel(int(deel)) if deel.isdigit() else _niet_gevonden()
        pagina = self.paginas.get(path)
        if pagina is None:
            return _niet_gevonden()
        if self.chat:
            return Reply(
                200,
                _pagina_html(pagina, self.chat).encode(),
                "text/html; charset=utf-8",
                _csp(self.chat),
            )
        return Reply(200, _pagina_html(pagina).encode(), "text/html; charset=utf-8")

    def _paden(self) -> list[str]:
        return sorted(self.paginas)

    def _sitemap(self) -> Reply:
        paden = self._paden()
        if not self.per_sitemap or len(paden) <= self.per_sitemap:
            return _xml(_urlset(self.url, [(p, self.paginas[p]) for p in paden]))
        aantal = (len(paden) + self.per_sitemap - 1) // self.per_sitemap
        items = "".join(
            f"<sitemap><loc>{escape(self.url)}/sitemap-{n}.xml</loc></sitemap>"
            for n in range(1, aantal + 1)
        )
        return _xml(f'<sitemapindex xmlns="{SITEMAP_NS}">{items}</sitemapindex>')

    def _deel(self, nummer: int) -> Reply:
        paden = self._paden()
        stuk = paden[(nummer - 1) * self.per_sitemap : nummer * self.per_sitemap]
        if not self.per_sitemap or nummer < 1 or not stuk:
            return _niet_gevonden()
        return _xml(_urlset(self.url, [(p, self.paginas[p]) for p in stuk]))


def _urlset(root: str, paginas: Sequence[tuple[str, Pagina]]) -> str:
    items = "".join(
        f"<url><loc>{escape(root + pad)}</loc>"
        + (f"<lastmod>{p.gewijzigd}</lastmod>" if p.gewijzigd else "")
        + "</url>"
        for pad, p in paginas
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{SITEMAP_NS}">{items}</urlset>'


def _xml(tekst: str) -> Reply:
    return Reply(200, tekst.encode(), "application/xml; charset=utf-8")


def _niet_gevonden() -> Reply:
    return Reply(404, b"<!DOCTYPE html><title>Niet gevonden</title>", "text/html; charset=utf-8")


def _csp(chat: str) -> dict[str, str]:
    # No 'unsafe-inline' anywhere: the widget must not need it.
    return {
        "Content-Security-Policy": f"default-src 'self'; script-src 'self' {chat}; "
        f"style-src 'self' {chat}; connect-src 'self' {chat} ws: wss:; img-src 'self' data:"
    }


def _pagina_html(pagina: Pagina, chat: str = "") -> str:
    titel = html.escape(pagina.titel)
    omschrijving = html.escape(pagina.omschrijving, quote=True)
    if chat:
        # A site with a strict policy has no inline script or style of its own either.
        bron = html.escape(chat, quote=True)
        kop = f'<script src="{bron}/static/chat/chat.js" defer></script>'
        widget = "<klantbeeld-chat></klantbeeld-chat>"
    else:
        kop = (
            "<script>window.dataLayer = [];</script>\n"
            "<style>body { font-family: sans-serif; }</style>"
        )
        widget = ""
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{titel} | Gemeente Voorbeeld</title>
<meta name="description" content="{omschrijving}">
{kop}
</head>
<body>
<a href="#inhoud">Naar de inhoud</a>
<header><p>Gemeente Voorbeeld</p>
<nav><ul><li><a href="/">Home</a></li><li><a href="/afval">Afval</a></li>
<li><a href="/parkeren">Parkeren</a></li><li><a href="/contact">Contact</a></li></ul></nav>
</header>
<main id="inhoud"><h1>{titel}</h1>
{pagina.inhoud}
</main>
<aside><h2>Direct regelen</h2><ul><li><a href="/afspraak">Afspraak maken</a></li></ul></aside>
<footer><p>Bel 14 0123 · Stadsplein 1 · Privacyverklaring · Cookies</p></footer>
<div class="cookiemelding">Deze website gebruikt cookies. <button>Akkoord</button></div>
<noscript>Zet JavaScript aan voor de kaart.</noscript>
{widget}
</body>
</html>
"""


# Pages of the demo site: what a municipal website says about a few products, in other
# words than the knowledge base (demo/kennisartikelen.py), as the two usually differ.
DEMO: dict[str, Pagina] = {
    "/afval/grof-huishoudelijk-afval": Pagina(
        "Grof huishoudelijk afval",
        "<p>Grof afval, zoals een oude bank of een matras, halen wij gratis bij u op. "
        "Maak online een afspraak.</p><h2>Wat mag erbij?</h2><ul><li>Meubels</li>"
        "<li>Witgoed</li><li>Tapijt, opgerold en gebonden</li></ul>",
        "Grofvuil gratis laten ophalen",
        "2026-10-01",
    ),
    "/parkeren/vergunning": Pagina(
        "Parkeervergunning",
        "<p>Woont u in een gebied met betaald parkeren? Dan kunt u een parkeervergunning "
        "aanvragen. U doet dit met DigiD.</p><h2>Kosten</h2><p>De vergunning kost € 65 per "
        "jaar.</p>",
        "Parkeervergunning aanvragen voor bewoners",
        "2026-09-12",
    ),
    "/burgerzaken/verhuizen": Pagina(
        "Verhuizing doorgeven",
        "<p>Gaat u verhuizen? Geef uw nieuwe adres door binnen 5 dagen na uw verhuizing. "
        "Dat kan al 4 weken van tevoren.</p>",
        "Uw verhuizing online doorgeven",
    ),
    "/nieuws/werkzaamheden-stationsplein": Pagina(
        "Werkzaamheden Stationsplein",
        "<p>Van 3 tot en met 21 maart is het Stationsplein afgesloten voor autoverkeer. "
        "Bussen rijden een andere route.</p>",
        "Stationsplein afgesloten in maart",
        "2026-11-20",
    ),
    "/contact": Pagina(
        "Contact",
        "<p>U kunt ons bellen op 14 0123, op werkdagen van 8.30 tot 17.00 uur.</p>",
    ),
}


@contextmanager
def local_website(
    paginas: Mapping[str, Pagina] | None = None,
    *,
    per_sitemap: int = 0,
    host: str = "127.0.0.1",
    port: int = 0,
    chat: str = "",
) -> Iterator[Website]:
    """The website on ``host:port`` (0: a free port) for the length of the block; with
    ``chat`` (Klantbeeld's address) its pages carry the chat widget."""
    server = LoopbackServer(host, port)
    site = Website(
        server.url, dict(DEMO if paginas is None else paginas), per_sitemap, chat=chat.rstrip("/")
    )
    with server.serving(site.answer, lambda message: Reply(500, message.encode(), "text/plain")):
        yield site


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m standins.website",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8007)
    parser.add_argument("--demo", action="store_true", help="serve the demo pages")
    parser.add_argument("--chat", default="", help="Klantbeeld's address: embed its chat widget")
    options = parser.parse_args(argv)

    def serve() -> AbstractContextManager[Website]:
        return local_website(
            DEMO if options.demo else {}, host=options.host, port=options.port, chat=options.chat
        )

    def ready(site: Website) -> None:
        print(
            f"Lokale website op {site.url}/sitemap.xml ({len(site.paginas)} pagina's)", flush=True
        )

    return serve_until_stopped(serve, ready)


if __name__ == "__main__":
    raise SystemExit(main())
