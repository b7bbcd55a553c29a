"""What residents and companies see of their own klantcontacten (cases.md R12, C6278, C4994):
only their own, confidential ones too, actors as team or organisation, messages, the
thread of a question and its answer, documents only of their own contact."""

from __future__ import annotations

import pytest

from klantbeeld.demo.numbers import bsn, kvk_nummer, vestigingsnummer
from klantbeeld.domain.models import (
    Actor,
    Betrokkene,
    Bijlage,
    Klantcontact,
    Partij,
    PartijIdentificator,
    Teamlid,
)
from klantbeeld.domain.services import eigen_contacten, opvolging
from klantbeeld.domain.services.eigen_contacten import (
    behandeld_door,
    berichten,
    eigen_contact,
    eigen_partijen,
    ontvangers,
    weergave,
)
from klantbeeld.domain.services.identiteit import Identiteit
from tests.domain.test_opvolging import BY, actor
from tests.domain.test_zoeken import nummer, persoon

pytestmark = pytest.mark.django_db
KVK, VESTIGING, ANDERE_VESTIGING = kvk_nummer(201), vestigingsnummer(201), vestigingsnummer(202)


def contact(
    partij: Partij | None,
    onderwerp: str = "Vraag",
    *,
    initiator: bool = True,
    actoren: tuple[Actor, ...] = (),
    **velden: object,
) -> Klantcontact:
    kc = Klantcontact.objects.create(
        kanaal=velden.pop("kanaal", "telefoon"),
        onderwerp=onderwerp,
        inhoud=velden.pop("inhoud", "Mijn vraag"),
        reactie=velden.pop("reactie", ""),
        taal="nld",
        vertrouwelijk=velden.pop("vertrouwelijk", False),
        indicatie_contact_gelukt=True,
    )
    Betrokkene.objects.create(
        had_klantcontact=kc, was_partij=partij, rol="klant", initiator=initiator
    )
    for a in actoren:
        kc.actoren.add(a)
    return kc


@pytest.fixture
def jan() -> Partij:
    partij = persoon("Jan", "Jansen", interne_notitie="Belt vaak boos op")
    nummer(partij, "bsn", bsn(101))
    return partij


@pytest.fixture
def anna() -> Partij:
    partij = persoon("Anna", "de Boer")
    nummer(partij, "bsn", bsn(102))
    return partij


@pytest.fixture
def bedrijf() -> dict[str, Partij]:
    """A company (KVK-nummer) with two vestigingen, each its own partij."""
    organisatie = Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Bakkerij"
    )
    nummer(organisatie, "kvk_nummer", KVK, "niet_natuurlijk_persoon")
    kvk = organisatie.partij_identificatoren.get()
    vestigingen = {}
    for naam, vestigingsnr in (("winkel", VESTIGING), ("markt", ANDERE_VESTIGING)):
        partij = Partij.objects.create(soort_partij="organisatie", indicatie_actief=True, naam=naam)
        PartijIdentificator.objects.create(
            identificeerde_partij=partij,
            partij_identificator_code_objecttype="vestiging",
            partij_identificator_code_soort_object_id="vestigingsnummer",
            partij_identificator_object_id=vestigingsnr,
            partij_identificator_code_register="hr",
            sub_identificator_van=kvk,
        )
        vestigingen[naam] = partij
    return {"organisatie": organisatie, **vestigingen}


def test_c6278_a_person_sees_their_own_contacts_confidential_ones_too(jan: Partij, anna: Partij):
    eigen = contact(jan, "Paspoort")
    geheim = contact(jan, "Schuldhulp", vertrouwelijk=True)
    van_anna = contact(anna, "Parkeren")
    zonder_partij = contact(None, "Anoniem")

    partijen = eigen_partijen(Identiteit(bsn=bsn(101)))

    assert partijen == [jan]
    gezien = list(eigen_contacten.eigen_contacten(partijen))
    assert set(gezien) == {eigen, geheim}
    assert eigen_contact(partijen, geheim.uuid) == geheim
    assert eigen_contact(partijen, van_anna.uuid) is None
    assert eigen_contact(partijen, zonder_partij.uuid) is None


def test_nobody_without_a_partij_sees_anything(jan: Partij):
    contact(jan)
    partijen = eigen_partijen(Identiteit(bsn=bsn(103)))
    assert partijen == []
    assert list(eigen_contacten.eigen_contacten(partijen)) == []
    assert eigen_contact(partijen, Klantcontact.objects.get().uuid) is None
    assert not Partij.objects.filter(
        partij_identificatoren__partij_identificator_object_id=bsn(103)
    )


def test_a_vestiging_sees_its_own_and_the_organisations_contacts(bedrijf: dict[str, Partij]):
    algemeen = contact(bedrijf["organisatie"], "Reclamebelasting")
    winkel = contact(bedrijf["winkel"], "Terrasvergunning")
    markt = contact(bedrijf["markt"], "Standplaats")

    vestiging = eigen_partijen(Identiteit(kvk_nummer=KVK, vestigingsnummer=VESTIGING))
    geheel = eigen_partijen(Identiteit(kvk_nummer=KVK))

    assert set(vestiging) == {bedrijf["winkel"], bedrijf["organisatie"]}
    assert set(eigen_contacten.eigen_contacten(vestiging)) == {algemeen, winkel}
    assert eigen_contact(vestiging, markt.uuid) is None
    # Logged in for the whole company: the organisation and all its vestigingen.
    assert set(eigen_contacten.eigen_contacten(geheel)) == {algemeen, winkel, markt}
    assert (
        eigen_contacten.eigen_contacten(
            eigen_partijen(Identiteit(kvk_nummer=kvk_nummer(9)))
        ).count()
        == 0
    )


