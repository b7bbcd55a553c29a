"""Checks on single values that the standards define (BSN, KVK, phone numbers, …)."""

from __future__ import annotations

import re

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
_DUTCH_NUMBER = re.compile(
    r"^(?:"
    r"0[1-9][0-9]{8}"  # geographic, mobile (06), 085/088/091 and other 10-digit numbers
    r"|0800[0-9]{3,7}"  # free-phone numbers: 0800 plus 3 to 7 digits
    r"|090[069][0-9]{3,7}"  # paid service numbers: 0900, 0906, 0909
    r")$"
)
_INTERNATIONAL_NUMBER = re.compile(r"^(?:\+|00)[1-9][0-9]{6,14}$")


def normalise_telefoonnummer(value: str) -> str:
    """Drop the separators people type (spaces, dashes, dots, parentheses)."""
    return _PHONE_SEPARATORS.sub("", value)


def validate_telefoonnummer(value: str) -> None:
    """A Dutch number (incl. 0800/0900 service numbers) or an international one (E.164)."""
    number = normalise_telefoonnummer(value)
    if number.startswith("+31") or number.startswith("0031"):
        national = "0" + number.removeprefix("+31").removeprefix("0031")
        if _DUTCH_NUMBER.match(national):
            return
    elif _DUTCH_NUMBER.match(number) or _INTERNATIONAL_NUMBER.match(number):
        return
    raise ValidationError(
        "Voer een geldig telefoonnummer in: een Nederlands nummer (bijvoorbeeld 0201234567, "
        "0612345678, 0800 1234 of 0900 1234567) of een internationaal nummer met landcode "
        "(bijvoorbeeld +32 2 123 45 67).",
        code="invalid",
    )
