"""What Klantbeeld told a resident about their zaak (C0322): one zaakmelding per informing
status and person, with the message sent (its Verzending, which says on which channel and
how it went) or the reason none could be sent."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.models.base import UuidModel
from klantbeeld.domain.models.intake import Verzending
from klantbeeld.domain.models.partijen import Partij


class Zaakmelding(UuidModel):
    """A zaak's new status, to be told to one person involved: a known partij, or a
    reporter the zaak's rol names only by contact details (``rol``, ``contactpersoon``)."""

    partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.CASCADE, related_name="zaakmeldingen"
    )
    # The rol whose contactpersoonRol was told, for someone who is no partij here.
    rol = models.URLField(max_length=1000, blank=True)
    contactpersoon = models.CharField(max_length=200, blank=True)
    zaak = models.URLField(max_length=1000, db_index=True)
    zaak_identificatie = models.CharField(max_length=40, blank=True)
    zaaktype = models.URLField(max_length=1000, blank=True)
    status = models.URLField(max_length=1000)
    status_omschrijving = models.CharField(max_length=80, blank=True)
    ontvangen_op = models.DateTimeField(default=timezone.now)
    verzending = models.ForeignKey(
        Verzending,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="zaakmeldingen",
    )
    # Why no message was sent (no channel to reach them, an address the channel refused).
    reden = models.TextField(blank=True)

    class Meta:
        verbose_name = "zaakmelding"
        verbose_name_plural = "zaakmeldingen"
        ordering = ["-ontvangen_op"]
        constraints = [
            # Once per status and person, also for two workers handling it at once (R14).
            models.UniqueConstraint(
                fields=["partij", "status"],
                condition=Q(partij__isnull=False),
                name="unique_melding_per_status",
            ),
            models.UniqueConstraint(
                fields=["rol", "status"],
                condition=Q(partij__isnull=True),
                name="unique_melding_per_status_en_rol",
            ),
        ]

    def __str__(self) -> str:
        wie = self.contactpersoon or (str(self.partij) if self.partij_id else "")
        return f"{self.zaak_identificatie or self.zaak}: {self.status_omschrijving} → {wie}"

    @property
    def verstuurd(self) -> bool:
        return self.verzending_id is not None

    @property
    def kanaal_weergave(self) -> str:
        if self.verzending is None:
            return gettext("geen")
        return self.verzending.get_kanaal_display()

    @property
    def status_weergave(self) -> str:
        if self.verzending is None:
            return gettext("Niet verstuurd")
        return self.verzending.get_status_display()
