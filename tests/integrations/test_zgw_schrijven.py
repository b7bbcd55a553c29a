"""Zaken and documents created from klantcontacten in a local ZGW register over real HTTP,
and linked both ways (cases C9761, C4390, C0359, C2716, C9018, C0300)."""

from __future__ import annotations

import base64
import uuid

import httpx
import pytest

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Bijlage, Klantcontact, Onderwerpobject, Partij
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.zaken import (
    Bestand,
    Contactgegevens,
    GeenBetrokkene,
    RegisterFout,
    Zaakverwijzing,
    document_toevoegen,
    koppel_zaak,
    rol_toevoegen,
    zaak_aanmaken,
)
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from klantbeeld.events.worker import deliver_next
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from standins.zgw import LocalZgw
from tests.cases.helpers import (
    ZAAK_AANMAKEN,
    Betrokkene,
    afhandelen,
    contacten_over,
    digitaal_adres,
    document,
    get,
    medewerker,
    naam,
    persoon,
    register,
    taak,
    zaak,
)
from tests.integrations.conftest import RSIN, drain

pytestmark = pytest.mark.django_db

WERKPLEK = ChangeContext(
    applicatie="Werkplek", gebruikers_id="kcc-007", gebruikers_weergave="Sanne de Vries"
)


def klantcontact_van(data: dict) -> Klantcontact:
    return Klantcontact.objects.get(uuid=data["uuid"])


def rollen_van(zgw: LocalZgw, zaak_url: str) -> list[dict]:
    return [r for r in zgw.objects("rollen") if r["zaak"] == zaak_url]


def test_c9761_a_zaak_created_from_a_call_back_is_linked_both_ways(zgw: LocalZgw, ki, settings):
    settings.KLANTBEELD_BASE_URL = "https://klanten.example.nl"
    medewerker_ = medewerker(ki, "Sanne de Vries")
    jan = persoon(ki, 1, "Jan", "Jansen")
    adres = digitaal_adres(ki, "email", "jan@example.nl", partij=jan)
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Terugbelverzoek: dakkapel",
        actoren=[medewerker_],
        betrokkenen=[Betrokkene(partij=jan)],
    )
    terugbellen = taak(ki, kc, "Terugbellen", medewerker_)
    zaaktype = zgw.zaaktype("PARKEERVERGUNNING")["url"]

    verwijzing = zaak_aanmaken(
        klantcontact_van(kc),
        zaaktype=zaaktype,
        omschrijving="Vergunning dakkapel",
        register=ZgwZakenregister(by=WERKPLEK),
        by=WERKPLEK,
    )
    afhandelen(ki, terugbellen, f"Zaak {verwijzing.identificatie} aangemaakt")

    [stored] = [z for z in zgw.objects("zaken") if z["url"] == verwijzing.url]
    assert stored["zaaktype"] == zaaktype
    assert stored["omschrijving"] == "Vergunning dakkapel"
    assert stored["bronorganisatie"] == RSIN
    assert stored["communicatiekanaalNaam"] == "telefoon"
    [initiator] = rollen_van(zgw, verwijzing.url)
    assert initiator["omschrijvingGeneriek"] == "initiator"
    assert initiator["betrokkeneType"] == "natuurlijk_persoon"
    assert initiator["betrokkeneIdentificatie"]["inpBsn"] == bsn(1)
    assert initiator["betrokkeneIdentificatie"]["geslachtsnaam"] == "Jansen"
    assert initiator["contactpersoonRol"]["emailadres"] == adres["adres"]

    # Klantbeeld's side: found by the zaak's uuid (R10), the zaaktype as main subject.
    [gevonden] = contacten_over(ki, zaak(verwijzing.uuid))
    assert gevonden["uuid"] == kc["uuid"]
    assert gevonden["hoofdOnderwerpType"] == zaaktype
    assert get(ki, "internetaken", terugbellen["uuid"])["status"] == "verwerkt"

    # The register's side, once the worker has sent the link: a zaakobject naming the
    # klantcontact, made as the employee (the register's audit trail names them).
    assert zgw.objects("zaakobjecten") == []
    drain()
    [link] = zgw.objects("zaakobjecten")
    assert link["zaak"] == verwijzing.url
    assert link["objectType"] == "overige"
    assert link["objectTypeOverige"] == "klantcontact"
    assert link["relatieomschrijving"] == f"Klantcontact {kc['nummer']}"
    assert link["objectIdentificatie"]["overigeData"] == {
        "klantcontact": (
            f"https://klanten.example.nl/klantinteracties/api/v1/klantcontacten/{kc['uuid']}"
        ),
        "nummer": kc["nummer"],
    }
    writes = [r for r in zgw.received if r.method == "POST"]
    assert {r.claims["user_id"] for r in writes} == {"kcc-007"}
    assert {r.claims["user_representation"] for r in writes} == {"Sanne de Vries"}


