"""What Klantbeeld did wrong against a real Open Zaak 1.30 (issue 15, item 7), each shown
against the local register over real HTTP, where that register behaves as Open Zaak:

- a document of an informatieobjecttype the zaaktype does not allow is refused
  (``missing-zaaktype-informatieobjecttype-relation``): a document for a zaak gets a type
  from the zaaktype's zaaktype-informatieobjecttypen, and a link the register refuses for
  good is not tried ten times and dropped, but failed at once and shown to staff;
- a read over a kept-alive connection the register closed is asked again once;
- ``klantbeeld zaken`` prints when a status was set in Dutch time;
- an unidentified caller's name reaches the rol in its parts."""

from __future__ import annotations

import httpx
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Klantcontact
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.zaken import Bestand, RegisterFout, zaak_aanmaken
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from klantbeeld.integrations.zgw.client import ZgwClient, ZgwError
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from klantbeeld.workspace.roles import Rol
from standins.zgw import LocalZgw
from tests.cases.helpers import (
    ZAAK_AANMAKEN,
    Betrokkene,
    document,
    medewerker,
    naam,
    persoon,
    register,
    taak,
)
from tests.integrations.conftest import drain
from tests.support.beheer import beheer_login
from tests.workspace.test_zoeken import medewerker as werkplek

pytestmark = pytest.mark.django_db

WERKPLEK = ChangeContext(applicatie="Werkplek", gebruikers_id="sanne")


def iot(zgw: LocalZgw, omschrijving: str) -> str:
    typen = zgw.objects("informatieobjecttypen")
    return str(next(i["url"] for i in typen if i["omschrijving"] == omschrijving))


def posts(zgw: LocalZgw, collection: str) -> int:
    return sum(r.method == "POST" and r.path.endswith(f"/{collection}") for r in zgw.received)


def test_a_link_refused_for_good_is_failed_at_once_and_shown_on_contact_task_and_admin(
    zgw: LocalZgw, ki
) -> None:
    """C2716 with a document of a type the new zaak's zaaktype does not allow: Open Zaak
    refuses to relate it, which asking again will not change."""
    melding = zgw.add_document(zgw.add_zaak("MOR", omschrijving="Losse tegel"), "Foto")
    assert melding["informatieobjecttype"] == iot(zgw, "Melding")  # MOR's, not PARKEER's
    jan = persoon(ki, 1, "Jan", "Jansen")
    kc = register(
        ki,
        kanaal="email",
        onderwerp="Aanvraag parkeervergunning",
        actoren=[medewerker(ki, "Sanne de Vries")],
        betrokkenen=[Betrokkene(partij=jan)],
        bijlagen=[document(melding["url"].rsplit("/", 1)[-1])],
    )
    opdracht = taak(ki, kc, ZAAK_AANMAKEN, medewerker(ki, "Ahmed"))
    zaak = zaak_aanmaken(
        Klantcontact.objects.get(uuid=kc["uuid"]),
        zaaktype=zgw.zaaktype("PARKEERVERGUNNING")["url"],
        omschrijving="Parkeervergunning",
        register=ZgwZakenregister(),
        by=WERKPLEK,
    )
    drain()
    relatie = OutboxMessage.objects.get(payload__opdracht="zaakinformatieobject")
    assert (relatie.status, relatie.attempts) == (OutboxStatus.DEAD, 1)
    assert "Het informatieobjecttype hoort niet bij het zaaktype" in relatie.last_error
    # The klantcontact's own link is made regardless.
    assert OutboxMessage.objects.get(payload__opdracht="zaakobject").status == (
        OutboxStatus.DELIVERED
    )
    gevraagd = posts(zgw, "zaakinformatieobjecten")
    OutboxMessage.objects.update(next_attempt_at=relatie.aangemaakt_op)
    drain()
    assert posts(zgw, "zaakinformatieobjecten") == gevraagd  # not asked again

    leider = werkplek(Rol.TEAMLEIDER)
    for url in (f"/werkplek/contacten/{kc['uuid']}/", f"/werkplek/taken/{opdracht['uuid']}/"):
        page = leider.get(url).content.decode()
        assert "Het zaaksysteem weigerde een koppeling" in page, url
        assert f"document bij zaak {zaak.identificatie}" in page, url
        assert "Het informatieobjecttype hoort niet bij het zaaktype" in page, url
    beheer = beheer_login(Client(), User.objects.create_superuser("beheer", "", "lang-genoeg-1"))
    lijst = beheer.get("/admin/events/outboxmessage/?status__exact=dead").content.decode()
    assert "Laatste fout" in lijst and "hoort niet bij het zaaktype" in lijst


