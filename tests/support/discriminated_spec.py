"""Write a copy of an upstream OpenAPI document whose ``oneOf`` + ``discriminator`` pairs
also hold as plain JSON Schema.

The Klantinteracties document describes polymorphic resources (Partij, Actor) as
``oneOf`` with a ``discriminator``. Plain JSON Schema validators (such as schemathesis's)
ignore the discriminator; since the variants do not exclude one another (an organisatie's
shape accepts any object), every person or employee then matches several variants and
"breaks" ``oneOf`` — for Open Klant's answers as much as for ours. This adds to each
variant the one thing the discriminator says: its property has the mapped value.
Nothing else changes.

Run as a script (bin/fuzz does), the copy also allows Open Klant's two liberties in its
answers (tests/support/liberties.py), as the test suite's validator does:

    python -m tests.support.discriminated_spec IN.yaml OUT.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from tests.support.liberties import allow_open_klant_liberties


def pin_discriminators(document: dict[str, Any]) -> int:
    """Rewrite the document in place; returns how many oneOf lists were pinned."""
    pinned = 0
    for schema in document.get("components", {}).get("schemas", {}).values():
        discriminator = schema.get("discriminator")
        if not discriminator or "oneOf" not in schema:
            continue
        prop = discriminator["propertyName"]
        value_of = {ref: value for value, ref in discriminator.get("mapping", {}).items()}
        schema["oneOf"] = [
            {"allOf": [variant, {"properties": {prop: {"enum": [value_of[variant["$ref"]]]}}}]}
            if variant.get("$ref") in value_of
            else variant
            for variant in schema["oneOf"]
        ]
        pinned += 1
    return pinned


def main(argv: list[str]) -> int:
    source, target = Path(argv[0]), Path(argv[1])
    document = yaml.safe_load(source.read_text())
    count = pin_discriminators(document)
    widened = allow_open_klant_liberties(document)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    print(
        f"{target}: {count} discriminated oneOf list(s) pinned, "
        f'{widened} propert(y/ies) allowing Open Klant\'s "" or null'
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