def test_c4390_a_reporter_who_is_not_identified_gets_a_rol_with_contact_data(zgw: LocalZgw, ki):
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Losse stoeptegel",
        inhoud="Stoeptegel los voor Dorpsstraat 12",
        actoren=[medewerker(ki, "Sanne de Vries")],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam("Piet", "Bakker"),
                adressen=[("telefoonnummer", "0612345678", "mobiel")],
            )
        ],
    )
    verwijzing = zaak_aanmaken(
        klantcontact_van(kc),
        zaaktype=zgw.zaaktype("MOR")["url"],
        omschrijving="Losse stoeptegel Dorpsstraat 12",
        register=ZgwZakenregister(),
        by=WERKPLEK,
    )
    [rol] = rollen_van(zgw, verwijzing.url)
    assert rol["betrokkeneType"] == "natuurlijk_persoon"
    assert (
        "inpBsn" not in rol["betrokkeneIdentificatie"]
        or not rol["betrokkeneIdentificatie"]["inpBsn"]
    )
    assert rol["contactpersoonRol"]["naam"] == "Piet Bakker"
    assert rol["contactpersoonRol"]["telefoonnummer"] == "0612345678"
    assert [k["uuid"] for k in contacten_over(ki, zaak(verwijzing.uuid))] == [kc["uuid"]]


def test_c0359_a_report_about_an_existing_zaak_adds_a_rol_and_links_the_contact(zgw: LocalZgw, ki):
    bestaand = zgw.add_zaak("MOR", omschrijving="Kapotte lantaarnpaal", bsn=bsn(2))
    zaken_voor = len(zgw.objects("zaken"))
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Kapotte lantaarnpaal",
        actoren=[medewerker(ki, "Sanne de Vries")],
        betrokkenen=[Betrokkene(contactnaam=naam("Els", "Visser"))],
        onderwerpobjecten=[zaak(bestaand["uuid"])],  # through the API, as any client would
    )
    register_ = ZgwZakenregister()
    rol_toevoegen(
        register_.zaak(bestaand["uuid"]),
        register=register_,
        contact=Contactgegevens(naam="Els Visser", emailadres="els@example.nl"),
    )
    drain()

    assert len(zgw.objects("zaken")) == zaken_voor
    rollen = rollen_van(zgw, bestaand["url"])
    assert len(rollen) == 2
    assert rollen[-1]["omschrijvingGeneriek"] == "belanghebbende"
    assert rollen[-1]["contactpersoonRol"]["emailadres"] == "els@example.nl"
    [link] = zgw.objects("zaakobjecten")
    assert link["zaak"] == bestaand["url"]
    assert link["objectIdentificatie"]["overigeData"]["klantcontact"].endswith(
        f"/klantcontacten/{kc['uuid']}"
    )


