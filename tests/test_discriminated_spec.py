"""The pinned copy of the spec that bin/fuzz uses differs from upstream only where the
discriminator says so."""

from __future__ import annotations

import copy

import jsonschema
import yaml

from tests.support.discriminated_spec import pin_discriminators
from tests.support.spec import SPECS


def _load():
    return yaml.safe_load((SPECS / "klantinteracties-0.9.0_open-klant-2.18.yaml").read_text())


def _resolver_schema(document, name):
    return {"$ref": f"#/components/schemas/{name}", "components": document["components"]}


PERSOON = {
    "uuid": "01a20650-0a06-75d1-af78-431ab0397c43",
    "url": "http://x/partijen/01a20650-0a06-75d1-af78-431ab0397c43",
    "betrokkenen": [],
    "categorieRelaties": [],
    "vertegenwoordigden": [],
    "soortPartij": "persoon",
    "indicatieActief": True,
    "partijIdentificatie": {"contactnaam": {"voornaam": "Jan"}, "volledigeNaam": "Jan"},
}


def test_plain_json_schema_sees_a_persoon_as_several_variants_upstream():
    document = _load()
    errors = list(
        jsonschema.Draft4Validator(_resolver_schema(document, "Partij")).iter_errors(PERSOON)
    )
    assert [error.validator for error in errors] == ["oneOf"]
    assert "valid under each of" in errors[0].message


def test_the_pinned_copy_accepts_it_as_exactly_one_and_changes_nothing_else():
    upstream = _load()
    pinned = copy.deepcopy(upstream)
    assert pin_discriminators(pinned) >= 2  # Partij, Actor (and their Patched forms)
    validator = jsonschema.Draft4Validator(_resolver_schema(pinned, "Partij"))
    assert list(validator.iter_errors(PERSOON)) == []
    assert list(validator.iter_errors(PERSOON | {"soortPartij": "robot"}))
    for name, schema in upstream["components"]["schemas"].items():
        if "discriminator" not in schema:
            assert pinned["components"]["schemas"][name] == schema
    assert pinned["paths"] == upstream["paths"]


# -- Open Klant's liberties (tests/support/liberties.py) ---------------------------------------


def _validator(document, name):
    from openapi_schema_validator import OAS30Validator

    return OAS30Validator(_resolver_schema(document, name))


def test_the_liberties_allow_exactly_an_empty_patterned_text_and_a_null_nested_object():
    from tests.support.liberties import allow_open_klant_liberties

    upstream = _load()
    widened = copy.deepcopy(upstream)
    assert allow_open_klant_liberties(widened) > 0
    adres = {"postcode": "", "nummeraanduidingId": "", "land": "", "huisnummer": None}
    rekeningnummer = {"uuid": PERSOON["uuid"], "url": "http://x/r", "iban": "NL91ABNA0417164300"}
    digitaal_adres = {
        "uuid": PERSOON["uuid"],
        "url": "http://x/d",
        "adres": "jan@example.nl",
        "soortDigitaalAdres": "email",
    }
    cases = [
        ("PartijBezoekadres", adres),
        ("Rekeningnummer", rekeningnummer | {"partij": None, "bic": ""}),
        ("DigitaalAdres", digitaal_adres | {"verstrektDoorPartij": None, "referentie": ""}),
    ]
    for name, value in cases:
        assert list(_validator(upstream, name).iter_errors(value)), (name, "upstream refuses")
        assert list(_validator(widened, name).iter_errors(value)) == [], name
    # Nothing else: a wrong postcode, a text where an object belongs, null for a plain text.
    for name, value in [
        ("PartijBezoekadres", {"postcode": "1234ab"}),
        ("Rekeningnummer", rekeningnummer | {"partij": "geen object"}),
        ("Rekeningnummer", rekeningnummer | {"iban": None}),
        ("DigitaalAdres", digitaal_adres | {"referentie": "met spatie"}),
    ]:
        assert list(_validator(widened, name).iter_errors(value)), (name, value)
    assert widened["paths"] == upstream["paths"]
