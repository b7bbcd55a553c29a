"""The APIs' JSON parser: standard JSON only, parsed once per request."""

from __future__ import annotations

import json
import math
from typing import Any, cast

from django.http import HttpRequest
from ninja.parser import Parser
from ninja.types import DictStrAny

_PARSED = "_klantbeeld_json"


class NonFiniteNumber(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``, or a number too large for a float: Python's
    json module accepts them, JSON (RFC 8259) has no such numbers."""


def _constant(name: str) -> Any:
    raise NonFiniteNumber(name)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise NonFiniteNumber(text)
    return value


def parse_json(request: HttpRequest) -> Any:
    """The request body as JSON, remembered on the request (the middleware checks it
    before the view parses it)."""
    if not hasattr(request, _PARSED):
        value = json.loads(request.body, parse_constant=_constant, parse_float=_float)
        setattr(request, _PARSED, value)
    return getattr(request, _PARSED)


class StrictJsonParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        return cast(DictStrAny, parse_json(request))
