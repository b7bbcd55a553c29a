"""Letters (kanaal post, C9750): a real PDF with the addressee's name and address in the
envelope's window, registered as an outbound contact about the zaak with the letter as its
document, and handed to the print street once, however often the worker tries."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from klantbeeld.channels.post import printstraat
from klantbeeld.channels.post.adres import postadres
from klantbeeld.channels.post.brief import Lettertype, afzender, kies_lettertype, maak_pdf, stel_op
from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Betrokkene, Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Deelnemer
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.domain.services.zaken import Zaakverwijzing
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from standins.zgw import LocalZgw
from tests.domain.test_opvolging import actor
from tests.domain.test_zoeken import nummer, persoon
from tests.integrations.conftest import drain
from tests.integrations.conftest import zgw as zgw_register  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def zgw(zgw_register: LocalZgw) -> LocalZgw:  # noqa: F811 (the imported fixture)
    """The local ZGW register configured as Klantbeeld's (tests/integrations/conftest.py)."""
    return zgw_register


BEHANDELAAR = ChangeContext(
    applicatie="Klantbeeld werkplek", gebruikers_id="lisa", gebruikers_weergave="Lisa van Dijk"
)
TEKST = (
    "Beste mevrouw Ĳzendoorn,\n\n"
    "Wij hebben uw aanvraag ontvangen en zijn begonnen met de beoordeling.\n"
    "U hoort binnen zes weken van ons.\n\n"
    "Heeft u vragen? Bel dan 14 030."
)


