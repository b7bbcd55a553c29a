"""``klantbeeld kennis-bijwerken``: read the knowledge search's external sources again (the
website by its sitemap, the SDG product catalogue in the Objecten API) and rebuild the
index. Run it on a schedule (docs/kennisbank.md); it exits with 1 when a source could not
be read, whose documents then stay as they were."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klantbeeld.domain.models.kennis import Bron
from klantbeeld.domain.services import kennis_index
from klantbeeld.integrations.objecten import sdg
from klantbeeld.integrations.objecten.client import ObjectenFout
from klantbeeld.integrations.website import sitemap


class Command(BaseCommand):
    help = "Index the website (sitemap) and the SDG product catalogue for the knowledge search."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bron",
            choices=["alle", Bron.WEBSITE, Bron.SDG],
            default="alle",
            help="Which source to read (default: every configured one).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bron = options["bron"]
        fouten: list[str] = []
        if bron in ("alle", Bron.WEBSITE):
            fouten += self._website(verplicht=bron == Bron.WEBSITE)
        if bron in ("alle", Bron.SDG):
            fouten += self._sdg(verplicht=bron == Bron.SDG)
        documenten = kennis_index.herbouw()
        self.stdout.write(f"Zoekindex: {documenten} documenten.")
        if fouten:
            raise CommandError("; ".join(fouten))

    def _website(self, *, verplicht: bool) -> list[str]:
        urls = sitemap.sitemaps()
        if not urls:
            return ["KLANTBEELD_KENNIS_SITEMAPS is niet ingesteld."] if verplicht else []
        try:
            opgehaald = sitemap.haal_op(urls)
        except sitemap.WebsiteFout as fout:
            return [f"Website: {fout} (de index houdt wat hij had)"]
        telling = kennis_index.vervang_bron(
            Bron.WEBSITE, opgehaald.documenten, behoud=opgehaald.mislukt
        )
        self.stdout.write(
            f"Website: {len(opgehaald.documenten)} pagina's gelezen, {telling.toegevoegd} nieuw, "
            f"{telling.bijgewerkt} bijgewerkt, {telling.verwijderd} verwijderd, "
            f"{len(opgehaald.mislukt)} niet gelezen."
        )
        for url, reden in opgehaald.mislukt.items():
            self.stderr.write(f"  niet gelezen: {url}: {reden}")
        return []

    def _sdg(self, *, verplicht: bool) -> list[str]:
        if not sdg.ingesteld_sdg():
            if verplicht:
                return ["KLANTBEELD_OBJECTEN_API_ROOT en KLANTBEELD_KENNIS_SDG_TYPE zijn nodig."]
            return []
        try:
            documenten = sdg.haal_op()
        except ObjectenFout as fout:
            return [f"SDG-productencatalogus: {fout} (de index houdt wat hij had)"]
        telling = kennis_index.vervang_bron(Bron.SDG, documenten)
        self.stdout.write(
            f"SDG-productencatalogus: {len(documenten)} producten, {telling.toegevoegd} nieuw, "
            f"{telling.bijgewerkt} bijgewerkt, {telling.verwijderd} verwijderd."
        )
        return []
