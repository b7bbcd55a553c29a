"""Forms that register something carry a one-time token (``Inzending``): the second time
the same form arrives, nothing is registered again and the employee is told."""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantbeeld.workspace.models import Inzending

# Tokens older than this are forgotten: a form is not sent again after a day.
BEWAREN = datetime.timedelta(days=1)
VELD = "inzending"


BERICHT = _("Dit formulier was al verzonden; het contact is één keer vastgelegd.")


class AlVerzonden(Exception):
    """This form was sent before and what it registered stands."""


def tokenveld() -> forms.UUIDField:
    return forms.UUIDField(
        widget=forms.HiddenInput,
        initial=uuid.uuid4,
        required=False,
        error_messages={"invalid": _("Het formulier is beschadigd; open het opnieuw.")},
    )


def eenmaal(token: uuid.UUID | None) -> None:
    """Record ``token`` in the current transaction, or raise ``AlVerzonden``. Call it
    inside the transaction of the registration, so a refused registration can be sent
    again."""
    if token is None:
        return
    try:
        with transaction.atomic():
            Inzending.objects.create(token=token)
    except IntegrityError:
        raise AlVerzonden() from None
    Inzending.objects.filter(moment__lt=timezone.now() - BEWAREN).delete()
