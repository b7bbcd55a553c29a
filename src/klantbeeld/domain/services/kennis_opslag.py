"""Where the knowledge search finds its candidates: the database's own full-text index.

The search itself (kennis_zoeken.py) is one: the same analysis of the question, the same
typo correction and synonyms, the same ranking and snippets. A storage backend only
answers "which documents hold any of these stems, best first by its own measure", within
the viewer's filter, and is told when documents change. Two are here, chosen by the
database: SQLite's FTS5 (bm25 with column weights) and PostgreSQL's weighted tsvector
(ts_rank with a GIN index). An external engine (OpenSearch, Elasticsearch) would be a
third implementation of ``Zoekopslag``, fed by ``bijgewerkt``/``verwijderd``
(docs/kennisbank.md says what it needs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.db import connection

# The weights of title, keywords, summary and body, as kennis_zoeken.py ranks them.
GEWICHTEN = (10.0, 6.0, 3.0, 1.0)


@dataclass(frozen=True)
class Zoekfilter:
    """What the viewer may and wants to see: one kind (empty: all), and the teams they are
    in (documents for other teams are left out; None: no audience filter)."""

    soort: str = ""
    teams: frozenset[str] | None = frozenset()


class Zoekopslag(Protocol):
    def kandidaten(self, stammen: Sequence[str], filter: Zoekfilter, limiet: int) -> list[int]:
        """Ids of documents holding any of ``stammen``, best first."""
        ...

    def bijgewerkt(self, ids: Sequence[int]) -> None:
        """These documents were added or changed."""
        ...

    def verwijderd(self, ids: Sequence[int]) -> None:
        """These documents are gone."""
        ...


def _filter_sql(filter: Zoekfilter, alias: str) -> tuple[str, list[str]]:
    delen: list[str] = []
    params: list[str] = []
    if filter.soort:
        delen.append(f"{alias}.soort = %s")
        params.append(filter.soort)
    if filter.teams is not None:
        doelgroep = [f"{alias}.doelgroep = ''"]
        for team in sorted(filter.teams):
            doelgroep.append(f"{alias}.doelgroep LIKE %s")
            params.append(f"%{team}%")
        delen.append("(" + " OR ".join(doelgroep) + ")")
    return "".join(f" AND {d}" for d in delen), params


class Fts5:
    """SQLite: an FTS5 table over the analysed columns, kept by triggers."""

    def kandidaten(self, stammen: Sequence[str], filter: Zoekfilter, limiet: int) -> list[int]:
        if not stammen:
            return []
        match = " OR ".join(f'"{s}"' for s in stammen)
        extra, params = _filter_sql(filter, "d")
        gewichten = ", ".join(str(g) for g in GEWICHTEN)
        sql = (
            "SELECT d.id FROM domain_kennisdocument_fts f "
            "JOIN domain_kennisdocument d ON d.id = f.rowid "
            f"WHERE domain_kennisdocument_fts MATCH %s{extra} "
            f"ORDER BY bm25(domain_kennisdocument_fts, {gewichten}) LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params, limiet])
            return [row[0] for row in cursor.fetchall()]

    def bijgewerkt(self, ids: Sequence[int]) -> None:
        """The triggers did it."""

    def verwijderd(self, ids: Sequence[int]) -> None:
        """The triggers did it."""


class Tsvector:
    """PostgreSQL: a stored tsvector of the analysed columns, weighted A-D, in a GIN index."""

    def kandidaten(self, stammen: Sequence[str], filter: Zoekfilter, limiet: int) -> list[int]:
        if not stammen:
            return []
        vraag = " | ".join(stammen)
        extra, params = _filter_sql(filter, "d")
        # ts_rank's weights are given for D, C, B, A.
        gewichten = "{" + ",".join(str(g / GEWICHTEN[0]) for g in reversed(GEWICHTEN)) + "}"
        sql = (
            "SELECT d.id FROM domain_kennisdocument d, to_tsquery('simple', %s) q "
            f"WHERE d.zoekvector @@ q{extra} "
            "ORDER BY ts_rank(%s::float4[], d.zoekvector, q) DESC, d.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [vraag, *params, gewichten, limiet])
            return [row[0] for row in cursor.fetchall()]

    def bijgewerkt(self, ids: Sequence[int]) -> None:
        """The generated column did it."""

    def verwijderd(self, ids: Sequence[int]) -> None:
        """Nothing outside the table."""


def opslag() -> Zoekopslag:
    return Tsvector() if connection.vendor == "postgresql" else Fts5()