def test_c2716_a_zaak_made_from_a_task_gets_the_contacts_documents(zgw: LocalZgw, ki):
    """The back office makes the zaak a task asked for; the documents the resident sent with
    the contact (already in the Documenten API) are related to the new zaak."""
    # A document the resident sent earlier, of a type the new zaak's zaaktype allows.
    formulier = zgw.add_document(
        zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Eerdere aanvraag"), "Tekening dakkapel"
    )
    backoffice = medewerker(ki, "Ahmed Yilmaz", "Vergunningverlener")
    jan = persoon(ki, 1, "Jan", "Jansen")
    kc = register(
        ki,
        kanaal="email",
        onderwerp="Aanvraag dakkapel",
        actoren=[medewerker(ki, "Sanne de Vries")],
        betrokkenen=[Betrokkene(partij=jan)],
        bijlagen=[document(formulier["url"].rsplit("/", 1)[-1])],
    )
    opdracht = taak(ki, kc, ZAAK_AANMAKEN, backoffice)
    verwijzing = zaak_aanmaken(
        klantcontact_van(kc),
        zaaktype=zgw.zaaktype("PARKEERVERGUNNING")["url"],
        omschrijving="Aanvraag dakkapel",
        register=ZgwZakenregister(),
        by=WERKPLEK,
    )
    afhandelen(ki, opdracht, verwijzing.identificatie)
    drain()

    relaties = [r for r in zgw.objects("zaakinformatieobjecten") if r["zaak"] == verwijzing.url]
    assert [r["informatieobject"] for r in relaties] == [formulier["url"]]
    assert [k["uuid"] for k in contacten_over(ki, zaak(verwijzing.uuid))] == [kc["uuid"]]


def test_c0300_a_resident_adds_a_document_to_their_own_zaak(zgw: LocalZgw, ki):
    jan = persoon(ki, 1, "Jan", "Jansen")
    eigen = zgw.add_zaak("SUBSIDIE", omschrijving="Subsidie zonnepanelen", bsn=bsn(1))
    kc = register(
        ki,
        kanaal="mijngemeente",
        onderwerp=f"Aanvulling op {eigen['identificatie']}",
        inhoud="Hierbij de offerte.",
        actoren=[medewerker(ki, "Portaal")],
        betrokkenen=[Betrokkene(partij=jan)],
    )
    register_ = ZgwZakenregister()
    bijlage = document_toevoegen(
        klantcontact_van(kc),
        register_.zaak(eigen["url"]),
        bestand=Bestand("offerte.pdf", b"%PDF-1.4 offerte", "application/pdf"),
        titel="Offerte zonnepanelen",
        register=register_,
        by=WERKPLEK,
        namens=Partij.objects.get(uuid=jan["uuid"]),
    )
    drain()

    [eio] = [
        d
        for d in zgw.objects("enkelvoudiginformatieobjecten")
        if d["titel"] == "Offerte zonnepanelen"
    ]
    assert bijlage.bijlageidentificator_object_id == eio["url"].rsplit("/", 1)[-1]
    assert eio["bestandsnaam"] == "offerte.pdf"
    assert eio["auteur"] == "Sanne de Vries"
    assert eio["bronorganisatie"] == RSIN
    download = httpx.get(eio["inhoud"], headers=_auth_headers())
    assert download.content == b"%PDF-1.4 offerte"
    relaties = [r for r in zgw.objects("zaakinformatieobjecten") if r["zaak"] == eigen["url"]]
    assert [r["informatieobject"] for r in relaties] == [eio["url"]]
    [over] = contacten_over(ki, zaak(eigen["uuid"]))
    assert over["uuid"] == kc["uuid"]


