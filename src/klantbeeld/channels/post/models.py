"""Letters are Verzendingen on kanaal ``post``: a read-only view of them in the admin."""

from __future__ import annotations

from klantbeeld.domain.models import Verzending


class Brief(Verzending):
    """A Verzending on kanaal ``post`` (the admin shows only those)."""

    class Meta:
        proxy = True
        verbose_name = "brief"
        verbose_name_plural = "brieven"
