"""The ``expand`` query parameter: ``expand=a,b.c`` → a tree ``{a: {}, b: {c: {}}}``."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from klantbeeld.api.common.problems import invalid

ExpandTree = dict[str, "ExpandTree"]


def parse_expand(request: HttpRequest, allowed: Iterable[str]) -> ExpandTree:
    raw = ",".join(request.GET.getlist("expand"))
    if "expand" in request.GET and not raw.strip():
        raise invalid("expand", "invalid_choice", "Geef minstens één waarde voor expand.")
    names = [name.strip() for name in raw.split(",") if name.strip()]
    allowed_set = set(allowed)
    unknown = [name for name in names if name not in allowed_set]
    if unknown:
        raise invalid(
            "expand",
            "invalid_choice",
            f"Onbekende waarde(n) voor expand: {', '.join(unknown)}. "
            f"Toegestaan: {', '.join(sorted(allowed_set))}.",
        )
    tree: ExpandTree = {}
    for name in names:
        node = tree
        for part in name.split("."):
            node = node.setdefault(part, {})
    return tree
