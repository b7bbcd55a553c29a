"""An HTML mail body as readable plain text, for the klantcontact's ``inhoud``: paragraphs
and line breaks kept, lists as "- " lines, links with their address, quoted text marked
"> ", scripts, styles and the head left out. Built on the standard library's tolerant
parser: any tag soup gives text, never an error. (The whole HTML stays in the .eml.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose start and end break the text into blocks.
_BLOKKEN = frozenset(
    {
        "address", "article", "aside", "blockquote", "center", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
        "tbody", "thead", "tfoot", "tr", "ul",
    }
)  # fmt: skip
# Blocks that end a line without leaving an empty one after them.
_REGELS = frozenset({"li", "tr", "dt", "dd"})
# Elements whose content is not text for a reader.
_OVERSLAAN = frozenset({"head", "script", "style", "template", "title", "noscript", "svg"})
# Void elements: no end tag follows, so they never open a skipped region.
_LEEG = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"})
_SPATIES = re.compile(r"[ \t\f\v\u00a0\u200b]+")


class _Lezer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.regels: list[str] = []
        self.huidig: list[str] = []
        self.overslaan = 0
        self.pre = 0
        self.citaat = 0
        self.lijsten: list[list[int]] = []  # per open list: [next number] or [] (bullets)
        self.link: str | None = None
        self.link_tekst: list[str] = []

    # -- structure --------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _OVERSLAAN:
            self.overslaan += 1
            return
        if self.overslaan:
            return
        velden = {naam: waarde or "" for naam, waarde in attrs}
        if tag == "br":
            self._regel_af(leeg_ook=True)
        elif tag in _BLOKKEN:
            self._regel_af() if tag in _REGELS else self._blok()
            self._start_blok(tag, velden)
        elif tag in ("td", "th") and self.huidig:
            self.huidig.append("\t")
        elif tag == "a":
            self.link = velden.get("href", "").strip()
            self.link_tekst = []
        elif tag == "img":
            alt = velden.get("alt", "").strip()
            if alt:
                self._tekst(f"[{alt}] ")

    def _start_blok(self, tag: str, velden: dict[str, str]) -> None:
        if tag == "pre":
            self.pre += 1
        elif tag == "blockquote":
            self.citaat += 1
        elif tag == "ul":
            self.lijsten.append([])
        elif tag == "ol":
            try:
                begin = int(velden.get("start", "1"))
            except ValueError:
                begin = 1
            self.lijsten.append([begin])
        elif tag == "li":
            teller = self.lijsten[-1] if self.lijsten else []
            if teller:
                self.huidig.append(f"{teller[0]}. ")
                teller[0] += 1
            else:
                self.huidig.append("- ")
        elif tag == "hr":
            self.huidig.append("---")
            self._regel_af()

    def handle_endtag(self, tag: str) -> None:
        if tag in _OVERSLAAN:
            self.overslaan = max(0, self.overslaan - 1)
            return
        if self.overslaan:
            return
        if tag == "a":
            self._link_af()
        elif tag in _REGELS:
            self._regel_af()
        elif tag in _BLOKKEN:
            self._regel_af()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            elif tag == "blockquote":
                self.citaat = max(0, self.citaat - 1)
                if self.regels and not self.regels[-1].strip(" >"):
                    self.regels.pop()  # the quote's own empty last line
            elif tag in ("ul", "ol") and self.lijsten:
                self.lijsten.pop()
            self._blok()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _LEEG:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.overslaan:
            return
        if self.pre:
            for index, stuk in enumerate(data.split("\n")):
                if index:
                    self._regel_af(leeg_ook=True)
                self._tekst(stuk, letterlijk=True)
            return
        self._tekst(data)

    # -- text -------------------------------------------------------------------------------

    def _tekst(self, tekst: str, letterlijk: bool = False) -> None:
        if not letterlijk:
            tekst = _SPATIES.sub(" ", tekst.replace("\r", " ").replace("\n", " "))
            if not self.huidig or self.huidig[-1].endswith((" ", "\t", "- ", ". ")):
                tekst = tekst.lstrip(" ")
        if not tekst:
            return
        self.huidig.append(tekst)
        if self.link is not None:
            self.link_tekst.append(tekst)

    def _link_af(self) -> None:
        doel, tekst = self.link or "", "".join(self.link_tekst).strip()
        self.link = None
        if not doel or doel.startswith(("#", "cid:", "javascript:")):
            return
        kaal = doel.removeprefix("mailto:")
        if kaal != tekst and doel != tekst:
            self.huidig.append(f" ({kaal})")

    def _regel_af(self, leeg_ook: bool = False) -> None:
        regel = "".join(self.huidig).rstrip()
        self.huidig = []
        if regel or leeg_ook:
            self.regels.append("> " * self.citaat + regel if self.citaat else regel)

    def _blok(self) -> None:
        """End the line, and leave one empty line between blocks."""
        self._regel_af()
        if self.regels and self.regels[-1].strip(" >"):
            self.regels.append("> " * self.citaat if self.citaat else "")

    def tekst(self) -> str:
        self._regel_af()
        regels = [regel.rstrip() for regel in self.regels]
        tekst = "\n".join(regels)
        return re.sub(r"\n{3,}", "\n\n", tekst).strip()


def html_naar_tekst(html: str) -> str:
    lezer = _Lezer()
    try:
        lezer.feed(html)
        lezer.close()
    except (AssertionError, ValueError):  # the parser's own complaints about odd markup
        pass
    return lezer.tekst()
