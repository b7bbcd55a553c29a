"""What the portal keeps itself, beside the register."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class GelezenBericht(models.Model):
    """C4994: a message (an outbound klantcontact) read in the portal, per partij it was
    for. The register has no read flag (Klantinteracties 0.9.0), and the klantcontact is
    never changed for it (R6). Kept per partij, not per login: read by one employee of a
    company is read for the company, and it outlasts the session."""

    partij = models.ForeignKey("domain.Partij", on_delete=models.CASCADE, related_name="+")
    klantcontact = models.ForeignKey(
        "domain.Klantcontact", on_delete=models.CASCADE, related_name="+"
    )
    gelezen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "gelezen bericht"
        verbose_name_plural = "gelezen berichten"
        constraints = [
            models.UniqueConstraint(
                fields=["partij", "klantcontact"], name="unique_gelezen_bericht"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klantcontact_id} gelezen voor {self.partij_id}"
