from django import template
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from klantbeeld.workspace.roles import rollen_van

register = template.Library()


@register.filter
def mag_inzicht(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the nav shows "Inzicht": for teamleiders and management."""
    from klantbeeld.insight.views import INZICHT

    return bool(INZICHT.intersection(rollen_van(user)))
