"""Template helpers of the workspace."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.forms import BoundField
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

register = template.Library()

# A Verzending's state (domain.models.intake.Verzendstatus) as the workspace says it.
VERZENDSTATUS = {
    "te_versturen": _("te versturen"),
    "verstuurd": _("verstuurd"),
    "afgeleverd": _("afgeleverd"),
    "mislukt": _("niet afgeleverd"),
}

Optie = tuple[str, str, bool]


@register.filter
def opties(field: BoundField) -> list[tuple[str, list[Optie]]]:
    """A select's options as groups (``""`` for options outside a group), each option with
    whether it is the chosen one, so a form shown again keeps the choice."""
    gekozen = {str(v) for v in _as_list(field.value())}
    groepen: list[tuple[str, list[Optie]]] = []
    for value, label in field.field.choices:  # type: ignore[attr-defined]
        if isinstance(label, list | tuple):
            groepen.append(
                (str(value), [(str(v), str(lab), str(v) in gekozen) for v, lab in label])
            )
        else:
            groepen.append(("", [(str(value), str(label), str(value) in gekozen)]))
    return groepen


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


@register.filter
def kanaal(value: str) -> str:
    """A channel in the employee's language (the register keeps cases.md's values)."""
    from klantbeeld.workspace.contact import KANAAL_LABELS

    return str(KANAAL_LABELS.get(value, value))


@register.filter
def verzendstatus(value: str) -> str:
    """A message's state in the employee's language (the register keeps its code)."""
    return str(VERZENDSTATUS.get(value, value))


@register.simple_tag(takes_context=True)
def belpaneel(context: template.Context) -> str:
    """The call panel, on every page of an employee who handles contacts."""
    # Imported here: the panel's module needs the models, which a template library must not
    # load at import time.
    from klantbeeld.workspace.belpaneel import mag_paneel, paneel_html
    from klantbeeld.workspace.toegang import werkplek_sessie

    request = context.get("request")
    if request is None or not werkplek_sessie(request) or not mag_paneel(request):
        return ""
    # The finish step shows the contact itself, as a form; a second copy beside it would
    # only invite edits that the form does not see.
    if request.resolver_match is not None and request.resolver_match.url_name == "afronden":
        return ""
    return mark_safe(paneel_html(request))  # rendered by the template engine


@register.simple_tag(takes_context=True)
def live_verbinding(context: template.Context) -> str:
    """The address of the live server for this page's window, with the employee's ticket
    (live/tickets.py); empty outside a workspace session."""
    from klantbeeld.live.verbinding import werkplek_adres
    from klantbeeld.workspace.toegang import werkplek_sessie

    request = context.get("request")
    if request is None or not werkplek_sessie(request):
        return ""
    return werkplek_adres(request)


# What reads as a phone number: digits with the separators people write, an optional +.
_TELEFOONNUMMER = re.compile(r"\+?[0-9][0-9 ()./-]{4,}[0-9]")


@register.filter
def telefoonlink(value: object) -> SafeString | str:
    """A phone number as a ``tel:`` link (click-to-call: the softphone or the headset
    dials it), shown as it was written; anything else (an e-mail address) as text. The
    one way the workspace shows a number."""
    from klantbeeld.domain.validators import normalise_telefoonnummer

    tekst = str(value or "").strip()
    if not _TELEFOONNUMMER.fullmatch(tekst):
        return tekst
    return format_html(
        '<a class="utrecht-link" href="tel:{}">{}</a>', normalise_telefoonnummer(tekst), tekst
    )


@register.simple_tag(takes_context=True)
def chat_wachtend(context: template.Context) -> int | None:
    """How many chats wait for the employee (their teams' and everyone's queue), for the
    menu; None where the employee handles no contacts."""
    from klantbeeld.workspace.belpaneel import mag_paneel
    from klantbeeld.workspace.chats import wachtend
    from klantbeeld.workspace.toegang import werkplek_sessie

    request = context.get("request")
    if request is None or not werkplek_sessie(request) or not mag_paneel(request):
        return None
    return wachtend(request.user).count()
