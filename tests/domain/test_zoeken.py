"""The workspace's search box: what the text looks like decides how it is searched."""

from __future__ import annotations

import pytest

from klantbeeld.demo.numbers import bsn, kvk_nummer, rsin, vestigingsnummer
from klantbeeld.domain.confidentiality import seeing_confidential
from klantbeeld.domain.models import DigitaalAdres, Partij, PartijIdentificator
from klantbeeld.domain.services.digitale_adressen import zoeksleutel
from klantbeeld.domain.services.zoeken import zoek_partijen

pytestmark = pytest.mark.django_db


def persoon(voornaam: str, achternaam: str, **fields: object) -> Partij:
    return Partij.objects.create(
        soort_partij="persoon",
        indicatie_actief=True,
        contactnaam_voornaam=voornaam,
        contactnaam_achternaam=achternaam,
        **fields,
    )


def nummer(partij: Partij, soort: str, waarde: str, objecttype: str = "natuurlijk_persoon"):
    PartijIdentificator.objects.create(
        identificeerde_partij=partij,
        partij_identificator_code_objecttype=objecttype,
        partij_identificator_code_soort_object_id=soort,
        partij_identificator_object_id=waarde,
        partij_identificator_code_register="brp" if soort == "bsn" else "hr",
    )


def adres(partij: Partij, soort: str, waarde: str) -> None:
    DigitaalAdres.objects.create(
        verstrekt_door_partij=partij,
        soort_digitaal_adres=soort,
        adres=waarde,
        adres_zoeksleutel=zoeksleutel(soort, waarde),
    )


def namen(text: str) -> list[str]:
    return [str(t.partij) for t in zoek_partijen(text)]


def test_identifiers_find_exactly_their_partij():
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    korf = Partij.objects.create(soort_partij="organisatie", indicatie_actief=True, naam="De Korf")
    nummer(korf, "kvk_nummer", kvk_nummer(2), "niet_natuurlijk_persoon")
    nummer(korf, "rsin", rsin(3), "niet_natuurlijk_persoon")
    filiaal = Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Filiaal"
    )
    nummer(filiaal, "vestigingsnummer", vestigingsnummer(4), "vestiging")

    assert namen(bsn(1)) == ["Jan Jansen"]
    assert namen(f"{bsn(1)[:3]} {bsn(1)[3:6]} {bsn(1)[6:]}") == ["Jan Jansen"]  # as read aloud
    assert namen(kvk_nummer(2)) == ["De Korf"]
    assert namen(rsin(3)) == ["De Korf"]
    assert namen(vestigingsnummer(4)) == ["Filiaal"]
    assert zoek_partijen(bsn(1))[0].gevonden_op == "BSN of RSIN"
    not_eleven = bsn(1)[:-1] + str((int(bsn(1)[-1]) + 1) % 10)
    assert namen(not_eleven) == []


def test_postcode_with_house_number_in_any_spacing():
    persoon("Jan", "Jansen", bezoekadres_postcode="1234 AB", bezoekadres_huisnummer=5)
    persoon(
        "Els",
        "Visser",
        correspondentieadres_postcode="1234 AB",
        correspondentieadres_huisnummer=5,
        correspondentieadres_huisnummertoevoeging="A",
    )
    persoon("Piet", "Bakker", bezoekadres_postcode="1234 AB", bezoekadres_huisnummer=7)
    assert set(namen("1234AB 5")) == {"Jan Jansen", "Els Visser"}
    assert set(namen("1234 ab5")) == {"Jan Jansen", "Els Visser"}
    assert namen("1234 AB 5 a") == ["Els Visser"]
    assert set(namen("1234 AB")) == {"Jan Jansen", "Els Visser", "Piet Bakker"}
    assert zoek_partijen("1234AB 7")[0].gevonden_op == "postcode en huisnummer"


