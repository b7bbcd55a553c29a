"""Template filters of Mijn zaken: the registers' ISO dates as dates."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso_datum(value: object) -> datetime.date | str:
    """A ZGW date or date-time (``2026-10-01``, ``2026-10-01T09:00:00Z``) as a date in the
    local time zone, for ``|date``; anything else as it was."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        if "T" not in value:
            return datetime.date.fromisoformat(value[:10])
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if timezone.is_naive(moment):
        return moment.date()
    return timezone.localtime(moment).date()


@register.filter
def uuid_uit_url(value: object) -> str:
    """The uuid at the end of a register's resource URL."""
    return str(value or "").rstrip("/").rsplit("/", 1)[-1].lower()
