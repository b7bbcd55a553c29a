"""The portal's menu: (URL name, label), in the order residents see them."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MENU: list[tuple[str, Promise]] = [
    ("portal:overzicht", _("Overzicht")),
    ("portal:zaken", _("Mijn zaken")),
    ("portal:berichten", _("Berichten")),
    ("portal:contacten", _("Mijn contacten")),
    ("portal:taken", _("Mijn taken")),
    ("portal:producten", _("Producten en afspraken")),
    ("portal:inzage", _("Wie heeft mijn gegevens bekeken")),
    ("portal:downloaden", _("Mijn gegevens downloaden")),
]

# A count shown with a menu item: URL name → dotted path of a function of the Ingelogde
# (imported when the menu is drawn, so the menu needs no page module at start-up).
TELLERS: dict[str, str] = {
    "portal:berichten": "klantbeeld.portal.berichten.ongelezen_voor",
}