def test_c0300_a_document_for_someone_elses_zaak_is_refused(zgw: LocalZgw, ki):
    jan = persoon(ki, 1, "Jan", "Jansen")
    ander = zgw.add_zaak("SUBSIDIE", omschrijving="Van een ander", bsn=bsn(2))
    kc = register(
        ki,
        kanaal="mijngemeente",
        onderwerp="Aanvulling",
        actoren=[medewerker(ki, "Portaal")],
        betrokkenen=[Betrokkene(partij=jan)],
    )
    documenten_voor = len(zgw.objects("enkelvoudiginformatieobjecten"))
    register_ = ZgwZakenregister()
    with pytest.raises(GeenBetrokkene):
        document_toevoegen(
            klantcontact_van(kc),
            register_.zaak(ander["url"]),
            bestand=Bestand("x.pdf", b"%PDF"),
            titel="Niet van mij",
            register=register_,
            by=WERKPLEK,
            namens=Partij.objects.get(uuid=jan["uuid"]),
        )
    assert len(zgw.objects("enkelvoudiginformatieobjecten")) == documenten_voor
    assert not Bijlage.objects.exists()
    assert not Onderwerpobject.objects.exists()


def test_linking_waits_for_a_register_that_is_down_and_is_done_once(zgw: LocalZgw, ki):
    bestaand = zgw.add_zaak("MOR", omschrijving="Overlast", bsn=bsn(2))
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Overlast",
        actoren=[medewerker(ki, "Sanne de Vries")],
    )
    verwijzing = ZgwZakenregister().zaak(bestaand["url"])
    zgw.failing = True
    koppel_zaak(klantcontact_van(kc), verwijzing, WERKPLEK)
    with httpx.Client(timeout=5) as client:
        deliver_next(client)
    [message] = OutboxMessage.objects.filter(destination="zgw")
    assert message.status == OutboxStatus.PENDING
    assert "HTTP 503" in message.last_error

    zgw.failing = False
    OutboxMessage.objects.update(next_attempt_at=message.aangemaakt_op)
    drain()
    message.refresh_from_db()
    assert message.status == OutboxStatus.DELIVERED
    # Sent again (as after a crash before it was marked): no second link.
    OutboxMessage.objects.update(status=OutboxStatus.PENDING)
    drain()
    assert len(zgw.objects("zaakobjecten")) == 1


def test_linking_twice_in_klantbeeld_makes_one_onderwerpobject(zgw: LocalZgw, ki):
    bestaand = zgw.add_zaak("MOR", omschrijving="Overlast", bsn=bsn(2))
    kc = klantcontact_van(
        register(ki, kanaal="telefoon", onderwerp="Overlast", actoren=[medewerker(ki, "S")])
    )
    verwijzing = ZgwZakenregister().zaak(bestaand["uuid"])
    first = koppel_zaak(kc, verwijzing, WERKPLEK)
    assert koppel_zaak(kc, verwijzing, WERKPLEK) == first
    assert OutboxMessage.objects.filter(destination="zgw").count() == 1


def test_a_zaak_is_found_by_uuid_or_url_and_an_unknown_one_is_explained(zgw: LocalZgw):
    bestaand = zgw.add_zaak("MOR", omschrijving="Overlast", bsn=bsn(2))
    register_ = ZgwZakenregister()
    assert register_.zaak(bestaand["uuid"]).url == bestaand["url"]
    assert register_.zaak(bestaand["url"]).identificatie == bestaand["identificatie"]
    onbekend = str(uuid.uuid4())
    with pytest.raises(RegisterFout, match=f"Zaak {onbekend} is in geen enkel"):
        register_.zaak(onbekend)


def test_without_the_organisations_rsin_no_zaak_is_made(zgw: LocalZgw, ki, settings):
    settings.KLANTBEELD_ORGANISATIE_RSIN = ""
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Melding",
        actoren=[medewerker(ki, "S")],
        betrokkenen=[Betrokkene(partij=persoon(ki, 1, "Jan", "Jansen"))],
    )
    zaken_voor = len(zgw.objects("zaken"))
    with pytest.raises(RegisterFout, match="KLANTBEELD_ORGANISATIE_RSIN"):
        zaak_aanmaken(
            klantcontact_van(kc),
            zaaktype=zgw.zaaktype("MOR")["url"],
            omschrijving="Melding",
            register=ZgwZakenregister(),
            by=WERKPLEK,
        )
    assert len(zgw.objects("zaken")) == zaken_voor
    assert not Onderwerpobject.objects.exists()


