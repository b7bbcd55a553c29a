"""Whether the menu offers "Klachten": only to klachtbehandelaars and team leaders."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def ziet_klachten(context: template.Context) -> bool:
    from klantbeeld.workspace.klachten import mag_klachten_zien

    request = context.get("request")
    return request is not None and mag_klachten_zien(request)
