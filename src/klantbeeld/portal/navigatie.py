"""The portal's menu: (URL name, label), in the order residents see them."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MENU: list[tuple[str, Promise]] = [
    ("portal:overzicht", _("Overzicht")),
    ("portal:zaken", _("Mijn zaken")),
]
