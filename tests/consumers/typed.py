"""Checks an answer against a type that open-klant-client declares for it.

The client's resources say what each call returns (``def retrieve(...) -> Partij``), and
its types are TypedDicts. ``problems(value, Partij)`` walks such a type with
``typing.get_type_hints``: every key the TypedDict requires must be there, every value
(required or present) must have the declared type (``str | None``, ``list[...]``,
``Literal[...]``, nested TypedDicts). So the test follows the library: a key or type it
adds in a new version is checked without anyone writing it down here.

The library (0.8.0) declares Python >= 3.12 for a single line: ``class
PaginatedResponseBody[T](TypedDict)`` (PEP 695). On Python 3.11 ``load_client()`` compiles
that module from the library's own source with the class header spelled the 3.11 way
(``Generic[T]``), before anything imports it; every other module is used as installed.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, NotRequired, Required, TypeVar, Union, get_args, get_origin

from typing_extensions import is_typeddict

PAGINATION = "openklant_client.types.pagination"


def load_client() -> types.ModuleType:
    """``openklant_client.client``, importable on Python 3.11 too."""
    if sys.version_info < (3, 12) and PAGINATION not in sys.modules:
        # Found without importing the package, whose __init__ imports this module.
        package = importlib.util.find_spec("openklant_client")
        assert package is not None, "open-klant-client is not installed (bin/_install)"
        locations = list(package.submodule_search_locations or [])
        path = Path(locations[0]) / "types" / "pagination.py"
        spec = importlib.util.spec_from_file_location(PAGINATION, path)
        assert spec is not None
        source = path.read_text(encoding="utf-8")
        pep695 = "class PaginatedResponseBody[T](TypedDict):"
        assert pep695 in source, "open-klant-client's pagination module changed; see typed.py"
        source = source.replace(
            pep695,
            "from typing import Generic, TypeVar\nT = TypeVar('T')\n"
            "class PaginatedResponseBody(TypedDict, Generic[T]):",
        )
        module = importlib.util.module_from_spec(spec)
        exec(compile(source, str(path), "exec"), module.__dict__)
        sys.modules[PAGINATION] = module
    return importlib.import_module("openklant_client.client")


def returned_type(method: Callable[..., Any]) -> Any:
    """The return type a client method declares (its ``-> X``)."""
    if not isinstance(method, types.FunctionType | types.MethodType):
        method = type(method).__call__  # a convenience method is a callable object
    function = getattr(method, "__func__", method)
    hints = typing.get_type_hints(function, include_extras=True)
    return hints["return"]


def problems(value: Any, declared: Any, path: str = "$") -> list[str]:
    """Every way ``value`` differs from the type ``declared``, as readable lines."""
    origin = get_origin(declared)
    if declared is Any or isinstance(declared, TypeVar):
        return []
    if origin in (Required, NotRequired):
        return problems(value, get_args(declared)[0], path)
    if origin in (Union, types.UnionType):
        options = get_args(declared)
        if value is not None:
            # A value that is there is judged by the non-null options only.
            options = tuple(o for o in options if o is not type(None)) or options
        found = [problems(value, option, path) for option in options]
        if any(not found_ for found_ in found):
            return []
        # The closest option (fewest problems) says best what is wrong.
        return min(found, key=len)
    if declared is None or declared is type(None):
        return [] if value is None else [f"{path}: {value!r} is not null"]
    if origin is Literal:
        allowed = get_args(declared)
        return [] if value in allowed else [f"{path}: {value!r} is not one of {allowed[:8]}"]
    if is_typeddict(origin or declared):
        return _typeddict_problems(value, declared, path)
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: {type(value).__name__} where a list is declared"]
        (item,) = get_args(declared) or (Any,)
        return [
            p for i, element in enumerate(value) for p in problems(element, item, f"{path}[{i}]")
        ]
    if origin is dict:
        return [] if isinstance(value, dict) else [f"{path}: {value!r} is not an object"]
    if declared is bool:
        return [] if isinstance(value, bool) else [f"{path}: {value!r} is not a boolean"]
    if declared is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return [] if ok else [f"{path}: {value!r} is not an integer"]
    if declared is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return [] if ok else [f"{path}: {value!r} is not a number"]
    if declared is str:
        return [] if isinstance(value, str) else [f"{path}: {value!r} is not a string"]
    raise TypeError(f"{path}: no check for the declared type {declared!r}")


def _typeddict_problems(value: Any, declared: Any, path: str) -> list[str]:
    if not isinstance(value, dict):
        return [f"{path}: {type(value).__name__} where an object is declared"]
    typeddict = get_origin(declared) or declared
    hints = typing.get_type_hints(typeddict, include_extras=True)
    # A generic TypedDict (the page of a list) gets its type argument filled in.
    parameters = getattr(typeddict, "__parameters__", ())
    arguments = get_args(declared)
    substitution = dict(zip(parameters, arguments, strict=False))
    found: list[str] = []
    for key, hint in hints.items():
        hint = _substitute(hint, substitution)
        if key not in value:
            if key in typeddict.__required_keys__:
                found.append(f"{path}: missing key {key!r}")
            continue
        found.extend(problems(value[key], hint, f"{path}.{key}"))
    return found


def _substitute(hint: Any, substitution: dict[Any, Any]) -> Any:
    if not substitution:
        return hint
    if isinstance(hint, TypeVar):
        return substitution.get(hint, hint)
    arguments = get_args(hint)
    if not arguments:
        return hint
    new = tuple(_substitute(argument, substitution) for argument in arguments)
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return Union[new]  # noqa: UP007 (a tuple of types, built at run time)
    if origin is list:
        return list[new[0]]  # type: ignore[valid-type]
    if origin in (Required, NotRequired):
        return origin[new[0]]
    return hint


def assert_conforms(value: Any, declared: Any) -> None:
    found = problems(value, declared)
    assert not found, "answer differs from open-klant-client's type:\n" + "\n".join(found)
