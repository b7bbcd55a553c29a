"""What a signed-in user does is recorded for whom it is and by whom (cases.md C4823,
C4161-form): partijen only when an action needs them (R3), the representation between
them, and the betrokkenen of the contact."""

from __future__ import annotations

import pytest

from klantbeeld.domain.models import Actor, Klantcontact, Partij, Vertegenwoordigden
from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.domain.services.identiteit import Identiteit, bestaande_partij
from klantbeeld.domain.services.intake import Contactaanmelding, Contactadres, registreer_contact
from klantbeeld.portal.identiteit import Ingelogde, Middel
from klantbeeld.portal.niveaus import Niveau
from klantbeeld.portal.vertegenwoordiging import betrokkenen_voor
from tests.portal.conftest import BSN_ANNA, BSN_PIET, KVK_BAKKERIJ, ingelogde_van

pytestmark = pytest.mark.django_db


def _registreer(wie: Ingelogde, **extra: object) -> Klantcontact:
    by = wie.wijziging()
    portaal, _ = Actor.objects.get_or_create(
        naam="MijnGemeente", soort_actor="geautomatiseerde_actor", indicatie_actief=True
    )
    klantcontact = registreer_contact(
        Contactaanmelding(
            kanaal="mijngemeente",
            onderwerp="Vraag over de afvalpas",
            inhoud="Wanneer komt mijn afvalpas?",
            deelnemers=betrokkenen_voor(wie, by, **extra),  # type: ignore[arg-type]
            actoren=[portaal],
        ),
        by,
    ).klantcontact
    assert klantcontact is not None
    return klantcontact


def test_a_representative_records_partijen_for_both_and_the_representation() -> None:
    piet = ingelogde_van("piet-voor-anna")
    assert Partij.objects.count() == 0
    klantcontact = _registreer(
        piet, adressen=[Contactadres("email", "piet@example.nl", "Opgegeven bij contact")]
    )
    anna = bestaande_partij(Identiteit(bsn=BSN_ANNA))
    vertegenwoordiger = bestaande_partij(Identiteit(bsn=BSN_PIET))
    assert anna is not None and vertegenwoordiger is not None
    assert Vertegenwoordigden.objects.filter(
        vertegenwoordigende_partij=vertegenwoordiger, vertegenwoordigde_partij=anna
    ).exists()
    betrokkenen = {b.was_partij: (b.rol, b.initiator) for b in klantcontact.betrokkenen.all()}
    assert betrokkenen == {vertegenwoordiger: ("vertegenwoordiger", True), anna: ("klant", False)}
    # The contact is in both histories; the address left is the representative's, on the
    # betrokkene only (R7), never on a partij.
    assert Klantcontact.objects.filter(betrokkenen__was_partij=anna).get() == klantcontact
    assert Klantcontact.objects.filter(betrokkenen__was_partij=vertegenwoordiger).exists()
    assert not anna.digitale_adressen.exists() and not vertegenwoordiger.digitale_adressen.exists()
    piet_betrokkene = klantcontact.betrokkenen.get(rol="vertegenwoordiger")
    assert [a.adres for a in piet_betrokkene.digitale_adressen.all()] == ["piet@example.nl"]

    # Again: the same partijen and the one representation, nothing twice.
    _registreer(piet)
    assert Partij.objects.count() == 2
    assert Vertegenwoordigden.objects.count() == 1


def test_acting_for_oneself_is_one_betrokkene_who_started_it() -> None:
    jan = ingelogde_van("jan")
    klantcontact = _registreer(jan)
    (betrokkene,) = klantcontact.betrokkenen.all()
    assert (betrokkene.rol, betrokkene.initiator) == ("klant", True)
    assert betrokkene.was_partij == jan.partij()
    assert not Vertegenwoordigden.objects.exists()
    # The audit trail names the portal and the means, not the person.
    by = jan.wijziging()
    assert (by.applicatie, by.gebruikers_weergave) == ("MijnGemeente", "DigiD betrokkene zelf")
    assert by.gebruikers_id.startswith("digid:") and "jan" not in by.gebruikers_id
    assert by.gebruikers_id == ingelogde_van("jan").wijziging().gebruikers_id  # stable


def test_a_company_with_a_vestiging_and_its_intermediary() -> None:
    bakkerij = ingelogde_van("bakkerij")
    klant, vertegenwoordiger = bakkerij.maak_partijen(bakkerij.wijziging())
    assert vertegenwoordiger is None
    assert klant.soort_partij == "organisatie"
    assert klant.partij_identificatoren.filter(
        partij_identificator_code_soort_object_id=CodeSoortObjectId.KVK_NUMMER,
        partij_identificator_object_id=KVK_BAKKERIJ,
    ).exists()
    assert klant.partij_identificatoren.filter(
        partij_identificator_code_soort_object_id=CodeSoortObjectId.VESTIGINGSNUMMER
    ).exists()

    keten = Ingelogde(
        middel=Middel.EHERKENNING,
        klant=bakkerij.klant,
        niveau=Niveau.SUBSTANTIEEL,
        gemachtigde=Identiteit(kvk_nummer="60000999"),
        sub="administratiekantoor",
    )
    klantcontact = _registreer(keten)
    kantoor = bestaande_partij(Identiteit(kvk_nummer="60000999"))
    assert kantoor is not None and kantoor.soort_partij == "organisatie"
    assert Vertegenwoordigden.objects.get().vertegenwoordigende_partij == kantoor
    assert Vertegenwoordigden.objects.get().vertegenwoordigde_partij == klant
    assert set(klantcontact.betrokkenen.values_list("rol", "initiator")) == {
        ("vertegenwoordiger", True),
        ("klant", False),
    }


def test_looking_makes_no_partij() -> None:
    piet = ingelogde_van("piet-voor-anna")
    assert piet.partij() is None
    assert Partij.objects.count() == 0
