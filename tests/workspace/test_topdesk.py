"""Escalating from the workspace without a browser: a contact on its own, who may, and a
refused form changing nothing."""

from __future__ import annotations

from typing import Any

import pytest

from klantbeeld.integrations.topdesk.models import Escalatie
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import persoon
from tests.workspace.test_klantbeeld import contact
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _topdesk(settings: Any) -> None:
    settings.KLANTBEELD_TOPDESK_URL = "http://127.0.0.1:9"  # not called: the worker would
    settings.KLANTBEELD_TOPDESK_ROLLEN = ["kcc-medewerker"]


def test_a_contact_is_escalated_on_its_own_and_shown_on_its_page():
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    kc = contact(persoon("Jan", "Jansen"), "Lantaarnpaal kapot")
    url = f"/werkplek/contacten/{kc.uuid}/topdesk/"
    assert (
        "Doorzetten naar de tweede lijn in TOPdesk"
        in sanne.get(f"/werkplek/contacten/{kc.uuid}/").content.decode()
    )
    form = sanne.get(url).content.decode()
    assert 'value="Lantaarnpaal kapot"' in form
    fout = sanne.post(url, {"korte_omschrijving": "x" * 81, "verzoek": "y"})
    assert fout.status_code == 400 and not Escalatie.objects.exists()
    assert sanne.post(url, {"korte_omschrijving": "Lamp", "verzoek": "Kapot"}).status_code == 302
    [escalatie] = Escalatie.objects.all()
    assert (escalatie.interne_taak, escalatie.aanmelder_naam) == (None, "Jan Jansen")
    pagina = sanne.get(f"/werkplek/contacten/{kc.uuid}/").content.decode()
    assert "Wordt gemeld in TOPdesk".lower() in pagina
    assert "Doorzetten naar de tweede lijn in TOPdesk" not in pagina  # one at a time


def test_a_role_not_allowed_cannot_escalate():
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    kc = contact(persoon("Jan", "Jansen"), "Lantaarnpaal kapot")
    assert "TOPdesk" not in lisa.get(f"/werkplek/contacten/{kc.uuid}/").content.decode()
    antwoord = lisa.post(
        f"/werkplek/contacten/{kc.uuid}/topdesk/", {"korte_omschrijving": "L", "verzoek": "K"}
    )
    assert antwoord.status_code == 403 and not Escalatie.objects.exists()
