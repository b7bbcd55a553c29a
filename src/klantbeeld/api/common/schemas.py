"""Building blocks for the request and response schemas of both APIs.

Schemas use the domain's snake_case names as attributes and the API's camelCase names as
aliases, so ``payload.model_dump(exclude_unset=True)`` is directly the domain's input.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, get_args
from urllib.parse import urlsplit
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    create_model,
    field_validator,
)
from pydantic.alias_generators import to_camel
from pydantic.fields import FieldInfo


class ApiSchema(BaseModel):
    # Open Klant ignores attributes it does not know (clients often send back what they
    # read, url and read-only fields included), so unknown keys are ignored here too.
    # A plain pydantic model (not ninja's Schema, which reads attributes off any object):
    # a body or group that is not a JSON object is refused.
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="ignore")

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul_characters(cls, value: Any, info: ValidationInfo) -> Any:
        # PostgreSQL text cannot hold NUL; refuse it here instead of failing on save.
        # Nested schemas check their own fields, so the error names the innermost one.
        field = cls.model_fields.get(info.field_name or "")
        if field is not None and _holds_schema(field.annotation):
            return value
        if _has_nul(value):
            raise ValueError("Tekst mag geen NUL-teken (\\u0000) bevatten.")
        return value


def _holds_schema(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_schema(arg) for arg in get_args(annotation))


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _optional_pattern(pattern: str, message: str) -> AfterValidator:
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if value and not compiled.match(value):
            raise ValueError(message)
        return value

    return AfterValidator(check)


def OptionalPattern(pattern: str, max_length: int, message: str) -> Any:  # noqa: N802
    """A string that may be empty, or else must match ``pattern`` (documented as such)."""
    return Annotated[
        str,
        Field(max_length=max_length, json_schema_extra={"pattern": f"^$|{pattern}"}),
        _optional_pattern(pattern, message),
    ]


class Reference(ApiSchema):
    """A reference to another resource: ``{uuid, url}``; only ``uuid`` is read on input."""

    uuid: UUID
    url: str | None = Field(None, description="Read-only; ignored on input.")


class ReferenceOut(ApiSchema):
    uuid: UUID
    url: str


POSTCODE_PATTERN = r"^[1-9][0-9]{3} [A-Z]{2}$"
NUMMERAANDUIDING_PATTERN = r"^[0-9]{16}$"


class Adres(ApiSchema):
    """An address group (bezoekadres, correspondentieadres, adres)."""

    nummeraanduiding_id: OptionalPattern(  # type: ignore[valid-type]
        NUMMERAANDUIDING_PATTERN, 16, "Een nummeraanduiding-id bestaat uit precies 16 cijfers."
    ) = ""
    straatnaam: str = Field("", max_length=255)
    huisnummer: int | None = Field(None, ge=1, le=99999)
    huisnummertoevoeging: str = Field("", max_length=20)
    postcode: OptionalPattern(  # type: ignore[valid-type]
        POSTCODE_PATTERN,
        7,
        "Een postcode bestaat uit vier cijfers (niet beginnend met 0), een spatie en twee "
        "hoofdletters, bijvoorbeeld 1234 AB.",
    ) = ""
    stad: str = Field("", max_length=255)
    adresregel1: str = Field("", max_length=80)
    adresregel2: str = Field("", max_length=80)
    adresregel3: str = Field("", max_length=80)
    land: OptionalPattern(  # type: ignore[valid-type]
        r"^[A-Z]{2}$", 2, "Een landcode bestaat uit twee hoofdletters (ISO 3166-1), bijv. NL."
    ) = ""


class Identificator(ApiSchema):
    """An objectidentificator group: a key of an object in another register."""

    object_id: str = Field("", max_length=200)
    code_objecttype: str = Field("", max_length=200)
    code_register: str = Field("", max_length=200)
    code_soort_object_id: str = Field("", max_length=200)


class Contactnaam(ApiSchema):
    voorletters: str = Field("", max_length=10)
    voornaam: str = Field("", max_length=200)
    voorvoegsel_achternaam: str = Field("", max_length=10)
    achternaam: str = Field("", max_length=200)


def paginated(item: type[BaseModel], name: str) -> type[BaseModel]:
    """The ``{count, next, previous, results}`` page schema for ``item``."""
    return type(
        name,
        (BaseModel,),
        {
            "__annotations__": {
                "count": int,
                "next": str | None,
                "previous": str | None,
                "results": list[item],  # type: ignore[valid-type]
            },
            "next": None,
            "previous": None,
        },
    )


def partial(schema: type[ApiSchema], name: str) -> type[ApiSchema]:
    """The PATCH variant of a write schema: every field optional, none nullable that was
    not nullable before (a left-out field is unset; an explicit null is still checked)."""
    fields: dict[str, Any] = {}
    for field_name, info in schema.model_fields.items():
        copy = FieldInfo.merge_field_infos(info, default=None)
        fields[field_name] = (info.annotation, copy)
    model: type[ApiSchema] = create_model(name, __base__=ApiSchema, **fields)
    for attr in ("__doc__",):
        setattr(model, attr, getattr(schema, attr))
    return model


_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_text(value: Any) -> Any:
    # pydantic alone would also take 0 (1970-01-01) or a date-time at midnight; the spec
    # and Open Klant want a date written as YYYY-MM-DD.
    if isinstance(value, datetime.date) or (isinstance(value, str) and _DATE_TEXT.match(value)):
        return value
    raise ValueError("Een geldige datum (JJJJ-MM-DD) is vereist.")


_DATETIME_TEXT = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$"
)


def _datetime_text(value: Any) -> Any:
    # Only ISO 8601 text: pydantic would also read a number (or "0.5") as a timestamp.
    if isinstance(value, datetime.datetime) or (
        isinstance(value, str) and _DATETIME_TEXT.match(value)
    ):
        return value
    raise ValueError("Een geldige datum en tijd (ISO 8601) is vereist.")


Datum = Annotated[datetime.date, BeforeValidator(_date_text)]


def _in_utc(value: datetime.datetime) -> datetime.datetime:
    # Stored in UTC: databases refuse some offsets ISO 8601 allows (PostgreSQL: ±15:59).
    if value.tzinfo is None:
        return value
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        raise ValueError("Deze datum en tijd valt buiten het bereik van de kalender.") from None


DatumTijd = Annotated[datetime.datetime, BeforeValidator(_datetime_text), AfterValidator(_in_utc)]


def _absolute_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError("Een geldige URL (http of https) is vereist.")
    return value


# A resource URL given as a filter value; the spec types these `format: uri`.
Uri = Annotated[
    str, Field(max_length=1000, json_schema_extra={"format": "uri"}), AfterValidator(_absolute_url)
]


# JSON true/false only: pydantic would also read 0, 1 and "yes" as booleans.
Boolean = Annotated[bool, Strict()]
