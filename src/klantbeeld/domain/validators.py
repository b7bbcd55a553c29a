"""Checks on single values that the standards define (BSN, KVK, phone numbers, …)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

POSTCODE = re.compile(r"^[1-9][0-9]{3} [A-Z]{2}$")
NUMMERAANDUIDING_ID = re.compile(r"^[0-9]{16}$")
IBAN = re.compile(r"^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$")
BIC = re.compile(r"^[\S]{8,11}$")
REFERENTIE = re.compile(r"^[-a-zA-Z0-9_]+$")
# The pattern the Klantinteracties API gives for an actor's phone number.
ACTOR_TELEFOONNUMMER = re.compile(r"^(0[1-9][0-9]{8}|\+[0-9]{9,15}|00[0-9]{7,13})$")


def validate_postcode(value: str) -> None:
    if value and not POSTCODE.match(value):
        raise ValidationError(
            "Een postcode bestaat uit vier cijfers (niet beginnend met 0), een spatie en "
            "twee hoofdletters, bijvoorbeeld 1234 AB.",
            code="invalid",
        )


def validate_nummeraanduiding_id(value: str) -> None:
    if value and not NUMMERAANDUIDING_ID.match(value):
        raise ValidationError(
            "Een nummeraanduiding-id bestaat uit precies 16 cijfers.", code="invalid"
        )


def elfproef(digits: str) -> bool:
    """The eleven-test for a BSN or RSIN: weights 9 down to 2, then -1 on the last digit."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    total = sum(int(d) * w for d, w in zip(digits, weights, strict=True))
    return total % 11 == 0 and digits != "000000000"


def validate_bsn(value: str) -> None:
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError("Een BSN bestaat uit precies 9 cijfers.", code="invalid_length")
    if not elfproef(value):
        raise ValidationError("Dit BSN voldoet niet aan de elfproef.", code="invalid")


def validate_rsin(value: str) -> None:
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError("Een RSIN bestaat uit precies 9 cijfers.", code="invalid_length")
    if not elfproef(value):
        raise ValidationError("Dit RSIN voldoet niet aan de elfproef.", code="invalid")


def validate_kvk_nummer(value: str) -> None:
    if not (len(value) == 8 and value.isdigit()):
        raise ValidationError(
            "Een KVK-nummer bestaat uit precies 8 cijfers.", code="invalid_length"
        )


def validate_vestigingsnummer(value: str) -> None:
    if not (len(value) == 12 and value.isdigit()):
        raise ValidationError(
            "Een vestigingsnummer bestaat uit precies 12 cijfers.", code="invalid_length"
        )


_email = EmailValidator(message="Voer een geldig e-mailadres in.", code="invalid")


def validate_email(value: str) -> None:
    _email(value)


_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
# "+31 (0)20 …": the trunk zero people write between brackets after a country code.
_TRUNK_ZERO = "(0)"
_DUTCH_NUMBER = re.compile(
    r"^(?:"
    # geographic, mobile (06) and other 10-digit numbers such as 085, 088 and 091; a
    # 10-digit 0800/090x number does not exist, so those prefixes take the branches below
    r"0(?!800|90[069])[1-9][0-9]{8}"
    r"|0800(?:[0-9]{4}|[0-9]{7})"  # free-phone: 0800 plus 4 or 7 digits
    r"|090[069](?:[0-9]{4}|[0-9]{7})"  # paid service numbers 0900, 0906, 0909 likewise
    r")$"
)
# E.164: a country code (never starting with 0) and at most 15 digits in all.
_INTERNATIONAL_NUMBER = re.compile(r"^(?:\+|00)[1-9][0-9]{6,14}$")
_DUTCH_COUNTRY_CODES = ("+31", "0031")


def normalise_telefoonnummer(value: str) -> str:
    """Drop the separators people type (spaces, dashes, dots, parentheses) and the
    bracketed trunk zero after a country code."""
    value = value.strip()
    if value.startswith(("+", "00")):
        value = value.replace(_TRUNK_ZERO, "")
    return _PHONE_SEPARATORS.sub("", value)


def validate_telefoonnummer(value: str) -> None:
    """A Dutch number (incl. 088, 0800 and 0900 service numbers) or an international one
    (E.164, written with + or 00). Dutch numbers written with +31/0031 must be valid Dutch
    numbers."""
    number = normalise_telefoonnummer(value)
    for prefix in _DUTCH_COUNTRY_CODES:
        if number.startswith(prefix):
            if _DUTCH_NUMBER.match("0" + number.removeprefix(prefix)):
                return
            break
    else:
        if _DUTCH_NUMBER.match(number) or _INTERNATIONAL_NUMBER.match(number):
            return
    raise ValidationError(
        "Voer een geldig telefoonnummer in: een Nederlands nummer (bijvoorbeeld 020 123 45 67, "
        "06-12345678, 088 123 4567, 0800 1234 of 0900 1234567) of een internationaal nummer "
        "met landcode (bijvoorbeeld +32 2 123 45 67 of 0032 2 123 45 67).",
        code="invalid",
    )


def normalise_iban(value: str) -> str:
    """The form an IBAN is stored and searched in: upper case, without spaces."""
    return "".join(value.split()).upper()


def iban_checksum_ok(iban: str) -> bool:
    """The ISO 13616 mod-97 check: move the first four characters to the end, read each
    letter as a number (A=10 … Z=35); the result modulo 97 must be 1."""
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


def validate_iban(value: str) -> None:
    """An IBAN in the API's pattern (spaces allowed, they are ignored) with a valid
    ISO 13616 check number."""
    iban = normalise_iban(value)
    if not IBAN.match(iban):
        raise ValidationError(
            "Een IBAN bestaat uit een landcode (twee letters), twee controlecijfers en "
            "ten hoogste 30 letters of cijfers, bijvoorbeeld NL91ABNA0417164300.",
            code="invalid",
        )
    if not iban_checksum_ok(iban):
        raise ValidationError(
            "Dit IBAN bestaat niet: de controlecijfers kloppen niet (ISO 13616). "
            "Controleer of het nummer goed is overgenomen.",
            code="invalid",
        )


def validate_bic(value: str) -> None:
    if value and not BIC.match(value):
        raise ValidationError(
            "Een BIC bestaat uit 8 tot 11 tekens zonder spaties, bijvoorbeeld ABNANL2A.",
            code="invalid",
        )


def has_nul(value: Any) -> bool:
    """Whether a text, or any text in a JSON value, holds the NUL character, which
    PostgreSQL text cannot store."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(item) for item in value)
    return False
