"""Configuring the ZGW services: from a TOML file, in the admin, and checking them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from klantbeeld.integrations.models import ZgwService
from klantbeeld.integrations.zgw.config import ConfigError, load
from standins.zgw import LocalZgw
from tests.integrations.conftest import SECRET
from tests.support.beheer import beheer_login

pytestmark = pytest.mark.django_db

CONFIG = """
[[service]]
naam = "Open Zaak zaken"
soort = "zaken"
api_root = "https://openzaak.example.nl/zaken/api/v1"
client_id = "klantbeeld"
secret_env = "TEST_OPENZAAK_SECRET"
timeout = 3

[[service]]
naam = "Open Zaak catalogi"
soort = "catalogi"
api_root = "https://openzaak.example.nl/catalogi/api/v1/"
client_id = "klantbeeld"
secret_env = "TEST_OPENZAAK_SECRET"
"""


def test_services_are_loaded_from_a_file_and_updated_by_name(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TEST_OPENZAAK_SECRET", "geheim-uit-de-omgeving")
    path = tmp_path / "zgw.toml"
    path.write_text(CONFIG)
    call_command("zgw_services", "load", str(path))
    assert capsys.readouterr().out.splitlines() == [
        "Open Zaak zaken: aangemaakt",
        "Open Zaak catalogi: aangemaakt",
    ]
    zaken = ZgwService.objects.get(naam="Open Zaak zaken")
    assert zaken.api_root == "https://openzaak.example.nl/zaken/api/v1/"
    assert zaken.secret == "geheim-uit-de-omgeving"
    assert zaken.timeout == 3.0
    assert ZgwService.objects.get(naam="Open Zaak catalogi").timeout == 5.0

    path.write_text(CONFIG.replace("timeout = 3", "timeout = 7"))
    assert load(path) == [("Open Zaak zaken", "bijgewerkt"), ("Open Zaak catalogi", "bijgewerkt")]
    assert ZgwService.objects.get(naam="Open Zaak zaken").timeout == 7.0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('soort = "zaken"', 'soort = "klanten"'), "soort"),
        (("timeout = 3", "timout = 3"), "onbekende sleutel(s) timout"),
        (('client_id = "klantbeeld"\nsecret_env', "secret_env"), "client_id ontbreekt"),
        (("TEST_OPENZAAK_SECRET", "NIET_GEZET_GEHEIM"), "NIET_GEZET_GEHEIM is leeg"),
        (("[[service]]", "[[servic]]"), "geen [[service]]"),
        (("naam =", "naam = = "), "zgw.toml"),
    ],
)
def test_a_bad_file_is_explained_and_changes_nothing(tmp_path, monkeypatch, change, message):
    monkeypatch.setenv("TEST_OPENZAAK_SECRET", "geheim")
    path = tmp_path / "zgw.toml"
    path.write_text(CONFIG.replace(*change))
    with pytest.raises(
        CommandError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")
    ):
        call_command("zgw_services", "load", str(path))
    assert not ZgwService.objects.exists()


def test_load_without_a_file_names_the_setting(settings):
    settings.KLANTBEELD_ZGW_CONFIG = ""
    with pytest.raises(CommandError, match="KLANTBEELD_ZGW_CONFIG"):
        call_command("zgw_services", "load")
    with pytest.raises(ConfigError):
        load(__import__("pathlib").Path("/niet/bestaand.toml"))


def test_check_reports_each_service(zgw: LocalZgw, capsys):
    call_command("zgw_services", "check")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4
    assert all("bereikbaar, antwoord in" in line for line in lines), lines
    assert set(ZgwService.objects.values_list("gezond", flat=True)) == {True}

    ZgwService.objects.filter(soort="documenten").update(
        secret="fout-geheim-dat-open-zaak-niet-kent-32"
    )
    with pytest.raises(CommandError, match="Open Zaak documenten"):
        call_command("zgw_services", "check")
    documenten = ZgwService.objects.get(soort="documenten")
    assert documenten.gezond is False
    assert "staat dit Klantbeeld niet toe (HTTP 403)" in documenten.controle_melding
    assert documenten.gecontroleerd_op is not None


@pytest.fixture
def admin_client(db) -> Client:
    user = User.objects.create_superuser("beheer", "beheer@example.nl", "wachtwoord-lang-genoeg")
    return beheer_login(Client(), user)


def test_the_admin_checks_a_service_on_save_and_never_shows_its_secret(zgw: LocalZgw, admin_client):
    service = ZgwService.objects.get(soort="zaken")
    page = admin_client.get(f"/admin/integrations/zgwservice/{service.pk}/change/")
    assert page.status_code == 200
    assert SECRET not in page.content.decode()

    response = admin_client.post(
        f"/admin/integrations/zgwservice/{service.pk}/change/",
        {
            "naam": service.naam,
            "soort": "zaken",
            "api_root": service.api_root,
            "client_id": "klantbeeld",
            "secret": "",  # left empty: the stored secret stays
            "timeout": "2",
            "actief": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    service.refresh_from_db()
    assert service.secret == SECRET
    assert service.timeout == 2.0
    assert service.gezond is True


def test_the_admin_action_checks_the_chosen_services(zgw: LocalZgw, admin_client):
    zgw.failing = True
    pks = list(ZgwService.objects.values_list("pk", flat=True))
    response = admin_client.post(
        "/admin/integrations/zgwservice/",
        {"action": "verbinding_controleren", "_selected_action": pks},
        follow=True,
    )
    assert "HTTP 503" in response.content.decode()
    assert set(ZgwService.objects.values_list("gezond", flat=True)) == {False}


def test_the_admin_shows_a_partijs_zaken_and_what_is_missing(zgw: LocalZgw, admin_client, ki):
    from klantbeeld.demo.numbers import bsn
    from tests.cases.helpers import persoon

    jan = persoon(ki, 1, "Jan", "Jansen")
    zaak = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning Dorpsstraat", bsn=bsn(1))
    zgw.add_document(zaak, "Aanvraagformulier")
    page = admin_client.get(f"/admin/domain/partij/{jan['uuid']}/change/").content.decode()
    assert zaak["identificatie"] in page
    assert "Vergunning Dorpsstraat" in page
    assert "Aanvraagformulier" in page
    assert "Onvolledig" not in page

    ZgwService.objects.filter(soort="besluiten").update(
        secret="fout-geheim-dat-open-zaak-niet-kent-32"
    )
    page = admin_client.get(f"/admin/domain/partij/{jan['uuid']}/change/").content.decode()
    assert zaak["identificatie"] in page
    assert "Onvolledig" in page
    assert "staat dit Klantbeeld niet toe" in page


def test_the_zaken_command_shows_a_partijs_zaken_and_what_is_missing(zgw: LocalZgw, ki, capsys):
    from klantbeeld.demo.numbers import bsn
    from tests.cases.helpers import persoon

    persoon(ki, 1, "Jan", "Jansen")
    zaak = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning Dorpsstraat", bsn=bsn(1))
    zgw.add_status(zaak, "In behandeling")
    zgw.add_document(zaak, "Aanvraagformulier", bestandsnaam="aanvraag.pdf")
    call_command("zaken", bsn(1))
    out, err = capsys.readouterr()
    assert "Jan Jansen" in out and ": 1 zaken" in out
    assert f"{zaak['identificatie']}  Parkeervergunning aanvragen: Vergunning Dorpsstraat" in out
    assert "[In behandeling]" in out
    assert "document Aanvraagformulier (aanvraag.pdf)" in out
    assert err == ""

    zgw.failing = True
    call_command("zaken", bsn(1))
    out, err = capsys.readouterr()
    assert ": 0 zaken" in out
    assert "Onvolledig: Open Zaak zaken: antwoordde met HTTP 503" in err
    with pytest.raises(CommandError, match="Geen partij gevonden met 123"):
        call_command("zaken", "123")


def test_a_bad_second_service_leaves_the_first_one_unmade(tmp_path, monkeypatch):
    monkeypatch.setenv("TEST_OPENZAAK_SECRET", "geheim")
    path = tmp_path / "zgw.toml"
    path.write_text(CONFIG.replace('soort = "catalogi"', 'soort = "klanten"'))
    with pytest.raises(ConfigError, match="service 2"):
        load(path)
    assert not ZgwService.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("timeout = 3", 'timeout = "vijf"'), "timeout moet een getal"),
        (("timeout = 3", "timeout = 0"), "timeout"),
        (("timeout = 3", 'actief = "false"'), "actief moet true of false zijn"),
        (('client_id = "klantbeeld"', "client_id = 7"), "client_id moet tekst zijn"),
    ],
)
def test_values_of_the_wrong_kind_are_explained(tmp_path, monkeypatch, change, message):
    monkeypatch.setenv("TEST_OPENZAAK_SECRET", "geheim")
    path = tmp_path / "zgw.toml"
    path.write_text(CONFIG.replace(*change, 1))
    with pytest.raises(ConfigError, match=message):
        load(path)
    assert not ZgwService.objects.exists()


def test_a_service_that_is_not_a_table_is_explained(tmp_path):
    path = tmp_path / "zgw.toml"
    path.write_text("service = [1]\n")
    with pytest.raises(ConfigError, match=r"een \[\[service\]\]-blok verwacht"):
        load(path)


def _form(service: ZgwService, **changes: str) -> dict[str, str]:
    return {
        "naam": service.naam,
        "soort": service.soort,
        "api_root": service.api_root,
        "client_id": service.client_id,
        "secret": "",
        "timeout": "5",
        "actief": "on",
        **changes,
    }


def test_the_admin_explains_a_root_that_is_already_configured(zgw: LocalZgw, admin_client):
    zaken = ZgwService.objects.get(soort="zaken")
    response = admin_client.post(
        "/admin/integrations/zgwservice/add/",
        _form(zaken, naam="Nog een keer", api_root=zaken.api_root.rstrip("/"), secret="x" * 32),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "api_root" in errors, errors
    assert ZgwService.objects.count() == 4


def test_moving_a_service_to_another_host_needs_its_secret_again(zgw: LocalZgw, admin_client):
    zaken = ZgwService.objects.get(soort="zaken")
    url = f"/admin/integrations/zgwservice/{zaken.pk}/change/"
    elders = "https://elders.example.nl/zaken/api/v1/"
    response = admin_client.post(url, _form(zaken, api_root=elders))
    assert response.status_code == 200
    assert "Een andere host: vul het secret opnieuw in." in response.content.decode()
    zaken.refresh_from_db()
    assert zaken.api_root != elders
