"""The main text of a web page: what is in ``<main>`` (or ``<article>``, or else the whole
``<body>``), without navigation, header, footer, side bars, forms, scripts and styles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# Whose text is never the page's own.
OVERSLAAN = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "iframe",
        "object",
    }
)
# Elements that end a line of text.
BLOK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "br",
        "tr",
        "table",
        "dd",
        "dt",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "figcaption",
    }
)
LEEG = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "col", "area"})


@dataclass(frozen=True)
class Paginatekst:
    titel: str
    omschrijving: str
    tekst: str


class _Lezer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # Each open element with the part of the page it opened ("" for none).
        self.stapel: list[tuple[str, str]] = []
        self.overslaan = 0
        self.delen: dict[str, list[str]] = {"main": [], "article": [], "body": []}
        self.in_deel = {"main": 0, "article": 0, "body": 0}
        self.titel: list[str] = []
        self.in_titel = False
        self.kop: list[str] = []
        self.in_kop = False
        self.omschrijving = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        waarden = dict(attrs)
        if tag == "meta" and (waarden.get("name") or "").lower() == "description":
            self.omschrijving = (waarden.get("content") or "").strip()
        if tag in LEEG:
            if tag in BLOK:
                self._schrijf("\n")
            return
        deel = "main" if waarden.get("role") == "main" else tag
        deel = deel if deel in self.in_deel else ""
        self.stapel.append((tag, deel))
        if deel:
            self.in_deel[deel] += 1
        if tag in OVERSLAAN:
            self.overslaan += 1
        if tag == "title":
            self.in_titel = True
        if tag == "h1" and not self.kop:
            self.in_kop = True
        if tag in BLOK:
            self._schrijf("\n")

    def handle_endtag(self, tag: str) -> None:
        # An end tag closes what was left open inside it (HTML allows <p> without </p>).
        if tag not in (open_tag for open_tag, _ in self.stapel):
            return
        while self.stapel:
            open_tag, deel = self.stapel.pop()
            self._sluit(open_tag, deel)
            if open_tag == tag:
                break

    def _sluit(self, tag: str, deel: str) -> None:
        if tag in OVERSLAAN:
            self.overslaan -= 1
        if deel:
            self.in_deel[deel] -= 1
        if tag == "title":
            self.in_titel = False
        if tag == "h1":
            self.in_kop = False
        if tag in BLOK:
            self._schrijf("\n")

    def handle_data(self, data: str) -> None:
        if self.in_titel:
            self.titel.append(data)
            return
        if self.overslaan:
            return
        if self.in_kop:
            self.kop.append(data)
        self._schrijf(data)

    def _schrijf(self, tekst: str) -> None:
        for deel, diepte in self.in_deel.items():
            if diepte:
                self.delen[deel].append(tekst)


def _netjes(stukken: list[str]) -> str:
    regels = [re.sub(r"\s+", " ", regel).strip() for regel in "".join(stukken).split("\n")]
    return "\n".join(r for r in regels if r)


def hoofdtekst(html: str) -> Paginatekst:
    lezer = _Lezer()
    lezer.feed(html)
    lezer.close()
    tekst = ""
    for deel in ("main", "article", "body"):
        tekst = _netjes(lezer.delen[deel])
        if tekst:
            break
    kop = _netjes(lezer.kop)
    titel = kop or _netjes(lezer.titel).split(" | ")[0]
    if titel and tekst.startswith(titel):
        tekst = tekst[len(titel) :].lstrip("\n")
    return Paginatekst(titel=titel, omschrijving=lezer.omschrijving, tekst=tekst)