def test_email_and_phone_in_any_notation():
    jan = persoon("Jan", "Jansen")
    adres(jan, "email", "Jan.Jansen@Example.nl")
    adres(jan, "telefoonnummer", "06-12345678")
    assert namen("jan.jansen@example.NL") == ["Jan Jansen"]
    for notatie in ("0612345678", "06 12 34 56 78", "+31 6 1234 5678", "0031612345678"):
        assert namen(notatie) == ["Jan Jansen"], notatie
    assert namen("0612345679") == []


def test_names_are_ranked_exact_then_prefix_then_contains():
    persoon("Anna", "Bakkersveld")
    persoon("Bram", "Oudbakker")
    persoon("Cor", "Bakker")
    Partij.objects.create(soort_partij="organisatie", indicatie_actief=True, naam="Bakker B.V.")
    # Exact, then starting with it, then containing it; by surname or organisation name.
    assert namen("bakker") == ["Cor Bakker", "Bakker B.V.", "Anna Bakkersveld", "Bram Oudbakker"]
    assert namen("cor bakker") == ["Cor Bakker"]
    persoon("Piet", "Vries", contactnaam_voorvoegsel_achternaam="de")
    persoon("Anna", "Vriesema", contactnaam_voorvoegsel_achternaam="de")
    assert namen("de vries") == ["Piet de Vries", "Anna de Vriesema"]
    persoon("Jan", "Berg", contactnaam_voorvoegsel_achternaam="van der")
    assert namen("van der berg") == ["Jan van der Berg"]
    assert namen("jan van der berg") == ["Jan van der Berg"]


def test_an_exact_name_is_found_among_many_similar_ones():
    for n in range(60):
        Partij.objects.create(
            soort_partij="organisatie", indicatie_actief=True, naam=f"Bakkerij {n:03d}"
        )
    persoon("Cor", "Bakker")
    assert namen("bakker")[0] == "Cor Bakker"
    assert len(zoek_partijen("bakker")) == 25


def test_a_very_long_text_is_cut_not_refused():
    assert zoek_partijen("a" * 10_000) == []
    assert namen("x") == []


def test_confidential_partijen_only_for_those_who_may_see_them():
    geheim = persoon("Geert", "Geheim", indicatie_geheimhouding=True)
    nummer(geheim, "bsn", bsn(5))
    with seeing_confidential(False):
        assert namen("geheim") == []
        assert namen(bsn(5)) == []
    with seeing_confidential(True):
        assert namen("geheim") == ["Geert Geheim"]


def test_a_partij_by_number_only_when_visible_unless_asked_for_all():
    from klantbeeld.domain.services.zoeken import partij_met_nummer

    geheim = persoon("Geert", "Geheim", indicatie_geheimhouding=True)
    nummer(geheim, "bsn", "111222333")
    with seeing_confidential(False):
        assert partij_met_nummer("111222333") is None
        assert partij_met_nummer("111222333", ook_verborgen=True) == geheim
        assert partij_met_nummer("111222333", "kvk_nummer", ook_verborgen=True) is None
    with seeing_confidential(True):
        assert partij_met_nummer("111222333", "bsn") == geheim


def test_many_numbers_in_one_query_only_the_visible_partijen_and_by_kind(
    django_assert_num_queries,
):
    from klantbeeld.domain.services.zoeken import partijen_met_nummers

    jan, geheim, bedrijf = persoon("Jan", "Jansen"), persoon("Geert", "Geheim"), persoon("B", "V")
    geheim.indicatie_geheimhouding = True
    geheim.save()
    nummer(jan, "bsn", bsn(1))
    nummer(geheim, "bsn", bsn(2))
    nummer(bedrijf, "kvk_nummer", bsn(3), "niet_natuurlijk_persoon")
    gezocht = [bsn(1), bsn(2), bsn(3), "", bsn(1)]
    with seeing_confidential(False), django_assert_num_queries(1):
        assert partijen_met_nummers(gezocht, "bsn") == {bsn(1): jan}
    with seeing_confidential(True):
        assert partijen_met_nummers(gezocht, "bsn") == {bsn(1): jan, bsn(2): geheim}
        assert partijen_met_nummers(gezocht, "kvk_nummer") == {bsn(3): bedrijf}
    assert partijen_met_nummers(["", ""], "bsn") == {}


