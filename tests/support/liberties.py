"""Allow, in an upstream OpenAPI document, the two liberties Open Klant 2.18's answers take.

Open Klant's own documents describe its answers more strictly than it gives them, and its
consumers are written against the answers:

- a string with a ``format`` or ``pattern`` may be ``""`` (an empty postcode, referentie,
  emailadres, hoofdOnderwerpType, bic, …), where the document allows no empty string;
  so may one with a ``minLength`` (an address's ``land``: ``minLength: 2``, no pattern),
  the same liberty written with another keyword;
- a nested object (a property that is a ``$ref`` or an ``allOf``) may be ``null`` (an
  unset ``wasPartij``, ``voorkeursDigitaalAdres``, ``actorIdentificatie``, …): the
  documents say ``nullable: true`` beside an ``allOf``, which OpenAPI 3.0 ignores without a
  ``type``.

``allow_open_klant_liberties`` rewrites every property schema of the document so that
exactly these two values are allowed as well; nothing else changes. Klantbeeld serves
Open Klant's shape, so the test suite (tests/support/spec.py) and the fuzzer (bin/fuzz)
validate against the rewritten documents.
"""

from __future__ import annotations

from typing import Any

# Kept on the property itself: they say how the property is used, not what it holds.
_PROPERTY_KEYWORDS = ("readOnly", "writeOnly", "description", "deprecated")


def allow_open_klant_liberties(document: dict[str, Any]) -> int:
    """Rewrite ``document`` in place; returns how many properties were widened."""
    return _walk(document.get("components", {}).get("schemas", {}))


def _walk(node: Any) -> int:
    widened = 0
    if isinstance(node, list):
        return sum(_walk(item) for item in node)
    if not isinstance(node, dict):
        return 0
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            for name, prop in value.items():
                widened += _walk(prop)
                liberty = _liberty(prop)
                if liberty is not None:
                    value[name] = _widen(prop, liberty)
                    widened += 1
        else:
            widened += _walk(value)
    return widened


def _liberty(prop: Any) -> dict[str, Any] | None:
    """The extra value Open Klant may give for ``prop``, as a schema; None if none."""
    if not isinstance(prop, dict):
        return None
    if "$ref" in prop or "allOf" in prop:
        return {"type": "object", "nullable": True, "enum": [None]}
    if prop.get("type") == "string" and {"format", "pattern", "minLength"} & prop.keys():
        return {"type": "string", "enum": [""]}
    return None


def _widen(prop: dict[str, Any], liberty: dict[str, Any]) -> dict[str, Any]:
    kept = {key: prop[key] for key in _PROPERTY_KEYWORDS if key in prop}
    rest = {key: value for key, value in prop.items() if key not in _PROPERTY_KEYWORDS}
    if "$ref" in rest and len(rest) > 1:
        # OpenAPI 3.0 ignores siblings of $ref; keep the reference alone.
        rest = {"$ref": rest["$ref"]}
    return {**kept, "anyOf": [rest, liberty]}