def test_a_vestiging_of_the_organisation_itself(bedrijf: dict[str, Partij]):
    """The usual case (identiteit.partij_van): the vestigingsnummer is the organisation's
    sub-identificator, so both logins are the organisation."""
    organisatie = Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Slagerij"
    )
    nummer(organisatie, "kvk_nummer", kvk_nummer(301), "niet_natuurlijk_persoon")
    PartijIdentificator.objects.create(
        identificeerde_partij=organisatie,
        partij_identificator_code_objecttype="vestiging",
        partij_identificator_code_soort_object_id="vestigingsnummer",
        partij_identificator_object_id=vestigingsnummer(301),
        partij_identificator_code_register="hr",
        sub_identificator_van=organisatie.partij_identificatoren.get(),
    )
    assert eigen_partijen(
        Identiteit(kvk_nummer=kvk_nummer(301), vestigingsnummer=vestigingsnummer(301))
    ) == [organisatie]


def test_actors_are_shown_as_team_or_organisation_never_by_name(settings, jan: Partij):
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    lisa = actor("Lisa van Dijk")
    kees = actor("Kees Bakker")
    vergunningen = actor("Vergunningen", "organisatorische_eenheid")
    Teamlid.objects.create(team=vergunningen, medewerker=lisa)
    mailverwerker = actor("Mailverwerker", "geautomatiseerde_actor")

    assert behandeld_door([lisa]) == "Vergunningen"
    assert behandeld_door([kees]) == "Gemeente Voorbeeld"
    assert behandeld_door([mailverwerker]) == "Gemeente Voorbeeld"
    assert behandeld_door([vergunningen, lisa]) == "Vergunningen"
    assert behandeld_door([]) == "Gemeente Voorbeeld"

    kc = contact(jan, actoren=(lisa, kees))
    partijen = [jan]
    getoond = weergave(eigen_contact(partijen, kc.uuid), partijen)
    assert "Lisa" not in getoond.behandeld_door and "Kees" not in getoond.behandeld_door
    assert getoond.behandeld_door == "Gemeente Voorbeeld, Vergunningen"  # by actor name
    # What a resident is shown has no place for tasks or internal notes.
    velden = set(getoond.__dataclass_fields__)
    assert not velden & {"interne_notitie", "interne_taken", "toelichting", "betrokkenen"}


def test_c4994_messages_are_the_outbound_contacts(jan: Partij, anna: Partij):
    vraag = contact(jan, "Vraag")
    bericht = contact(jan, "Uw aanvraag", initiator=False)
    voor_anna = contact(anna, "Ook een bericht", initiator=False)

    assert list(berichten([jan])) == [bericht]
    assert ontvangers(bericht, [jan]) == [jan]
    assert ontvangers(vraag, [jan]) == []
    assert ontvangers(voor_anna, [jan]) == []
    assert weergave(eigen_contact([jan], bericht.uuid), [jan]).uitgaand
    assert not weergave(eigen_contact([jan], vraag.uuid), [jan]).uitgaand


def test_r9_the_thread_of_a_question_and_its_answer(jan: Partij):
    team = actor("KCC", "organisatorische_eenheid")
    sanne = actor("Sanne de Vries")
    Teamlid.objects.create(team=team, medewerker=sanne)
    vraag = contact(jan, "Afvalpas", kanaal="mijngemeente")
    taak = opvolging.vraag_opvolging_aan(
        vraag, gevraagde_handeling="Opvolgen klantcontact", toegewezen_aan=[team], door=sanne, by=BY
    )
    antwoord = opvolging.leg_contact_vast(
        taak,
        medewerker=sanne,
        by=BY,
        kanaal="mijngemeente",
        verslag="U krijgt een nieuwe pas.",
        gelukt=None,
        afronden=True,
    )
    partijen = [jan]

    assert eigen_contacten.draad(vraag, partijen) == [antwoord]
    assert eigen_contacten.vervolg_op(antwoord, partijen) == vraag
    assert eigen_contacten.vervolg_op(vraag, partijen) is None
    assert list(berichten(partijen)) == [antwoord]
    assert weergave(antwoord, partijen).behandeld_door == "KCC"


def test_documents_only_of_the_own_contact(jan: Partij, anna: Partij):
    eigen = contact(jan)
    ander = contact(anna)
    document = {
        "bijlageidentificator_code_objecttype": "zgw-EnkelvoudigInformatieObject",
        "bijlageidentificator_code_register": "openzaak",
        "bijlageidentificator_code_soort_object_id": "uuid",
        "bijlageidentificator_object_id": "0f1b5a55-3c83-4d0e-8b5a-7b4c1b0b6a10",
    }
    mijn = Bijlage.objects.create(was_bijlage_van_klantcontact=eigen, **document)
    van_anna = Bijlage.objects.create(was_bijlage_van_klantcontact=ander, **document)
    formulier = Bijlage.objects.create(
        was_bijlage_van_klantcontact=eigen,
        bijlageidentificator_code_objecttype="formulier",
        bijlageidentificator_code_register="objecten",
        bijlageidentificator_code_soort_object_id="uuid",
        bijlageidentificator_object_id="5d1f0d7e-2f44-4c1e-9a61-64b6cf4f4c53",
    )

    assert eigen_contacten.document([jan], eigen.uuid, mijn.uuid) == mijn
    # Another's document, also asked for under one's own contact.
    assert eigen_contacten.document([jan], ander.uuid, van_anna.uuid) is None
    assert eigen_contacten.document([jan], eigen.uuid, van_anna.uuid) is None
    assert eigen_contacten.document([jan], eigen.uuid, formulier.uuid) is None
    assert weergave(eigen_contact([jan], eigen.uuid), [jan]).documenten == [mijn]