# -- issue 15: street and house number, names that resemble the text ------------------------


def test_street_and_house_number_in_one_box():
    """Issue 15: "Parkweg 88" found nothing (only a postcode with a number was an
    address)."""
    persoon(
        "Jan",
        "Jansen",
        bezoekadres_straatnaam="Parkweg",
        bezoekadres_huisnummer=88,
        bezoekadres_postcode="1234 AB",
    )
    persoon(
        "Els",
        "Visser",
        correspondentieadres_straatnaam="Parkweg",
        correspondentieadres_huisnummer=88,
        correspondentieadres_huisnummertoevoeging="A",
        correspondentieadres_postcode="1234 AB",
    )
    persoon("Piet", "Bakker", bezoekadres_straatnaam="Parkweg", bezoekadres_huisnummer=8)
    persoon("Kees", "Smit", bezoekadres_straatnaam="Parkweglaan", bezoekadres_huisnummer=88)
    assert set(namen("Parkweg 88")) == {"Jan Jansen", "Els Visser"}
    assert namen("Parkweg 88a") == ["Els Visser"]
    assert namen("parkweg 88 A") == ["Els Visser"]
    assert namen("PARKWEG  88-a") == ["Els Visser"]
    assert namen("Parkweg 8") == ["Piet Bakker"]
    assert zoek_partijen("Parkweg 8")[0].gevonden_op == "straat en huisnummer"
    assert set(namen("1234AB 88")) == {"Jan Jansen", "Els Visser"}
    assert set(namen("1234 ab 88")) == {"Jan Jansen", "Els Visser"}


def test_a_street_with_a_number_in_its_name():
    persoon("Jan", "Jansen", bezoekadres_straatnaam="2e Laan", bezoekadres_huisnummer=12)
    assert namen("2e Laan 12") == ["Jan Jansen"]


def test_a_name_that_sounds_the_same_is_found_below_the_exact_one():
    """Issue 15: a one-letter difference found nothing."""
    persoon("Jan", "Jansen")
    persoon("Piet", "Janssen")
    assert namen("Jansen") == ["Jan Jansen", "Piet Janssen"]
    assert namen("Janssen") == ["Piet Janssen", "Jan Jansen"]
    assert zoek_partijen("Janssen")[1].gevonden_op == "naam (klinkt als)"
    persoon("Anna", "Bos")
    persoon("Kees", "Bosch")
    assert namen("Bos") == ["Anna Bos", "Kees Bosch"]
    assert namen("Bosch") == ["Kees Bosch", "Anna Bos"]


def test_one_letter_off_is_forgiven():
    persoon("Marie", "Pieterse")
    assert namen("Pietersen") == ["Marie Pieterse"]
    assert zoek_partijen("Pietersen")[0].gevonden_op == "naam (bijna gelijk)"
    assert namen("Marie Pietersen") == ["Marie Pieterse"]
    assert namen("Marie Pietesre") == ["Marie Pieterse"]  # two letters swapped
    assert namen("Marei Pieterse") == ["Marie Pieterse"]  # in the first name too
    assert namen("Kees Pietersen") == []  # every word must match
    Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Bakkerij Van Dongen"
    )
    assert namen("Bakkerij Dongem") == ["Bakkerij Van Dongen"]


def test_resembling_names_come_after_all_that_contain_the_text():
    persoon("Jan", "Jansen")
    persoon("Piet", "Jansen-Bos")
    persoon("Kees", "Janssen")
    assert namen("jansen") == ["Jan Jansen", "Piet Jansen-Bos", "Kees Janssen"]


def test_resembling_names_respect_confidentiality():
    persoon("Geert", "Janssen", indicatie_geheimhouding=True)
    with seeing_confidential(False):
        assert namen("Jansen") == []
    with seeing_confidential(True):
        assert namen("Jansen") == ["Geert Janssen"]
