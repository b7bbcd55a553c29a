"""The check of a public answer for personal data (domain.services.openbaar): each kind
found, and ordinary answers left alone."""

from __future__ import annotations

import pytest

from klantbeeld.domain.services.openbaar import (
    Bekend,
    elfproef,
    iban_geldig,
    persoonsgegevens_in,
    waarschuwing,
)


def soorten(tekst: str, bekend: Bekend | None = None) -> list[str]:
    return [v.soort for v in persoonsgegevens_in(tekst, bekend or Bekend())]


@pytest.mark.parametrize("nummer", ["111222333", "123456782", "999993653"])
def test_a_bsn_passing_the_eleven_proof_is_found(nummer):
    assert elfproef(nummer)
    assert soorten(f"Uw BSN is {nummer}, klopt dat?") == ["bsn"]


def test_a_bsn_written_in_groups_is_found():
    assert soorten("BSN 1234.56.782") == ["bsn"]
    assert soorten("BSN 123 456 782") == ["bsn"]


@pytest.mark.parametrize("nummer", ["123456789", "000000000", "12345678", "1234567820"])
def test_nine_digits_failing_the_eleven_proof_or_another_length_are_no_bsn(nummer):
    assert "bsn" not in soorten(f"Kenmerk {nummer}")


def test_an_email_address_is_found_but_a_fediverse_handle_is_not():
    assert soorten("@fatima@mastodon.example mail ons: fatima.elamrani@example.nl") == ["email"]
    assert soorten("@fatima@mastodon.example dank voor uw bericht") == []


@pytest.mark.parametrize(
    "nummer", ["0612345678", "06-12345678", "+31 6 12345678", "020 123 4567", "0031201234567"]
)
def test_a_dutch_phone_number_is_found(nummer):
    assert soorten(f"Bel {nummer} terug") == ["telefoon"]


@pytest.mark.parametrize("adres", ["1234 AB 12", "1234AB, 7", "Dorpsstraat 12, 1234 AB"])
def test_a_postcode_with_a_house_number_is_found(adres):
    assert soorten(f"Woont u op {adres}?") == ["adres"]


def test_years_and_counts_are_no_address():
    assert soorten("In 2024 en 2025 legen we 3 keer per maand.") == []


def test_an_iban_with_valid_check_digits_is_found():
    assert iban_geldig("NL91 ABNA 0417 1643 00")
    assert soorten("Wij storten op NL91ABNA0417164300.") == ["iban"]
    assert soorten("Wij storten op NL91 ABNA 0417 1643 00.") == ["iban"]
    assert not iban_geldig("NL92ABNA0417164300")
    assert soorten("Code NL92ABNA0417164300") == []


def test_a_zaak_identification_is_found():
    assert soorten("Uw melding ZAAK-2026-0000000123 is in behandeling.") == ["zaak"]


def test_what_the_register_knows_of_the_customer_is_found_whatever_the_case():
    bekend = Bekend(
        namen=["Fatima El Amrani", "El Amrani"],
        adressen=["Dorpsstraat 12", "f.elamrani@example.nl"],
        zaken=["MELDING-77"],
    )
    tekst = "Beste mevrouw el  amrani, de container bij dorpsstraat 12 (melding-77) komt."
    assert soorten(tekst, bekend) == ["naam", "bekend_adres", "zaak"]


def test_short_known_values_are_not_looked_for():
    assert soorten("We gaan er mee aan de slag", Bekend(namen=["Ed", "a"])) == []


def test_an_ordinary_public_answer_is_clean():
    tekst = (
        "@fatima@mastodon.example Dank voor uw melding! We komen de container deze week "
        "legen. Meer weten? Kijk op https://www.gemeente.nl/afval of bel 14 020."
    )
    assert persoonsgegevens_in(tekst) == []


def test_each_finding_once_in_the_order_written_and_the_warning_names_the_kinds():
    vondsten = persoonsgegevens_in("BSN 123456782 en 0612345678 en weer 123456782")
    assert [(v.soort, v.tekst) for v in vondsten] == [
        ("bsn", "123456782"),
        ("telefoon", "0612345678"),
    ]
    assert waarschuwing(vondsten) == (
        "Dit antwoord wordt openbaar, maar het bevat persoonsgegevens: een "
        "burgerservicenummer, een telefoonnummer. Haal die uit de tekst, of stuur het "
        "antwoord als direct bericht."
    )