def tekst_van(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture(autouse=True)
def _organisatie(settings):
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Zoetermeer"
    settings.KLANTBEELD_ORGANISATIE_POSTADRES = ["Postbus 15", "2700 AA  ZOETERMEER"]
    settings.KLANTBEELD_BRIEF_ONDERTEKENING = "Team Vergunningen"


@pytest.fixture
def printstraat_map(tmp_path: Path, settings) -> Path:
    settings.KLANTBEELD_PRINTSTRAAT_MAP = str(tmp_path)
    return tmp_path


def bewoner(**adres: Any):
    zoë = persoon("Zoë", "Ĳzendoorn", **adres)
    nummer(zoë, "bsn", bsn(7))
    return zoë


THUIS = {
    "correspondentieadres_straatnaam": "Dorpsstraat",
    "correspondentieadres_huisnummer": 12,
    "correspondentieadres_huisnummertoevoeging": "a",
    "correspondentieadres_postcode": "2712ab",
    "correspondentieadres_stad": "Zoetermeer",
    "correspondentieadres_land": "NL",
}


# -- the letter --------------------------------------------------------------------------


def test_the_letter_is_a_pdf_with_name_address_date_subject_and_text():
    bericht = Bericht(
        kanaal="post",
        adres="Dorpsstraat 12A\n2712 AB  ZOETERMEER",
        onderwerp="Voortgang ZAAK-2026-0000000001",
        tekst=TEKST,
        naam="Zoë Ĳzendoorn-Łukasiewicz",
    )
    opgesteld = stel_op(bericht)

    assert opgesteld.inhoud.startswith(b"%PDF-")
    assert opgesteld.document is not None
    assert opgesteld.document.inhoud == opgesteld.inhoud
    assert opgesteld.document.formaat == "application/pdf"
    assert opgesteld.document.naam == f"{opgesteld.bericht_id}.pdf"
    reader = PdfReader(io.BytesIO(opgesteld.inhoud))
    assert reader.metadata.title == "Voortgang ZAAK-2026-0000000001"
    assert reader.metadata.author == "Gemeente Zoetermeer"
    tekst = tekst_van(opgesteld.inhoud)
    for verwacht in (
        "Gemeente Zoetermeer",
        "Postbus 15, 2700 AA  ZOETERMEER",  # the return address above the addressee
        "Zoë Ĳzendoorn-Łukasiewicz\nDorpsstraat 12A\n2712 AB  ZOETERMEER",
        f"Ons kenmerk {opgesteld.bericht_id}",
        "Onderwerp Voortgang ZAAK-2026-0000000001",
        "Beste mevrouw Ĳzendoorn,\nWij hebben uw aanvraag ontvangen",
        "U hoort binnen zes weken van ons.\nHeeft u vragen? Bel dan 14 030.",
        "Met vriendelijke groet,\nTeam Vergunningen\nGemeente Zoetermeer",
        "Pagina 1 van 1",
    ):
        assert verwacht in tekst
    assert "Datum " in tekst and any(
        maand in tekst for maand in ("januari", "februari", "maart", "november", "december")
    )


def test_the_date_is_written_in_dutch():
    pdf = maak_pdf(
        Bericht("post", "Dorpsstraat 1\n2712 AB  ZOETERMEER", "Onderwerp", "Tekst"),
        adres=["Dorpsstraat 1", "2712 AB  ZOETERMEER"],
        kenmerk="BR-1",
        datum=datetime.date(2026, 3, 1),
        van=afzender(),
    )
    assert "Datum 1 maart 2026" in tekst_van(pdf)


def test_a_long_letter_continues_on_numbered_pages():
    lang = "\n\n".join(
        f"Alinea {n}: " + "Een zin die de brief langer maakt. " * 12 for n in range(30)
    )
    opgesteld = stel_op(Bericht("post", "Dorpsstraat 1\n2712 AB  ZOETERMEER", "Lang", lang))
    reader = PdfReader(io.BytesIO(opgesteld.inhoud))
    assert len(reader.pages) > 1
    assert f"Pagina {len(reader.pages)} van {len(reader.pages)}" in tekst_van(opgesteld.inhoud)
    assert "Alinea 29:" in tekst_van(opgesteld.inhoud)


def test_a_system_font_prints_every_letter_of_a_name():
    """The machine's DejaVu Sans (Debian's fonts-dejavu-core, which Chromium brings along)
    has ł, ş and ĳ; bin/_install installs Chromium for the browser tests."""
    lettertype = kies_lettertype()
    assert lettertype.gewoon is not None, "geen TrueType-lettertype; installeer fonts-dejavu-core"
    pdf = maak_pdf(
        Bericht("post", "x", "Onderwerp", "Tekst", naam="Łukasz Şahin-Ĳsselmuiden"),
        adres=["Dorpsstraat 1", "2712 AB  ZOETERMEER"],
        kenmerk="BR-1",
        datum=datetime.date(2026, 3, 1),
        van=afzender(),
        lettertype=lettertype,
    )
    assert "Łukasz Şahin-Ĳsselmuiden" in tekst_van(pdf)


def test_without_a_unicode_font_only_what_helvetica_lacks_loses_its_accent(settings):
    pdf = maak_pdf(
        Bericht("post", "x", "Onderwerp", "Tekst — met “aanhalingstekens”", naam="Zoë Łukasz"),
        adres=["Dorpsstraat 1", "2712 AB  ZOETERMEER"],
        kenmerk="BR-1",
        datum=datetime.date(2026, 3, 1),
        van=afzender(),
        lettertype=Lettertype(None),
    )
    tekst = tekst_van(pdf)
    assert "Zoë Lukasz" in tekst  # ë is in Latin-1, ł is not
    assert 'Tekst - met "aanhalingstekens"' in tekst


def test_a_configured_font_that_is_not_there_stops_the_start(settings):
    from klantbeeld.channels.post.checks import lettertype

    settings.KLANTBEELD_BRIEF_LETTERTYPE = "/bestaat/niet.ttf"
    assert [m.id for m in lettertype()] == ["post.E001"]


def test_a_letter_needs_an_address():
    with pytest.raises(ValidationError) as fout:
        stel_op(Bericht("post", "  \n ", "Onderwerp", "Tekst", naam="Zoë"))
    assert "adres" in fout.value.message_dict


# -- the address (R7) ----------------------------------------------------------------------


def test_the_address_is_the_partijs_correspondentieadres_in_dutch_layout():
    assert postadres(partij=bewoner(**THUIS)) == ["Dorpsstraat 12A", "2712 AB  ZOETERMEER"]


def test_the_address_a_betrokkene_gave_for_a_contact_comes_first():
    zoë = bewoner(**THUIS)
    betrokkene = Betrokkene(
        was_partij=zoë,
        correspondentieadres_straatnaam="Laan van Nieuw Oost-Indië",
        correspondentieadres_huisnummer=130,
        correspondentieadres_huisnummertoevoeging="bis",
        correspondentieadres_postcode="2593 BT",
        correspondentieadres_stad="Den Haag",
    )
    assert postadres(betrokkene=betrokkene) == [
        "Laan van Nieuw Oost-Indië 130 bis",
        "2593 BT  DEN HAAG",
    ]
    assert postadres(betrokkene=Betrokkene(was_partij=zoë)) == [
        "Dorpsstraat 12A",
        "2712 AB  ZOETERMEER",
    ]


def test_without_a_correspondentieadres_the_bezoekadres_is_used():
    zoë = bewoner(
        bezoekadres_straatnaam="Markt",
        bezoekadres_huisnummer=1,
        bezoekadres_postcode="2711 AA",
        bezoekadres_stad="Zoetermeer",
    )
    assert postadres(partij=zoë) == ["Markt 1", "2711 AA  ZOETERMEER"]


def test_an_address_abroad_ends_with_the_country():
    zoë = bewoner(
        correspondentieadres_adresregel1="Rue de la Loi 16",
        correspondentieadres_adresregel2="1000 Bruxelles",
        correspondentieadres_land="BE",
    )
    assert postadres(partij=zoë) == ["Rue de la Loi 16", "1000 Bruxelles", "BELGIË"]


def test_no_printable_address_is_none():
    zoë = bewoner(correspondentieadres_nummeraanduiding_id="0344200000123456")
    assert postadres(partij=zoë) is None
    assert postadres() is None


# -- to the print street -----------------------------------------------------------------


def brief(zgw: LocalZgw, **adres: Any) -> tuple[Verzending, dict[str, Any]]:
    """C9750: the handler sends a progress letter about the zaak."""
    zoë = bewoner(**(adres or THUIS))
    zaak = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Parkeervergunning", bsn=bsn(7))
    regels = postadres(partij=zoë)
    assert regels is not None
    with ZgwZakenregister(by=BEHANDELAAR) as register:
        verzending = verstuur(
            Bericht(
                kanaal="post",
                adres="\n".join(regels),
                onderwerp=f"Voortgang {zaak['identificatie']}",
                tekst=TEKST,
                naam=zoë.volledige_naam,
            ),
            ontvanger=Deelnemer(partij=zoë, initiator=False),
            actor=actor("Lisa van Dijk"),
            by=BEHANDELAAR,
            register=register,
            zaak=Zaakverwijzing(zaak["url"], zaak["uuid"], zaak["identificatie"], zaak["zaaktype"]),
        )
    assert verzending is not None
    return verzending, zaak


def bestanden(map_: Path) -> list[str]:
    return sorted(p.name for p in map_.iterdir())


def test_c9750_a_progress_letter_is_an_outbound_contact_about_the_zaak_with_the_letter(
    zgw: LocalZgw, ki, printstraat_map: Path
):
    verzending, zaak = brief(zgw)
    assert (
        verzending.kanaal == "post" and verzending.adres == "Dorpsstraat 12A\n2712 AB  ZOETERMEER"
    )
    contact = ki.get(
        f"klantcontacten/{verzending.klantcontact_id}",
        {"expand": "hadBetrokkenen,gingOverOnderwerpobjecten,omvatteBijlagen"},
    ).json()
    assert contact["kanaal"] == "post"
    assert contact["onderwerp"] == f"Voortgang {zaak['identificatie']}"
    assert contact["indicatieContactGelukt"] is None
    assert contact["inhoud"] == TEKST
    [betrokkene] = contact["_expand"]["hadBetrokkenen"]
    assert betrokkene["initiator"] is False and betrokkene["rol"] == "klant"
    assert betrokkene["wasPartij"]["uuid"] == str(
        Betrokkene.objects.get(had_klantcontact=verzending.klantcontact).was_partij_id
    )
    [actor_] = contact["hadBetrokkenActoren"]
    assert ki.get(f"actoren/{actor_['uuid']}").json()["naam"] == "Lisa van Dijk"
    [onderwerp] = contact["_expand"]["gingOverOnderwerpobjecten"]
    assert onderwerp["onderwerpobjectidentificator"]["objectId"] == zaak["uuid"]
    assert onderwerp["onderwerpobjectidentificator"]["codeObjecttype"] == "zgw-Zaak"
    [bijlage] = contact["_expand"]["omvatteBijlagen"]
    [document] = [
        d
        for d in zgw.objects("enkelvoudiginformatieobjecten")
        if d["url"].endswith(bijlage["bijlageidentificator"]["objectId"])
    ]
    assert zgw.content_of(document) == bytes(verzending.inhoud)
    assert document["formaat"] == "application/pdf"
    assert document["bestandsnaam"] == f"{verzending.bericht_id}.pdf"
    drain()  # the register's own link from the zaak to its new document
    assert any(
        zio["informatieobject"] == document["url"] and zio["zaak"] == zaak["url"]
        for zio in zgw.objects("zaakinformatieobjecten")
    )
    assert "Zoë Ĳzendoorn" in tekst_van(zgw.content_of(document))


def test_the_letter_lands_in_the_print_street_once(zgw: LocalZgw, printstraat_map: Path):
    verzending, _ = brief(zgw)
    assert bestanden(printstraat_map) == []  # not before the worker hands it over
    drain()
    naam = str(verzending.uuid)
    assert bestanden(printstraat_map) == [f"{naam}.json", f"{naam}.pdf"]
    assert (printstraat_map / f"{naam}.pdf").read_bytes() == bytes(verzending.inhoud)
    beschrijving = json.loads((printstraat_map / f"{naam}.json").read_text(encoding="utf-8"))
    assert beschrijving["kenmerk"] == verzending.bericht_id
    assert beschrijving["bestand"] == f"{naam}.pdf"
    assert beschrijving["ontvanger"] == {
        "naam": "Zoë Ĳzendoorn",
        "adresregels": ["Dorpsstraat 12A", "2712 AB  ZOETERMEER"],
    }
    assert beschrijving["afzender"]["adresregels"] == ["Postbus 15", "2700 AA  ZOETERMEER"]
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.VERSTUURD and verzending.verstuurd_op is not None

    # A retry after a crash between writing and recording writes the same two files.
    printstraat.lever_aan(verzending)
    drain()
    assert bestanden(printstraat_map) == [f"{naam}.json", f"{naam}.pdf"]


def test_a_missing_or_unwritable_print_street_is_tried_again_until_it_works(
    zgw: LocalZgw, tmp_path: Path, settings
):
    map_ = tmp_path / "printstraat"
    settings.KLANTBEELD_PRINTSTRAAT_MAP = str(map_)
    verzending, _ = brief(zgw)
    drain()
    bericht = OutboxMessage.objects.get(destination="verzending:post")
    assert bericht.status == OutboxStatus.PENDING and "bestaat niet" in bericht.last_error

    # There, but the letter's name is taken by something that cannot be replaced.
    map_.mkdir()
    (map_ / f"{verzending.uuid}.pdf").mkdir()
    OutboxMessage.objects.update(next_attempt_at=bericht.aangemaakt_op)
    drain()
    bericht.refresh_from_db()
    assert bericht.status == OutboxStatus.PENDING and "printstraat" in bericht.last_error
    assert [p.name for p in map_.iterdir()] == [f"{verzending.uuid}.pdf"]  # no leftovers

    (map_ / f"{verzending.uuid}.pdf").rmdir()
    OutboxMessage.objects.update(next_attempt_at=bericht.aangemaakt_op)
    drain()
    assert bestanden(map_) == [f"{verzending.uuid}.json", f"{verzending.uuid}.pdf"]
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.VERSTUURD


def test_without_a_print_street_letters_wait(zgw: LocalZgw, settings):
    settings.KLANTBEELD_PRINTSTRAAT_MAP = ""
    verzending, _ = brief(zgw)
    drain()
    bericht = OutboxMessage.objects.get(destination="verzending:post")
    assert "KLANTBEELD_PRINTSTRAAT_MAP" in bericht.last_error
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.TE_VERSTUREN


# -- the admin -----------------------------------------------------------------------------


def test_the_admin_shows_letters_and_their_pdf_read_only(zgw: LocalZgw, printstraat_map: Path):
    from django.contrib.auth.models import User
    from django.test import Client

    from klantbeeld.privacy.models import Verwerkingsactie
    from tests.support.beheer import beheer_login

    wachtend, _ = brief(zgw)
    user = User.objects.create_superuser("beheer", "beheer@example.nl", "een-lang-wachtwoord")
    beheer = beheer_login(Client(), user)

    lijst = beheer.get("/admin/post/brief/")
    assert lijst.status_code == 200
    assert (
        wachtend.bericht_id in lijst.content.decode() and "Te versturen" in lijst.content.decode()
    )
    drain()
    assert "Verstuurd" in beheer.get("/admin/post/brief/?status=verstuurd").content.decode()

    pagina = beheer.get(f"/admin/post/brief/{wachtend.pk}/change/")
    assert pagina.status_code == 200 and "PDF bekijken" in pagina.content.decode()
    pdf = beheer.get(f"/admin/post/brief/{wachtend.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content == bytes(wachtend.inhoud)
    assert Verwerkingsactie.objects.filter(handeling_naam="Beheer: brief bekijken (PDF)").exists()
    assert beheer.get("/admin/post/brief/add/").status_code == 403
