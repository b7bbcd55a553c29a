"""Building blocks shared by the domain models."""

from __future__ import annotations

import os
import threading
import time
import uuid

from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator
from django.db import models

from klantbeeld.domain.validators import validate_nummeraanduiding_id, validate_postcode


def uuid7() -> uuid.UUID:
    """A version 7 UUID (RFC 9562): 48 bits of Unix milliseconds, a 12-bit counter, then
    62 random bits.

    Time-ordered keys keep inserts at the end of the primary-key index and make "newest
    first" an index scan on the key itself. The counter keeps the keys of one process
    increasing within a millisecond (RFC 9562, method 1).
    """
    global _last_millis, _counter
    with _uuid7_lock:
        millis = max(time.time_ns() // 1_000_000, _last_millis)
        if millis == _last_millis:
            _counter += 1
            if _counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                millis += 1
                _counter = 0
        else:
            _counter = int.from_bytes(os.urandom(2), "big") & 0x7FF
        _last_millis = millis
        counter = _counter
    random_bits = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (millis & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0x2 << 62 | random_bits
    return uuid.UUID(int=value)


_last_millis = 0
_counter = 0
_uuid7_lock = threading.Lock()


class UuidModel(models.Model):
    """The public uuid is the primary key: a foreign key column then holds the uuid the API
    shows, so a reference is served without a join."""

    uuid = models.UUIDField(primary_key=True, default=uuid7, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.uuid}"


ADRES_PARTS = (
    "nummeraanduiding_id",
    "straatnaam",
    "huisnummer",
    "huisnummertoevoeging",
    "postcode",
    "stad",
    "adresregel1",
    "adresregel2",
    "adresregel3",
    "land",
)


def _adres_fields(prefix: str) -> dict[str, models.Field[object, object]]:
    return {
        f"{prefix}_nummeraanduiding_id": models.CharField(
            max_length=16, blank=True, validators=[validate_nummeraanduiding_id]
        ),
        f"{prefix}_straatnaam": models.CharField(max_length=255, blank=True),
        f"{prefix}_huisnummer": models.PositiveIntegerField(
            null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(99999)]
        ),
        f"{prefix}_huisnummertoevoeging": models.CharField(max_length=20, blank=True),
        f"{prefix}_postcode": models.CharField(
            max_length=7, blank=True, validators=[validate_postcode]
        ),
        f"{prefix}_stad": models.CharField(max_length=255, blank=True),
        f"{prefix}_adresregel1": models.CharField(max_length=80, blank=True),
        f"{prefix}_adresregel2": models.CharField(max_length=80, blank=True),
        f"{prefix}_adresregel3": models.CharField(max_length=80, blank=True),
        f"{prefix}_land": models.CharField(
            max_length=2, blank=True, validators=[MinLengthValidator(2)]
        ),
    }


def _abstract_model(
    name: str, fields: dict[str, models.Field[object, object]]
) -> type[models.Model]:
    attrs: dict[str, object] = {
        "__module__": __name__,
        "Meta": type("Meta", (), {"abstract": True}),
        **fields,
    }
    return type(name, (models.Model,), attrs)


def adres_model(prefix: str) -> type[models.Model]:
    """An abstract model holding one address (the API's address group) as columns.

    Columns rather than JSON, so every address filter the API offers can use an index.
    """
    return _abstract_model(f"{prefix.capitalize()}Model", _adres_fields(prefix))


BezoekadresModel = adres_model("bezoekadres")
CorrespondentieadresModel = adres_model("correspondentieadres")
AdresModel = adres_model("adres")


def _identificator_fields(prefix: str) -> dict[str, models.Field[object, object]]:
    return {
        f"{prefix}_code_objecttype": models.CharField(max_length=200, blank=True),
        f"{prefix}_code_soort_object_id": models.CharField(max_length=200, blank=True),
        f"{prefix}_object_id": models.CharField(max_length=200, blank=True),
        f"{prefix}_code_register": models.CharField(max_length=200, blank=True),
    }


def identificator_model(prefix: str) -> type[models.Model]:
    """An abstract model holding the four fields that point to an object in another register."""
    return _abstract_model(f"{prefix.capitalize()}Model", _identificator_fields(prefix))
