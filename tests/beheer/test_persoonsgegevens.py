"""The register in the admin: a secret partij and a confidential klantcontact, with what
hangs on them, exist only for staff with a role that may see them (by list, search,
filter, change URL, history, inline, reference, audit trail); every look at a person's
data is logged in the verwerkingenlog, confidential when it showed confidential data."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import (
    AuditTrail,
    Betrokkene,
    DigitaalAdres,
    Onderwerpobject,
    PartijIdentificator,
    Persoon,
    Rekeningnummer,
    Vertegenwoordigden,
)
from klantbeeld.privacy.models import Verwerkingsactie, Verwerkingsactiviteit
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import adres, nummer, persoon
from tests.support.beheer import beheer_login
from tests.workspace.test_klantbeeld import contact

pytestmark = pytest.mark.django_db


def beheerder(*rollen: Rol, naam: str = "beheer") -> Client:
    user = User.objects.create_superuser(naam, f"{naam}@example.nl", "een-lang-wachtwoord")
    user.groups.add(*(Group.objects.get(name=rol) for rol in rollen))
    return beheer_login(Client(), user)


@pytest.fixture
def register() -> dict[str, Any]:
    jan = persoon("Jan", "Openbaar")
    nummer(jan, "bsn", bsn(1))
    geheim = persoon("Geert", "Geheimhouding", indicatie_geheimhouding=True)
    nummer(geheim, "bsn", bsn(2))
    adres(geheim, "email", "geert@geheim.example")
    Rekeningnummer.objects.create(partij=geheim, iban="NL91ABNA0417164300")
    # A contact not marked confidential, with the secret person: it names her.
    over_geheim = contact(geheim, "Adreswijziging Geert")
    # A confidential contact with an ordinary person.
    vertrouwelijk = contact(jan, "Melding huiselijk geweld", vertrouwelijk=True)
    Onderwerpobject.objects.create(
        klantcontact=vertrouwelijk,
        onderwerpobjectidentificator_object_id="ZAAK-VERTROUWELIJK",
        onderwerpobjectidentificator_code_objecttype="zaak",
        onderwerpobjectidentificator_code_register="openzaak",
        onderwerpobjectidentificator_code_soort_object_id="uuid",
    )
    gewoon = contact(jan, "Vraag over afval")
    vertegenwoordiging = Vertegenwoordigden.objects.create(
        vertegenwoordigende_partij=jan, vertegenwoordigde_partij=geheim
    )
    AuditTrail.objects.create(
        resource="partij",
        resource_uuid=geheim.uuid,
        actie="create",
        nieuw={"naam": "Geert Geheimhouding"},
    )
    return {
        "jan": jan,
        "geheim": geheim,
        "over_geheim": over_geheim,
        "vertrouwelijk": vertrouwelijk,
        "gewoon": gewoon,
        "vertegenwoordiging": vertegenwoordiging,
    }


# Hidden rows and the admin pages that would show them.
def verborgen(r: dict[str, Any]) -> list[tuple[str, Any]]:
    geheim, vertrouwelijk = r["geheim"], r["vertrouwelijk"]
    return [
        ("partij", geheim),
        ("partijidentificator", PartijIdentificator.objects.get(identificeerde_partij=geheim)),
        ("digitaaladres", DigitaalAdres.objects.get(verstrekt_door_partij=geheim)),
        ("rekeningnummer", Rekeningnummer.objects.get(partij=geheim)),
        ("klantcontact", vertrouwelijk),
        ("klantcontact", r["over_geheim"]),
        ("betrokkene", Betrokkene.objects.get(had_klantcontact=vertrouwelijk)),
        ("betrokkene", Betrokkene.objects.get(was_partij=geheim)),
        ("onderwerpobject", Onderwerpobject.objects.get(klantcontact=vertrouwelijk)),
        ("vertegenwoordigden", r["vertegenwoordiging"]),
    ]


GEHEIME_TEKSTEN = (
    "Geheimhouding",
    bsn(2),
    "geert@geheim.example",
    "NL91ABNA0417164300",
    "huiselijk geweld",
    "Adreswijziging Geert",
    "ZAAK-VERTROUWELIJK",
)


def test_hidden_rows_are_not_listed_searched_or_filtered_without_the_role(register) -> None:
    admin = beheerder(Rol.FUNCTIONEEL_BEHEERDER)
    urls = [f"/admin/domain/{model}/" for model in {model for model, _ in verborgen(register)}] + [
        f"/admin/domain/partij/?q={bsn(2)}",
        "/admin/domain/partij/?q=Geheimhouding",
        "/admin/domain/partij/?indicatie_geheimhouding__exact=1",
        "/admin/domain/partijidentificator/?q=" + bsn(2),
        "/admin/domain/digitaaladres/?q=geert",
        "/admin/domain/klantcontact/?vertrouwelijk__exact=1",
        "/admin/domain/klantcontact/?q=geweld",
        "/admin/domain/audittrail/",
        f"/admin/domain/audittrail/?q={register['geheim'].uuid}",
        "/admin/domain/partij/?_facets=1",
    ]
    for url in urls:
        response = admin.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        # The search box shows what was typed; nothing else may.
        query = response.context["cl"].query
        page = page.replace(query, "") if query else page
        for tekst in GEHEIME_TEKSTEN:
            assert tekst not in page, (url, tekst)
    # What is not hidden is there.
    assert "Jan Openbaar" in admin.get("/admin/domain/partij/").content.decode()
    assert "Vraag over afval" in admin.get("/admin/domain/klantcontact/").content.decode()


def test_a_hidden_row_is_not_there_by_its_url_or_history(register) -> None:
    admin = beheerder(Rol.FUNCTIONEEL_BEHEERDER)
    onbekend = admin.get(f"/admin/domain/partij/{uuid.uuid4()}/change/", follow=True)
    for model, obj in verborgen(register):
        for pad in ("change", "history"):
            url = f"/admin/domain/{model}/{obj.pk}/{pad}/"
            response = admin.get(url)
            # The same answer as for a row that does not exist.
            assert response.status_code == 302 and response["Location"] == "/admin/", url
            page = admin.get(url, follow=True).content.decode()
            assert str(obj.pk) in page and "bestaat niet" in page
            for tekst in GEHEIME_TEKSTEN:
                assert tekst not in page, (url, tekst)
    assert "bestaat niet" in onbekend.content.decode()


def test_inlines_and_references_leave_hidden_rows_out(register) -> None:
    admin = beheerder(Rol.FUNCTIONEEL_BEHEERDER)
    jan = admin.get(f"/admin/domain/partij/{register['jan'].pk}/change/").content.decode()
    assert bsn(1) in jan  # its own identificator, inline
    for tekst in GEHEIME_TEKSTEN:
        assert tekst not in jan, tekst
    betrokkenen = admin.get("/admin/domain/betrokkene/").content.decode()
    assert "Jan Openbaar" in betrokkenen and "Geheimhouding" not in betrokkenen


def test_with_the_role_everything_is_there(register) -> None:
    admin = beheerder(Rol.FUNCTIONEEL_BEHEERDER, Rol.TEAMLEIDER)
    for model, obj in verborgen(register):
        assert admin.get(f"/admin/domain/{model}/{obj.pk}/change/").status_code == 200, model
    geheim = admin.get(f"/admin/domain/partij/{register['geheim'].pk}/change/").content.decode()
    assert "Geert" in geheim and bsn(2) in geheim and "geert@geheim.example" in geheim
    kc = admin.get(f"/admin/domain/klantcontact/{register['vertrouwelijk'].pk}/change/")
    assert "ZAAK-VERTROUWELIJK" in kc.content.decode()  # inline
    assert "huiselijk geweld" in admin.get("/admin/domain/klantcontact/").content.decode()
    assert "Geert" in admin.get("/admin/domain/partij/?q=Geheimhouding").content.decode()
    assert bsn(2) in admin.get(f"/admin/domain/partijidentificator/?q={bsn(2)}").content.decode()
    assert str(register["geheim"].uuid) in admin.get("/admin/domain/audittrail/").content.decode()


def test_confidential_processings_in_the_log_only_with_the_role(register) -> None:
    beheerder(Rol.TEAMLEIDER, naam="leider").get(
        f"/admin/domain/partij/{register['geheim'].pk}/change/"
    )
    [actie] = Verwerkingsactie.objects.filter(vertrouwelijkheid="vertrouwelijk")
    zonder = beheerder(Rol.FUNCTIONEEL_BEHEERDER)
    assert zonder.get(f"/admin/privacy/verwerkingsactie/{actie.pk}/change/").status_code == 302
    assert bsn(2) not in zonder.get("/admin/privacy/verwerkingsactie/").content.decode()


def test_every_look_at_a_persons_data_is_logged(register) -> None:
    admin = beheerder(Rol.FUNCTIONEEL_BEHEERDER)
    jan = register["jan"]
    identificator = PartijIdentificator.objects.get(identificeerde_partij=jan)
    betrokkene = Betrokkene.objects.get(had_klantcontact=register["gewoon"])
    pages = [
        (f"/admin/domain/partij/{jan.pk}/change/", "Beheer: partij bekijken"),
        ("/admin/domain/partij/", "Beheer: partijen lijst"),
        (f"/admin/domain/partij/{jan.pk}/history/", "Beheer: partij geschiedenis"),
        (
            f"/admin/domain/partijidentificator/{identificator.pk}/change/",
            "Beheer: partij-identificator bekijken",
        ),
        (
            f"/admin/domain/klantcontact/{register['gewoon'].pk}/change/",
            "Beheer: klantcontact bekijken",
        ),
        (
            f"/admin/domain/betrokkene/{betrokkene.pk}/change/",
            "Beheer: betrokkene bij klantcontact bekijken",
        ),
        ("/admin/domain/betrokkene/", "Beheer: betrokkenen bij klantcontact lijst"),
    ]
    for url, handeling in pages:
        before = Verwerkingsactie.objects.count()
        assert admin.get(url).status_code == 200, url
        assert Verwerkingsactie.objects.count() == before + 1, url
        actie = Verwerkingsactie.objects.order_by("-tijdstip_registratie", "-pk").first()
        assert actie is not None
        assert actie.handeling_naam.lower() == handeling.lower(), url
        assert (actie.actie_naam, actie.gebruiker) == ("Raadplegen", "beheer")
        assert actie.vertrouwelijkheid == "normaal"
        assert actie.activiteit.standaard_voor == ["beheer"]
        objecten = {(o.soort_object_id, o.object_id) for o in actie.verwerkte_objecten.all()}
        assert objecten == {("BSN", bsn(1))}, url
    # A page without a person (an empty list) logs nothing; nor does a hidden row's URL.
    before = Verwerkingsactie.objects.count()
    admin.get("/admin/domain/partij/?q=niemand")
    admin.get(f"/admin/domain/partij/{register['geheim'].pk}/change/")
    assert Verwerkingsactie.objects.count() == before


def test_confidential_data_shown_is_logged_confidential(register) -> None:
    admin = beheerder(Rol.BEHANDELAAR)
    admin.get(f"/admin/domain/klantcontact/{register['vertrouwelijk'].pk}/change/")
    admin.get(f"/admin/domain/partij/{register['geheim'].pk}/change/")
    admin.get(f"/admin/domain/klantcontact/{register['gewoon'].pk}/change/")
    acties = list(Verwerkingsactie.objects.order_by("tijdstip_registratie", "pk"))
    assert [a.vertrouwelijkheid for a in acties] == ["vertrouwelijk", "vertrouwelijk", "normaal"]
    assert {o.object_id for o in acties[1].verwerkte_objecten.all()} == {bsn(2)}


def test_a_contactgegevens_persoon_is_logged_by_its_uuid(db) -> None:
    iemand = Persoon.objects.create(geslachtsnaam="Pietersen", geboortedatum="1980-01-01")
    admin = beheerder()
    assert "Pietersen" in admin.get(f"/admin/domain/persoon/{iemand.pk}/change/").content.decode()
    [object_] = Verwerkingsactie.objects.get().verwerkte_objecten.all()
    assert (object_.soort_object_id, object_.object_id) == (
        "persoon (contactgegevens)",
        str(iemand.uuid),
    )


def test_without_a_processing_activity_the_admin_shows_no_personal_data(register) -> None:
    Verwerkingsactiviteit.objects.update(actief=False)
    admin = beheerder()
    response = admin.get(f"/admin/domain/partij/{register['jan'].pk}/change/")
    assert response.status_code == 400
    assert "Openbaar" not in response.content.decode()
    assert "verwerkingsactiviteit" in response.content.decode()
    assert not Verwerkingsactie.objects.exists()


def test_message_payloads_only_with_the_role(db) -> None:
    from klantbeeld.events.models import OutboxMessage

    bericht = OutboxMessage.objects.create(
        destination="nrc", ordering_key="k", payload={"kenmerken": {"naam": "Geert Geheim"}}
    )
    url = f"/admin/events/outboxmessage/{bericht.pk}/change/"
    zonder = beheerder(Rol.FUNCTIONEEL_BEHEERDER).get(url)
    assert zonder.status_code == 200
    assert "Geert Geheim" not in zonder.content.decode()
    met = beheerder(Rol.FUNCTIONEEL_BEHEERDER, Rol.TEAMLEIDER, naam="teamleider").get(url)
    assert "Geert Geheim" in met.content.decode()
