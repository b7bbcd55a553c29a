"""Attachments to a contact (R5): stored in the Documenten API and attached as bijlage;
about a zaak also related to the zaak; a refusal anywhere stores nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Bijlage, Klantcontact
from klantbeeld.workspace.roles import Rol
from standins.zgw import LocalZgw
from tests.domain.test_zoeken import nummer, persoon
from tests.integrations.conftest import drain
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db
BRIEF = b"%PDF-1.4 brief van de klant"


@pytest.fixture
def jan():
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    return jan


def post(client: Any, jan: Any, **extra: Any) -> Any:
    return client.post(
        f"/werkplek/klanten/{jan.uuid}/contact/",
        {
            "kanaal": "post",
            "onderwerp": "Bezwaar",
            "gelukt": "onbekend",
            "bijlage": SimpleUploadedFile("bezwaar.pdf", BRIEF, "application/pdf"),
            **extra,
        },
    )


def test_a_document_with_a_contact_about_a_zaak_is_stored_and_related(jan, zgw: LocalZgw):
    zaak = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=bsn(1))
    response = post(medewerker(Rol.KCC_MEDEWERKER), jan, zaak=zaak["url"])
    assert response.status_code == 302
    [eio] = zgw.objects("enkelvoudiginformatieobjecten")
    assert (eio["bestandsnaam"], eio["formaat"]) == ("bezwaar.pdf", "application/pdf")
    [bijlage] = Bijlage.objects.all()
    assert bijlage.bijlageidentificator_object_id == eio["url"].rstrip("/").rsplit("/", 1)[-1]
    drain()
    assert [r["zaak"] for r in zgw.objects("zaakinformatieobjecten")] == [zaak["url"]]


def test_without_a_zaak_the_configured_document_type_is_used(jan, zgw: LocalZgw, settings):
    typen = zgw.objects("informatieobjecttypen")
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = typen[0]["url"]
    assert post(medewerker(Rol.KCC_MEDEWERKER), jan).status_code == 302
    [eio] = zgw.objects("enkelvoudiginformatieobjecten")
    assert eio["informatieobjecttype"] == typen[0]["url"]
    assert Bijlage.objects.count() == 1


def test_without_a_zaak_or_a_document_type_the_attachment_is_refused(jan, zgw: LocalZgw):
    response = post(medewerker(Rol.KCC_MEDEWERKER), jan)
    assert response.status_code == 400
    assert "alleen bij een contact over een zaak" in response.content.decode()
    assert not Klantcontact.objects.exists() and zgw.objects("enkelvoudiginformatieobjecten") == []


def test_a_register_that_refuses_undoes_the_registration(jan, zgw: LocalZgw, settings):
    # A document type the Catalogi API does not know: the Documenten API refuses.
    onbekend = zgw.objects("informatieobjecttypen")[0]["url"].rsplit("/", 1)[0]
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = (
        f"{onbekend}/00000000-0000-0000-0000-000000000000"
    )
    response = post(medewerker(Rol.KCC_MEDEWERKER), jan)
    assert response.status_code == 400
    assert "De bijlage is niet opgeslagen" in response.content.decode()
    assert not Klantcontact.objects.exists() and not Bijlage.objects.exists()


def test_an_empty_or_too_large_file_is_refused(jan, zgw: LocalZgw, settings):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    leeg = post(kcc, jan, bijlage=SimpleUploadedFile("leeg.pdf", b"", "application/pdf"))
    assert leeg.status_code == 400
    settings.KLANTBEELD_BIJLAGE_MAX_MB = 0
    groot = post(kcc, jan)
    assert groot.status_code == 400 and "hoogstens 0 MB" in groot.content.decode()
    assert not Klantcontact.objects.exists()


def test_a_confidential_contacts_document_about_a_zaak_is_confidential(jan, zgw: LocalZgw):
    zaak = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=bsn(1))
    leider = medewerker(Rol.TEAMLEIDER)
    assert post(leider, jan, zaak=zaak["url"], vertrouwelijk="on").status_code == 302
    [eio] = zgw.objects("enkelvoudiginformatieobjecten")
    assert eio["vertrouwelijkheidaanduiding"] == "vertrouwelijk"


def test_nothing_reaches_the_register_when_the_follow_up_is_refused(jan, zgw: LocalZgw):
    import datetime

    from django.utils import timezone

    from klantbeeld.domain.models import Actor

    team = Actor.objects.create(naam="Team", soort_actor="organisatorische_eenheid")
    zaak = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=bsn(1))
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    response = post(
        medewerker(Rol.KCC_MEDEWERKER),
        jan,
        zaak=zaak["url"],
        toegewezen_aan=str(team.pk),
        gevraagde_handeling="Terugbellen",
        uiterlijk_op=gisteren.isoformat(),
    )
    assert response.status_code == 400
    assert not Klantcontact.objects.exists()
    assert zgw.objects("enkelvoudiginformatieobjecten") == []


def test_a_kind_of_file_not_accepted_is_refused(jan, zgw: LocalZgw):
    zaak = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=bsn(1))
    programma = SimpleUploadedFile("factuur.pdf.exe", b"MZ...", "application/pdf")
    response = post(medewerker(Rol.KCC_MEDEWERKER), jan, zaak=zaak["url"], bijlage=programma)
    assert response.status_code == 400 and "niet aangenomen" in response.content.decode()
    assert zgw.objects("enkelvoudiginformatieobjecten") == []


def test_a_body_far_beyond_the_limit_is_refused_before_it_is_read(jan, zgw: LocalZgw, settings):
    settings.KLANTBEELD_BIJLAGE_MAX_MB = 0  # the refusal starts above 1 MB
    groot = SimpleUploadedFile("scan.pdf", b"x" * (1024 * 1024 + 10), "application/pdf")
    response = post(medewerker(Rol.KCC_MEDEWERKER), jan, bijlage=groot)
    assert response.status_code == 413
    assert "hoogstens 0 MB" in response.content.decode()
    assert not Klantcontact.objects.exists()