def test_a_document_for_a_zaak_gets_a_type_its_zaaktype_allows(zgw: LocalZgw) -> None:
    zaak = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning", bsn=bsn(1))
    register_ = ZgwZakenregister()
    verwijzing = register_.zaak(zaak["url"])
    typen = register_.documenttypen(verwijzing)
    assert [(t.omschrijving, t.richting) for t in typen] == [
        ("Aanvraag", "inkomend"),
        ("Bijlage", "inkomend"),
        ("Besluitbrief", "uitgaand"),
    ]
    assert any(r.path.endswith("/zaaktype-informatieobjecttypen") for r in zgw.received)

    def stuk(**keuze: str) -> str:
        gemaakt = register_.maak_document(
            verwijzing,
            titel="Loonstrook",
            bestand=Bestand("loonstrook.pdf", b"%PDF"),
            beschrijving="",
            vertrouwelijkheid="",
            auteur="Sanne",
            **keuze,
        )
        [eio] = [e for e in zgw.objects("enkelvoudiginformatieobjecten") if e["url"] == gemaakt.url]
        return str(eio["informatieobjecttype"])

    assert stuk() == iot(zgw, "Bijlage")
    assert stuk(informatieobjecttype=iot(zgw, "Aanvraag")) == iot(zgw, "Aanvraag")
    voor = len(zgw.objects("enkelvoudiginformatieobjecten"))
    with pytest.raises(RegisterFout, match="hoort niet bij het zaaktype"):
        stuk(informatieobjecttype=iot(zgw, "Melding"))
    assert len(zgw.objects("enkelvoudiginformatieobjecten")) == voor  # nothing stored


def test_a_read_over_a_connection_the_register_closed_is_asked_again_once(
    zgw: LocalZgw,
) -> None:
    zaak = zgw.add_zaak("MOR", omschrijving="Losse tegel", bsn=bsn(1))
    with httpx.Client() as pool, ZgwClient(http=pool) as zgw_client:
        assert zgw_client.get(zaak["url"])["uuid"] == zaak["uuid"]
        zgw.sluit_hergebruikt = 1  # the kept-alive connection is closed as it is used
        assert zgw_client.get(zaak["url"])["uuid"] == zaak["uuid"]
        assert zgw.sluit_hergebruikt == 0
        # A write is not sent twice: whether the register acted cannot be known.
        zgw.sluit_hergebruikt = 1
        with pytest.raises(ZgwError, match="niet bereikbaar"):
            zgw_client.post(
                f"{zgw.zaken_root}/zaakobjecten",
                {"zaak": zaak["url"], "objectType": "overige", "objectTypeOverige": "x"},
            )
    assert zgw.objects("zaakobjecten") == []


def test_klantbeeld_zaken_prints_dates_in_dutch_time(zgw: LocalZgw, ki, capsys) -> None:
    persoon(ki, 1, "Jan", "Jansen")
    zaak = zgw.add_zaak("MOR", omschrijving="Losse tegel", bsn=bsn(1), startdatum="2026-10-01")
    zgw.add_status(zaak, "In behandeling", datum="2026-10-01T22:30:00Z")  # after midnight here
    zgw.add_status(zaak, "Afgehandeld", datum="2026-12-01T23:15:00Z")  # winter time: +1
    call_command("zaken", bsn(1))
    out = capsys.readouterr().out
    assert "status   2026-10-02 00:30  In behandeling" in out
    assert "status   2026-12-02 00:15  Afgehandeld" in out


def test_an_unidentified_callers_name_reaches_the_rol_in_its_parts(zgw: LocalZgw, ki) -> None:
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Losse stoeptegel",
        actoren=[medewerker(ki, "Sanne de Vries")],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam("Pieter Jan", "Berg", "van den"),
                adressen=[("telefoonnummer", "0612345678", "mobiel")],
            )
        ],
    )
    verwijzing = zaak_aanmaken(
        Klantcontact.objects.get(uuid=kc["uuid"]),
        zaaktype=zgw.zaaktype("MOR")["url"],
        omschrijving="Losse stoeptegel",
        register=ZgwZakenregister(),
        by=WERKPLEK,
    )
    [rol] = [r for r in zgw.objects("rollen") if r["zaak"] == verwijzing.url]
    identificatie = rol["betrokkeneIdentificatie"]
    assert (
        identificatie["voornamen"],
        identificatie["voorvoegselGeslachtsnaam"],
        identificatie["geslachtsnaam"],
    ) == ("Pieter Jan", "van den", "Berg")
    assert rol["contactpersoonRol"]["naam"] == "Pieter Jan van den Berg"