def test_a_register_refusal_is_explained_and_changes_nothing(zgw: LocalZgw, ki):
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Melding",
        actoren=[medewerker(ki, "S")],
        betrokkenen=[Betrokkene(partij=persoon(ki, 1, "Jan", "Jansen"))],
    )
    onbekend_zaaktype = f"{zgw.catalogi_root}/zaaktypen/{uuid.uuid4()}"
    with pytest.raises(RegisterFout, match="HTTP 400"):
        zaak_aanmaken(
            klantcontact_van(kc),
            zaaktype=onbekend_zaaktype,
            omschrijving="Melding",
            register=ZgwZakenregister(),
            by=WERKPLEK,
        )
    assert not Onderwerpobject.objects.exists()


# -- the rules, with a register that does what it is told -------------------------------------


class Kladblok:
    """A Zakenregister that records calls and fails where a test says so."""

    def __init__(self, rol_fout: bool = False) -> None:
        self.rol_fout = rol_fout
        self.verwijderd: list[str] = []
        self.zaken: list[Zaakverwijzing] = []

    def maak_zaak(self, **kwargs: str) -> Zaakverwijzing:
        zaak = Zaakverwijzing(
            url=f"https://zaken.example.nl/zaken/{len(self.zaken)}",
            uuid=str(uuid.uuid4()),
            identificatie=f"ZAAK-{len(self.zaken)}",
            zaaktype=kwargs["zaaktype"],
        )
        self.zaken.append(zaak)
        return zaak

    def voeg_rol_toe(self, zaak: Zaakverwijzing, **kwargs: object) -> None:
        if self.rol_fout:
            raise RegisterFout("Open Zaak: antwoordde met HTTP 400: roltype: onbekend")

    def verwijder_zaak(self, zaak: Zaakverwijzing) -> None:
        self.verwijderd.append(zaak.url)


def test_a_zaak_whose_initiator_cannot_be_added_is_removed_again(ki):
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Melding",
        actoren=[medewerker(ki, "S")],
        betrokkenen=[Betrokkene(partij=persoon(ki, 1, "Jan", "Jansen"))],
    )
    kladblok = Kladblok(rol_fout=True)
    with pytest.raises(RegisterFout, match="roltype"):
        zaak_aanmaken(
            klantcontact_van(kc),
            zaaktype="https://catalogi.example.nl/zaaktypen/1",
            omschrijving="Melding",
            register=kladblok,  # type: ignore[arg-type]
            by=WERKPLEK,
        )
    assert kladblok.verwijderd == [kladblok.zaken[0].url]
    assert not Onderwerpobject.objects.exists()


def test_a_zaak_needs_someone_to_start_it(ki):
    kc = register(ki, kanaal="telefoon", onderwerp="Melding", actoren=[medewerker(ki, "S")])
    kladblok = Kladblok()
    with pytest.raises(RegisterFout, match="Geen initiator"):
        zaak_aanmaken(
            klantcontact_van(kc),
            zaaktype="https://catalogi.example.nl/zaaktypen/1",
            omschrijving="Melding",
            register=kladblok,  # type: ignore[arg-type]
            by=WERKPLEK,
        )
    assert kladblok.zaken == []


def _auth_headers() -> dict[str, str]:
    from klantbeeld.zgw_auth import zgw_jwt
    from tests.integrations.conftest import SECRET

    return {"Authorization": f"Bearer {zgw_jwt('klantbeeld', SECRET)}"}


