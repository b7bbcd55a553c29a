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
    WithJsonSchema,
    create_model,
    field_validator,
)
from pydantic.alias_generators import to_camel
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonDict

from klantbeeld.domain.validators import has_nul


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
        if has_nul(value):
            raise ValueError("Tekst mag geen NUL-teken (\\u0000) bevatten.")
        return value


def _holds_schema(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_schema(arg) for arg in get_args(annotation))


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


# Documents an attribute the server sets: ignored on input, always in the answer.
READ_ONLY: JsonDict = {"readOnly": True}


class Reference(ApiSchema):
    """A reference to another resource: ``{uuid, url}``; only ``uuid`` is read on input."""

    uuid: UUID
    url: str | None = Field(
        None, description="Read-only; ignored on input.", json_schema_extra=READ_ONLY
    )


# -- response documentation ------------------------------------------------------------------
#
# The response schemas only document what serialize() builds. An attribute that is always
# served is required; one that may be null says so (``T | None`` without a default), as
# Open Klant serves an unset reference; one that is left out when it has no value (only
# ``_expand`` and its parts) gets ``omitted()``: not required, and not nullable.


def omitted(description: str | None = None, *, alias: str | None = None, **schema: Any) -> Any:
    """The default of a response attribute that is left out, never null, when it has no
    value. ``schema`` adds JSON Schema keywords (a pattern, a format) to its document."""

    def document(field_schema: JsonDict) -> None:
        # pydantic would document the default null, which the attribute never is.
        field_schema.pop("default", None)
        field_schema.update(schema)

    return Field(None, alias=alias, description=description, json_schema_extra=document)


def one_of(description: str) -> Any:
    """A required attribute whose union of shapes is documented as ``oneOf``: the shapes
    (``VariantOut``) exclude one another, so exactly one fits what is served."""

    def document(field_schema: JsonDict) -> None:
        field_schema["oneOf"] = field_schema.pop("anyOf")

    return Field(description=description, json_schema_extra=document)


class VariantOut(ApiSchema):
    """One shape of a polymorphic attribute; documented without room for other
    attributes, so that no served value fits two shapes."""

    model_config = ConfigDict(extra="forbid")


def documented(**schema: Any) -> Any:
    """A required response attribute with extra JSON Schema keywords in its document."""
    return Field(json_schema_extra=schema)


# An absolute URL as served (a resource's url, the next page).
Url = Annotated[str, WithJsonSchema({"type": "string", "format": "uri"})]


class ResourceOut(ApiSchema):
    """The attributes every resource is served with, first."""

    uuid: UUID = Field(
        description="Unieke (technische) identificatiecode.", json_schema_extra=READ_ONLY
    )
    url: Url = Field(description="De URL van deze resource.", json_schema_extra=READ_ONLY)


class ReferenceOut(ApiSchema):
    """A served reference: ``{uuid, url}`` of another resource."""

    uuid: UUID
    url: Url


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


class AdresOut(ApiSchema):
    """An address group as served: always an object with every part. A part the spec gives
    a pattern is "" when empty, as Open Klant serves it."""

    nummeraanduiding_id: str = documented(pattern=f"^$|{NUMMERAANDUIDING_PATTERN}", maxLength=16)
    straatnaam: str
    huisnummer: int | None
    huisnummertoevoeging: str
    postcode: str = documented(pattern=f"^$|{POSTCODE_PATTERN}", maxLength=7)
    stad: str
    adresregel1: str
    adresregel2: str
    adresregel3: str
    land: str = documented(pattern=r"^$|^[A-Z]{2}$", maxLength=2)


class IdentificatorOut(ApiSchema):
    """An objectidentificator group as served: always an object with all four parts."""

    object_id: str
    code_objecttype: str
    code_register: str
    code_soort_object_id: str


class ContactnaamOut(ApiSchema):
    """A contactnaam group as served: always an object with all four parts."""

    voorletters: str
    voornaam: str
    voorvoegsel_achternaam: str
    achternaam: str


def paginated(item: Any, name: str) -> type[BaseModel]:
    """The ``{count, next, previous, results}`` page schema for ``item``; ``next`` and
    ``previous`` are always there, null on the last and first page."""
    model: type[BaseModel] = create_model(
        name,
        count=(int, Field(ge=0)),
        next=(Url | None, ...),
        previous=(Url | None, ...),
        results=(list[item], ...),
    )
    return model


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
