"""The knowledge base's domain: versions kept on each save of a published article, the
search index following the articles (published only), and the search's Dutch: stems,
typos, compounds, synonyms, ranking by field, audience. Runs on SQLite and on PostgreSQL
(DATABASE_URL); the storage backends' own parts are checked on each."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from klantbeeld.domain.models import (
    Actor,
    Artikel,
    Artikelversie,
    AuditTrail,
    Kennisdocument,
    Synoniemgroep,
    Zoekwoord,
)
from klantbeeld.domain.models.kennis import Status
from klantbeeld.domain.services import kennis, kennis_index, kennis_taal
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.kennis import Sectietekst, bewaar_artikel
from klantbeeld.domain.services.kennis_opslag import Zoekfilter
from klantbeeld.domain.services.kennis_zoeken import markeer, zoek_kennis

pytestmark = pytest.mark.django_db

REDACTEUR = ChangeContext(applicatie="Beheer", gebruikers_id="els", gebruikers_weergave="Els")
ALLES = Zoekfilter(teams=None)


@pytest.fixture
def eigenaar() -> Actor:
    return Actor.objects.create(naam="Burgerzaken", soort_actor="organisatorische_eenheid")


def schrijf(titel, eigenaar, *, secties=(), status=Status.GEPUBLICEERD, doelgroep=(), **velden):
    return bewaar_artikel(
        Artikel(),
        {
            "soort": velden.pop("soort", "product"),
            "titel": titel,
            "samenvatting": velden.pop("samenvatting", "Een samenvatting."),
            "eigenaar": eigenaar,
            "herzien_op": velden.pop("herzien_op", datetime.date(2030, 1, 1)),
            "status": status,
            **velden,
        },
        REDACTEUR,
        secties=[Sectietekst(k, t) for k, t in secties],
        doelgroep=list(doelgroep),
    )


def titels(vraag, filter=ALLES, **opties):
    return [t.document.titel for t in zoek_kennis(vraag, filter, **opties).treffers]


def test_each_save_of_a_published_article_keeps_the_version_it_replaced(eigenaar):
    artikel = schrijf("Paspoort aanvragen", eigenaar, status=Status.CONCEPT)
    bewaar_artikel(artikel, {"samenvatting": "Nog een concept."}, REDACTEUR)
    assert artikel.versie == 1 and not Artikelversie.objects.exists()  # drafts: no versions
    kennis.publiceer(artikel, REDACTEUR)
    assert artikel.versie == 1
    bewaar_artikel(
        artikel,
        {"samenvatting": "Op afspraak."},
        ChangeContext(applicatie="Beheer", gebruikers_weergave="Piet"),
        secties=[Sectietekst("Kosten", "€ 84,20")],
    )
    artikel.refresh_from_db()
    assert (artikel.versie, artikel.gewijzigd_door) == (2, "Piet")
    [versie] = Artikelversie.objects.all()
    assert versie.versie == 1 and versie.inhoud["samenvatting"] == "Nog een concept."
    assert versie.inhoud["secties"] == []
    assert (versie.opgeslagen_door, versie.vervangen_door) == ("Els", "Piet")
    # A save that changes nothing keeps no version.
    bewaar_artikel(artikel, {}, REDACTEUR)
    assert Artikelversie.objects.count() == 1
    assert AuditTrail.objects.filter(resource="artikel", resource_uuid=artikel.pk).count() == 5


def test_an_article_breaking_a_rule_is_refused_and_nothing_changes(eigenaar):
    medewerker = Actor.objects.create(naam="Chatbot", soort_actor="geautomatiseerde_actor")
    with pytest.raises(ValidationError) as fout:
        schrijf(" ", medewerker, samenvatting="")
    assert set(fout.value.message_dict) >= {"titel", "samenvatting", "eigenaar"}
    assert not Artikel.objects.exists() and not Kennisdocument.objects.exists()


def test_only_published_articles_are_in_the_index(eigenaar):
    artikel = schrijf("Paspoort aanvragen", eigenaar, status=Status.CONCEPT)
    assert titels("paspoort") == []
    kennis.publiceer(artikel, REDACTEUR)
    assert titels("paspoort") == ["Paspoort aanvragen"]
    bewaar_artikel(artikel, {"status": Status.CONCEPT}, REDACTEUR)
    assert titels("paspoort") == [] and not Zoekwoord.objects.filter(woord="paspoort").exists()


def test_the_words_counted_follow_changes_and_deletes(eigenaar):
    artikel = schrijf("Paspoort aanvragen", eigenaar)
    schrijf("Paspoort kwijt", eigenaar)
    assert Zoekwoord.objects.get(woord="paspoort").aantal == 2
    bewaar_artikel(artikel, {"titel": "Reisdocument aanvragen"}, REDACTEUR)
    assert Zoekwoord.objects.get(woord="paspoort").aantal == 1
    kennis.verwijder_artikel(Artikel.objects.get(titel="Paspoort kwijt"), REDACTEUR)
    assert not Zoekwoord.objects.filter(woord="paspoort").exists()
    assert titels("reisdocument") == ["Reisdocument aanvragen"]


def test_stems_typos_compounds_and_synonyms(eigenaar):
    schrijf("Vergunning voor een evenement", eigenaar)
    schrijf("Verhuizing doorgeven", eigenaar)
    schrijf("Parkeervergunning voor bewoners", eigenaar)
    schrijf("Huisvuil en minicontainers", eigenaar, samenvatting="Restafval wordt opgehaald.")
    assert titels("verhuizen")[:1] == ["Verhuizing doorgeven"]  # one stem
    assert titels("verhuisen")[:1] == ["Verhuizing doorgeven"]  # a typo
    assert titels("parkeervergunnig")[:1] == ["Parkeervergunning voor bewoners"]
    # A part of a compound finds it, below the word itself.
    assert titels("vergunning") == [
        "Vergunning voor een evenement",
        "Parkeervergunning voor bewoners",
    ]
    assert titels("kliko") == []
    Synoniemgroep.objects.create(woorden="kliko, minicontainer, vuilnisbak")
    assert titels("kliko") == ["Huisvuil en minicontainers"]


def test_short_words_are_not_corrected_but_the_word_being_typed_is_completed(eigenaar):
    schrijf("Gft en oud papier", eigenaar)
    assert titels("gfx") == []
    assert titels("pap", typend=True) == ["Gft en oud papier"]
    assert titels("pap") == []


def test_title_beats_keywords_beats_summary_beats_body(eigenaar):
    schrijf("Alpha", eigenaar, secties=[("Meer", "Over de rijbewijskeuring.")])
    schrijf("Beta", eigenaar, samenvatting="Over de rijbewijskeuring.")
    schrijf("Gamma", eigenaar, trefwoorden="rijbewijskeuring")
    schrijf("Rijbewijskeuring", eigenaar)
    assert titels("rijbewijskeuring") == ["Rijbewijskeuring", "Gamma", "Beta", "Alpha"]


def test_every_word_answered_comes_before_some(eigenaar):
    schrijf("Paspoort kwijt of gestolen", eigenaar)
    schrijf("Paspoort aanvragen", eigenaar)
    assert titels("paspoort kwijt")[0] == "Paspoort kwijt of gestolen"


def test_audience_and_kind_narrow_the_search(eigenaar):
    kcc = Actor.objects.create(naam="KCC", soort_actor="organisatorische_eenheid")
    schrijf("Paspoort instructie", eigenaar, soort="werkinstructie", doelgroep=[kcc])
    schrijf("Paspoort aanvragen", eigenaar)
    assert titels("paspoort", Zoekfilter()) == ["Paspoort aanvragen"]
    als_kcc = Zoekfilter(teams=frozenset({str(kcc.pk)}))
    assert set(titels("paspoort", als_kcc)) == {"Paspoort instructie", "Paspoort aanvragen"}
    alleen = Zoekfilter(soort="werkinstructie", teams=frozenset({str(kcc.pk)}))
    assert titels("paspoort", alleen) == ["Paspoort instructie"]


def test_snippets_hold_the_words_asked_for_marked_and_escaped(eigenaar):
    lang = " ".join(["Vul het formulier in."] * 20)
    schrijf(
        "Rijbewijs",
        eigenaar,
        samenvatting="Een <b>rijbewijs</b> vraagt u aan.",
        secties=[("Info", f"{lang} Bij verlies van het rijbewijs: melden. {lang}")],
    )
    [treffer] = zoek_kennis("verlies", ALLES).treffers
    assert "<mark>verlies</mark>" in treffer.fragment_html
    assert treffer.fragment.startswith("… ") and treffer.fragment.endswith(" …")
    assert str(markeer("<b>rijbewijs</b> & co", {"rijbewijs"})) == (
        "&lt;b&gt;<mark>rijbewijs</mark>&lt;/b&gt; &amp; co"
    )


def test_rebuild_splits_compounds_by_parts_known_later(eigenaar):
    schrijf("Afvalcontainer", eigenaar)
    schrijf("Container", eigenaar)
    assert titels("afval") == []
    schrijf("Afval", eigenaar)
    kennis_index.herbouw()
    assert titels("afval") == ["Afval", "Afvalcontainer"]


def test_feedback_and_review_dates(eigenaar):
    artikel = schrijf("Paspoort", eigenaar, herzien_op=datetime.date(2020, 1, 1))
    schrijf("Later", eigenaar)
    assert list(kennis.te_herzien()) == [artikel]
    feedback = kennis.geef_feedback(artikel, " Klopt niet. ", REDACTEUR)
    assert list(kennis.open_feedback([eigenaar.pk])) == [feedback]
    kennis.handel_feedback_af(feedback, REDACTEUR)
    assert list(kennis.open_feedback([eigenaar.pk])) == []
    with pytest.raises(ValidationError):
        kennis.geef_feedback(artikel, "x" * 2001, REDACTEUR)


def test_dutch_analysis():
    assert kennis_taal.woorden("ID-kaart café") == ["id", "kaart", "idkaart", "cafe"]
    assert kennis_taal.inhoudswoorden("Hoe kan ik mijn paspoort") == ["paspoort"]
    assert kennis_taal.afstand("kilko", "kliko", 1) == 1  # a swap is one error
    assert kennis_taal.afstand("paspoort", "rijbewijs", 2) == 3
    assert kennis_taal.stam("verhuizing") == kennis_taal.stam("verhuizen")
    assert ("door", "geven") not in set(kennis_taal.splitsingen("doorgeven"))
    assert kennis_taal.delen("parkeervergunning", {"vergun"}) == ("vergun",)
    assert kennis_taal.delen("afvalcontainer", {"afval", "container"}) == ("afval", "container")


@pytest.mark.postgres_only
def test_postgresql_keeps_a_weighted_tsvector_in_a_gin_index(eigenaar):
    if connection.vendor != "postgresql":
        pytest.skip("the tsvector backend is PostgreSQL's")
    schrijf("Paspoort aanvragen", eigenaar, trefwoorden="reisdocument")
    with connection.cursor() as cursor:
        cursor.execute("SELECT zoekvector::text FROM domain_kennisdocument")
        [(vector,)] = cursor.fetchall()
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'domain_kennisdocument_zoekvector'"
        )
        [(definitie,)] = cursor.fetchall()
    assert "'paspoort':1A" in vector and "'reisdocument':3B" in vector
    assert "gin (zoekvector)" in definitie


def test_sqlite_keeps_an_fts5_table_in_step(eigenaar):
    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 backend is SQLite's")
    artikel = schrijf("Paspoort aanvragen", eigenaar)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM domain_kennisdocument_fts "
            "WHERE domain_kennisdocument_fts MATCH 'paspoort'"
        )
        assert cursor.fetchone()[0] == 1
        kennis.verwijder_artikel(artikel, REDACTEUR)
        cursor.execute(
            "SELECT count(*) FROM domain_kennisdocument_fts "
            "WHERE domain_kennisdocument_fts MATCH 'paspoort'"
        )
        assert cursor.fetchone()[0] == 0
