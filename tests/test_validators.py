"""Single-value checks: identification numbers, addresses, phone numbers and bank accounts."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from klantbeeld.demo.numbers import bsn, kvk_nummer, rsin, vestigingsnummer
from klantbeeld.domain import validators


def code_of(check, value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        check(value)
    return caught.value.code


# -- BSN, RSIN, KVK-nummer, vestigingsnummer ----------------------------------------------------


@pytest.mark.parametrize("n", [0, 1, 7, 123])
def test_demo_bsns_and_rsins_pass(n):
    validators.validate_bsn(bsn(n))
    validators.validate_rsin(rsin(n))


def test_a_bsn_failing_the_eleven_test_is_refused():
    assert code_of(validators.validate_bsn, "123456789") == "invalid"
    assert code_of(validators.validate_rsin, "123456789") == "invalid"


@pytest.mark.parametrize("value", ["", "12345678", "1234567890", "12345678a", " 90000000"])
def test_a_bsn_must_be_nine_digits(value):
    assert code_of(validators.validate_bsn, value) == "invalid_length"
    assert code_of(validators.validate_rsin, value) == "invalid_length"


def test_all_zeroes_is_not_a_bsn_although_it_passes_the_sum():
    assert not validators.elfproef("000000000")


def test_kvk_nummer_is_eight_digits():
    validators.validate_kvk_nummer(kvk_nummer(1))
    for wrong in ("1234567", "123456789", "1234567a"):
        assert code_of(validators.validate_kvk_nummer, wrong) == "invalid_length"


def test_vestigingsnummer_is_twelve_digits():
    validators.validate_vestigingsnummer(vestigingsnummer(1))
    for wrong in ("12345678901", "1234567890123", "12345678901a"):
        assert code_of(validators.validate_vestigingsnummer, wrong) == "invalid_length"


# -- postcode, nummeraanduiding ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1234 AB", "9999 ZZ", ""])
def test_valid_postcodes(value):
    validators.validate_postcode(value)


@pytest.mark.parametrize("value", ["1234AB", "0123 AB", "1234 ab", "123 AB", "1234  AB"])
def test_invalid_postcodes(value):
    assert code_of(validators.validate_postcode, value) == "invalid"


def test_nummeraanduiding_id_is_sixteen_digits_or_empty():
    validators.validate_nummeraanduiding_id("0363200000123456")
    validators.validate_nummeraanduiding_id("")
    assert code_of(validators.validate_nummeraanduiding_id, "036320000012345") == "invalid"


# -- e-mail --------------------------------------------------------------------------------------


def test_email_addresses():
    validators.validate_email("jan.de-vries+klant@voorbeeld.gemeente.nl")
    for wrong in ("jan", "jan@", "@voorbeeld.nl", "jan@@voorbeeld.nl", "jan @voorbeeld.nl"):
        assert code_of(validators.validate_email, wrong) == "invalid"


# -- phone numbers -------------------------------------------------------------------------------

VALID_PHONE_NUMBERS = [
    # geographic and mobile, as people write them
    "0201234567",
    "020 123 45 67",
    "020-1234567",
    "(020) 123 4567",
    "0612345678",
    "06-12345678",
    "06 1234 5678",
    "085 123 4567",
    # 088: company numbers (many government bodies use them)
    "0881234567",
    "088 123 4567",
    "088-1234567",
    # free-phone 0800 and paid 0900/0906/0909 numbers: 4 or 7 digits after the prefix
    "0800 1234",
    "0800-1234",
    "08001234567",
    "0800 123 4567",
    "0900 1234",
    "0900-123 45 67",
    "0906 1234",
    "0909 1234567",
    # Dutch numbers with the country code
    "+31612345678",
    "+31 6 12345678",
    "0031612345678",
    "+31 (0)20 123 4567",
    "+31 88 123 4567",
    "+31 800 1234",
    # international
    "+32 2 123 45 67",
    "0032 2 123 45 67",
    "+44 20 7946 0958",
    "+1 202 555 0123",
    "+49 30 1234567",
]


@pytest.mark.parametrize("value", VALID_PHONE_NUMBERS)
def test_valid_phone_numbers(value):
    validators.validate_telefoonnummer(value)


INVALID_PHONE_NUMBERS = [
    "",
    "12345",
    "020123456",  # nine digits
    "02012345678",  # eleven digits
    "000123456789",  # 00 followed by a 0: no country code
    "0800123",  # 0800 with three digits
    "080012345",  # 0800 with five digits
    "0800123456",  # 0800 with six digits (a ten-digit number that does not exist)
    "0900 12345",
    "0901 1234",  # not a service-number prefix
    "1400",
    "14020",
    "+31 12345",  # too short for a Dutch number
    "+31 0800 1234",  # trunk zero without brackets
    "+0 123456789",
    "+1234567890123456",  # sixteen digits: longer than E.164 allows
    "06-CALLME",
    "06 1234 567a",
    "+31 6 1234 5678 9",
]


@pytest.mark.parametrize("value", INVALID_PHONE_NUMBERS)
def test_invalid_phone_numbers(value):
    assert code_of(validators.validate_telefoonnummer, value) == "invalid"


def test_normalising_a_phone_number_keeps_only_the_digits_and_the_plus():
    assert validators.normalise_telefoonnummer(" 020-123 45 67 ") == "0201234567"
    assert validators.normalise_telefoonnummer("+31 (0)6 1234.5678") == "+31612345678"
    # Brackets around an area code are only separators.
    assert validators.normalise_telefoonnummer("(020) 1234567") == "0201234567"


# -- IBAN, BIC -----------------------------------------------------------------------------------

VALID_IBANS = [
    "NL91ABNA0417164300",
    "NL20INGB0001234567",
    "DE89370400440532013000",
    "BE68539007547034",
    "GB82WEST12345698765432",
    "nl91abna0417164300",  # letters in lower case
    "NL91 ABNA 0417 1643 00",  # in groups of four
]


@pytest.mark.parametrize("value", VALID_IBANS)
def test_valid_ibans(value):
    validators.validate_iban(value)


@pytest.mark.parametrize(
    "value",
    [
        "NL91ABNA0417164301",  # one digit off
        "NL19ABNA0417164300",  # check digits swapped
        "DE89370400440532013001",
    ],
)
def test_an_iban_with_a_wrong_check_number_is_refused(value):
    assert validators.IBAN.match(validators.normalise_iban(value))
    with pytest.raises(ValidationError, match="controlecijfers"):
        validators.validate_iban(value)


@pytest.mark.parametrize(
    "value", ["", "NL", "NL91", "N191ABNA0417164300", "NLAAABNA0417164300", "NL91ABNA-0417164300"]
)
def test_an_iban_that_does_not_have_the_format_is_refused(value):
    with pytest.raises(ValidationError, match="landcode"):
        validators.validate_iban(value)


def test_an_iban_longer_than_34_characters_is_refused():
    with pytest.raises(ValidationError):
        validators.validate_iban("NL91" + "1" * 31)


def test_iban_normal_form_is_upper_case_without_spaces():
    assert validators.normalise_iban(" nl91 abna 0417 1643 00 ") == "NL91ABNA0417164300"


def test_mod_97_checksum():
    assert validators.iban_checksum_ok("NL91ABNA0417164300")
    assert not validators.iban_checksum_ok("NL91ABNA0417164310")


@pytest.mark.parametrize("value", ["ABNANL2A", "ABNANL2AXXX", "RABONL2U", ""])
def test_valid_bics(value):
    validators.validate_bic(value)


@pytest.mark.parametrize("value", ["ABNANL2", "ABNANL2AXXXX", "ABNA NL2A"])
def test_invalid_bics(value):
    assert code_of(validators.validate_bic, value) == "invalid"