def test_bestand_inhoud_is_sent_base64(zgw: LocalZgw, ki):
    jan = persoon(ki, 1, "Jan", "Jansen")
    eigen = zgw.add_zaak("SUBSIDIE", omschrijving="Subsidie", bsn=bsn(1))
    kc = register(
        ki,
        kanaal="balie",
        onderwerp="Aanvulling",
        actoren=[medewerker(ki, "S")],
        betrokkenen=[Betrokkene(partij=jan)],
    )
    register_ = ZgwZakenregister()
    document_toevoegen(
        klantcontact_van(kc),
        register_.zaak(eigen["url"]),
        bestand=Bestand("a.txt", "één".encode(), "text/plain"),
        titel="Notitie",
        register=register_,
        by=WERKPLEK,
    )
    [post] = [
        r
        for r in zgw.received
        if r.method == "POST" and r.path.endswith("/enkelvoudiginformatieobjecten")
    ]
    assert base64.b64decode(post.body["inhoud"]) == "één".encode()
    assert post.body["taal"] == "dut"


def test_a_zaak_that_cannot_be_removed_again_is_named_for_manual_repair(ki):
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Melding",
        actoren=[medewerker(ki, "S")],
        betrokkenen=[Betrokkene(partij=persoon(ki, 1, "Jan", "Jansen"))],
    )

    class OokVerwijderenFaalt(Kladblok):
        def verwijder_zaak(self, zaak: Zaakverwijzing) -> None:
            raise RegisterFout("Open Zaak: gaf geen antwoord binnen 5 s")

    with pytest.raises(RegisterFout, match="ZAAK-0 is aangemaakt maar niet afgemaakt"):
        zaak_aanmaken(
            klantcontact_van(kc),
            zaaktype="https://catalogi.example.nl/zaaktypen/1",
            omschrijving="Melding",
            register=OokVerwijderenFaalt(rol_fout=True),  # type: ignore[arg-type]
            by=WERKPLEK,
        )
    assert not Onderwerpobject.objects.exists()


def test_a_contact_person_starts_the_zaak_for_their_organisation(zgw: LocalZgw, ki):
    from klantbeeld.demo.numbers import kvk_nummer
    from tests.cases.helpers import contactpersoon, organisatie

    bakkerij = organisatie(ki, 3, "Bakkerij De Korf")
    els = contactpersoon(ki, bakkerij, "Els", "Visser")
    digitaal_adres(ki, "email", "els@dekorf.nl", partij=els)
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Terrasvergunning",
        actoren=[medewerker(ki, "S")],
        betrokkenen=[Betrokkene(partij=els)],
    )
    register_ = ZgwZakenregister()
    verwijzing = zaak_aanmaken(
        klantcontact_van(kc),
        zaaktype=zgw.zaaktype("SUBSIDIE")["url"],
        omschrijving="Subsidie terras",
        register=register_,
        by=WERKPLEK,
    )
    [rol] = rollen_van(zgw, verwijzing.url)
    assert rol["betrokkeneType"] == "niet_natuurlijk_persoon"
    assert rol["betrokkeneIdentificatie"]["kvkNummer"] == kvk_nummer(3)
    assert rol["contactpersoonRol"] == {
        "naam": "Els Visser",
        "emailadres": "els@dekorf.nl",
    } | {k: v for k, v in rol["contactpersoonRol"].items() if k not in ("naam", "emailadres")}
    # Both the organisation and its contact person count as party to the zaak.
    assert register_.is_betrokkene(verwijzing, Partij.objects.get(uuid=bakkerij["uuid"]))
    assert register_.is_betrokkene(verwijzing, Partij.objects.get(uuid=els["uuid"]))
    assert not register_.is_betrokkene(
        verwijzing, Partij.objects.get(uuid=persoon(ki, 1, "Jan", "Jansen")["uuid"])
    )


def test_references_that_are_no_uuid_or_url_are_sent_nowhere(zgw: LocalZgw, ki):
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Melding",
        actoren=[medewerker(ki, "S")],
        onderwerpobjecten=[
            {**zaak("x"), "objectId": "../../../admin/"},
            {**zaak("x"), "objectId": "ZAAK-2026-0000001"},
        ],
    )
    assert kc["uuid"]
    assert not OutboxMessage.objects.filter(destination="zgw").exists()


