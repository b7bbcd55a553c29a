"""The dashboards in the workspace (who sees what, filters, errors) and each section's
export as CSV and XLSX with the same filters and the same suppression."""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from typing import Any

import pytest
from django.utils import timezone

from klantbeeld.domain.models import Teamlid
from klantbeeld.insight.berekenen import bereken
from klantbeeld.workspace.roles import Rol
from tests.insight.gegevens import Register, team, vul
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture
def register() -> Register:
    dag = timezone.localdate() - datetime.timedelta(days=14)
    r = vul(dag)
    bereken(dag - datetime.timedelta(days=1), timezone.localdate())
    return r


def periode(r: Register) -> dict[str, str]:
    return {
        "periode": "eigen",
        "vanaf": (r.dag - datetime.timedelta(days=1)).isoformat(),
        "tot": (r.dag + datetime.timedelta(days=3)).isoformat(),
    }


def test_management_sees_every_section_with_table_and_chart(register: Register):
    pagina = medewerker(Rol.MANAGEMENT).get("/werkplek/inzicht/", periode(register))
    assert pagina.status_code == 200
    html = pagina.content.decode()
    for titel in (
        "Contacten per kanaal",
        "Contacten per onderwerp",
        "Opgelost in het eerste contact",
        "Taken per team",
        "Antwoordtijden per kanaal",
        "Klachten binnen de termijn",
        "Klanttevredenheid",
    ):
        assert f">{titel}</h2>" in html
    assert html.count('role="img"') == 7 and html.count("<desc ") == 7
    assert html.count("<caption") == 7
    assert 'style="' not in html and "<script>" not in html
    assert 'href="/werkplek/inzicht/"' in html  # the nav item


def test_a_kcc_employee_has_no_access_and_no_nav_item(register: Register):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert kcc.get("/werkplek/inzicht/").status_code == 403
    assert kcc.get("/werkplek/inzicht/taken.csv").status_code == 403
    assert 'href="/werkplek/inzicht/"' not in kcc.get("/werkplek/zoeken/").content.decode()


def test_a_teamleider_sees_their_own_teams_only(register: Register):
    from django.contrib.auth.models import User

    client = medewerker(Rol.TEAMLEIDER, naam="kim")  # member of "Klein team" only
    assert User.objects.get(username="kim")
    pagina = client.get("/werkplek/inzicht/", periode(register)).content.decode()
    assert f'<option value="{register.klein.pk}"' in pagina
    assert f'<option value="{register.belastingen.pk}"' not in pagina
    # Another team's figures cannot be asked for.
    anders = client.get(
        "/werkplek/inzicht/", {**periode(register), "team": register.belastingen.pk}
    )
    assert anders.status_code == 400
    assert "Selecteer een geldige keuze" in anders.content.decode()


def test_a_bad_period_is_explained_and_changes_nothing(register: Register):
    pagina = medewerker(Rol.MANAGEMENT).get(
        "/werkplek/inzicht/", {"periode": "eigen", "vanaf": "2026-05-01", "tot": "2026-04-01"}
    )
    assert pagina.status_code == 400
    assert "De einddatum ligt voor de begindatum." in pagina.content.decode()


def test_csv_export_holds_the_table_with_the_filters(register: Register):
    antwoord = medewerker(Rol.MANAGEMENT).get(
        "/werkplek/inzicht/contacten.csv", {**periode(register), "kanaal": "telefoon"}
    )
    assert antwoord["Content-Type"].startswith("text/csv")
    assert "attachment" in antwoord["Content-Disposition"]
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig"))))
    assert rijen[0] == ["Periode", "Telefoon", "Totaal"]
    assert [r[1:] for r in rijen[1:]] == [
        ["0", "0"],
        ["3", "3"],
        ["0", "0"],
        ["1", "1"],
        ["0", "0"],
    ]


def test_suppressed_cells_stay_suppressed_in_the_exports(register: Register):
    client = medewerker(Rol.MANAGEMENT)
    antwoord = client.get("/werkplek/inzicht/tevredenheid.csv", periode(register))
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig"))))
    totaal = rijen[-1]
    assert totaal[0] == "Hele periode"
    assert totaal[5:] == ["minder dan 5", "minder dan 5"]  # four NPS answers
    assert "25" not in ",".join(totaal)
    xlsx = client.get("/werkplek/inzicht/tevredenheid.xlsx", periode(register))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as boek:
        teksten = boek.read("xl/sharedStrings.xml").decode()
        blad = boek.read("xl/worksheets/sheet1.xml").decode()
    assert "Klanttevredenheid" in teksten and "minder dan 5" in teksten
    assert "NPS: antwoorden" in teksten
    # No number cell (a cell without t="s") holds the suppressed numbers (4 answers, NPS 25).
    getallen = re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")?><v>([^<]*)</v>', blad)
    assert getallen and "4" not in getallen and "25" not in getallen


def test_xlsx_opens_with_the_sections_numbers(register: Register, settings: Any):
    settings.KLANTBEELD_INZICHT_MINIMUM = 1
    xlsx = medewerker(Rol.MANAGEMENT).get("/werkplek/inzicht/taken.xlsx", periode(register))
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as boek:
        teksten = boek.read("xl/sharedStrings.xml").decode()
        blad = boek.read("xl/worksheets/sheet1.xml").decode()
    assert "Belastingen" in teksten and "Gemiddelde behandeltijd (uur)" in teksten
    assert "<v>24</v>" in blad  # hours from assignment to handling


def test_an_unknown_section_or_format_is_not_found(register: Register):
    client = medewerker(Rol.MANAGEMENT)
    assert client.get("/werkplek/inzicht/niets.csv").status_code == 404
    assert client.get("/werkplek/inzicht/taken.pdf").status_code == 404


def test_a_teamleider_without_a_team_is_told_so(register: Register):
    team("Leeg team", [])
    pagina = medewerker(Rol.TEAMLEIDER, naam="nieuw").get("/werkplek/inzicht/")
    assert "U bent nog geen lid van een team" in pagina.content.decode()
    assert not Teamlid.objects.filter(medewerker__naam="Nieuw").exists()