def test_a_url_of_another_kind_of_resource_is_not_taken_for_a_zaak(zgw: LocalZgw):
    bestaand = zgw.add_zaak("MOR", omschrijving="Overlast", bsn=bsn(2))
    rol = rollen_van(zgw, bestaand["url"])[0]
    register_ = ZgwZakenregister()
    with pytest.raises(RegisterFout, match="is geen zaak van"):
        register_.zaak(rol["url"])
    with pytest.raises(RegisterFout, match="Zaken API"):
        register_.zaak(zgw.zaaktype("MOR")["url"])


def test_the_zaakcontactmoment_relation_is_refused_by_open_zaak_and_holds_up_nothing(
    zgw: LocalZgw, ki, settings
):
    """With KLANTBEELD_ZGW_KLANTCONTACT_RELATIE=zaakcontactmoment a register like Open Zaak
    refuses the link (not a Contactmomenten API URL): a refusal that will stay, so it is
    marked failed at once (not tried again) and says why, and the document link of the same
    contact is made regardless."""
    settings.KLANTBEELD_ZGW_KLANTCONTACT_RELATIE = "zaakcontactmoment"
    jan = persoon(ki, 1, "Jan", "Jansen")
    eigen = zgw.add_zaak("SUBSIDIE", omschrijving="Subsidie", bsn=bsn(1))
    kc = register(
        ki,
        kanaal="balie",
        onderwerp="Aanvulling",
        actoren=[medewerker(ki, "S")],
        betrokkenen=[Betrokkene(partij=jan)],
    )
    register_ = ZgwZakenregister()
    document_toevoegen(
        klantcontact_van(kc),
        register_.zaak(eigen["url"]),
        bestand=Bestand("a.pdf", b"%PDF"),
        titel="Offerte",
        register=register_,
        by=WERKPLEK,
    )
    drain()
    contactmoment = OutboxMessage.objects.get(payload__opdracht="zaakcontactmoment")
    assert (contactmoment.status, contactmoment.attempts) == (OutboxStatus.DEAD, 1)
    assert "Contactmomenten API" in contactmoment.last_error
    assert OutboxMessage.objects.get(payload__opdracht="zaakinformatieobject").status == (
        OutboxStatus.DELIVERED
    )
    assert [r["zaak"] for r in zgw.objects("zaakinformatieobjecten")] == [eigen["url"]]


def test_without_a_relation_only_the_onderwerpobject_links(zgw: LocalZgw, ki, settings):
    settings.KLANTBEELD_ZGW_KLANTCONTACT_RELATIE = "geen"
    bestaand = zgw.add_zaak("MOR", omschrijving="Overlast", bsn=bsn(2))
    register(
        ki,
        kanaal="telefoon",
        onderwerp="Overlast",
        actoren=[medewerker(ki, "S")],
        onderwerpobjecten=[zaak(bestaand["uuid"])],
    )
    assert not OutboxMessage.objects.filter(destination="zgw").exists()


def test_an_onderwerpobject_pointed_at_a_zaak_later_links_it(zgw: LocalZgw, ki):
    bestaand = zgw.add_zaak("MOR", omschrijving="Overlast", bsn=bsn(2))
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Overlast",
        actoren=[medewerker(ki, "S")],
        onderwerpobjecten=[{**zaak(bestaand["uuid"]), "codeObjecttype": "onbekend"}],
    )
    [ow] = Onderwerpobject.objects.filter(klantcontact__uuid=kc["uuid"])
    assert not OutboxMessage.objects.filter(destination="zgw").exists()
    response = ki.patch(
        f"onderwerpobjecten/{ow.uuid}", {"onderwerpobjectidentificator": zaak(bestaand["uuid"])}
    )
    assert response.status_code == 200, response
    drain()
    [link] = zgw.objects("zaakobjecten")
    assert link["zaak"] == bestaand["url"]
