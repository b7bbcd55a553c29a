"""The social-media accounts Klantbeeld watches (configured by the functional
administrator) and the posts read from them and sent through them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from klantbeeld.domain.models import Actor, Klantcontact, Verzending
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.base import UuidModel

STANDAARD_HANDELING = "Lezen en bepalen benodigde actie"


class Platform(models.TextChoices):
    MASTODON = "mastodon", "Mastodon"


class Sociaalaccount(models.Model):
    """An account of the organisation on a social-media platform: its mentions and direct
    messages become klantcontacten with a task for ``team``."""

    naam = models.CharField(max_length=100, unique=True)
    platform = models.CharField(max_length=20, choices=Platform.choices, default=Platform.MASTODON)
    server = models.URLField(
        max_length=200,
        help_text="Het adres van de server, bijvoorbeeld https://social.gemeente.nl.",
    )
    account = models.CharField(
        max_length=200,
        unique=True,
        help_text="Het account zoals anderen het noemen, zonder @ vooraan: "
        "gemeente@social.gemeente.nl.",
    )
    token_env = models.CharField(
        "omgevingsvariabele met het toegangstoken",
        max_length=100,
        help_text="De naam van de omgevingsvariabele (van de worker en de webprocessen) met "
        "het toegangstoken van de applicatie; het token zelf wordt nergens opgeslagen.",
    )
    team = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="sociaalaccounts",
        limit_choices_to={"soort_actor": SoortActor.ORGANISATORISCHE_EENHEID},
        help_text="De organisatorische eenheid die de taak voor elk bericht krijgt.",
    )
    gevraagde_handeling = models.CharField(max_length=200, default=STANDAARD_HANDELING)
    interval = models.PositiveIntegerField(
        "interval (s)",
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(3600)],
        help_text="Seconden tussen twee keer kijken naar nieuwe berichten.",
    )
    max_tekens = models.PositiveIntegerField(
        "langste antwoord (tekens)",
        default=500,
        validators=[MinValueValidator(50), MaxValueValidator(100000)],
        help_text="Wat de server in één bericht toelaat (Mastodon: standaard 500).",
    )
    actief = models.BooleanField(default=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    # Where reading stands: the platform's id of the last notification taken in. Kept in
    # the database, so a restarted worker goes on where it stopped.
    cursor = models.CharField(max_length=100, blank=True, editable=False)
    gelezen_op = models.DateTimeField("laatst gelezen", null=True, blank=True, editable=False)
    fout = models.TextField("laatste fout", blank=True, editable=False)
    fout_op = models.DateTimeField("laatste fout op", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "sociale-media-account"
        verbose_name_plural = "sociale-media-accounts"
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} (@{self.account})"

    @property
    def bron(self) -> str:
        """The source of its posts' keys (R14)."""
        return f"{self.platform}:{self.account.lower()}"


class Richting(models.TextChoices):
    IN = "in", "Van de inwoner"
    UIT = "uit", "Aan de inwoner"


class Sociaalbericht(UuidModel):
    """A post read from an account or sent through it; the thread of a conversation is
    followed by what each post replies to."""

    account = models.ForeignKey(Sociaalaccount, on_delete=models.CASCADE, related_name="+")
    richting = models.CharField(max_length=3, choices=Richting.choices)
    # The post's id on the account's server (an answer is kept here once it is posted).
    post_id = models.CharField(max_length=100)
    antwoord_op = models.CharField(max_length=100, blank=True)
    zichtbaarheid = models.CharField(max_length=10)  # openbaar, volgers, direct
    auteur = models.CharField(max_length=300)  # the resident's handle
    tijdstip = models.DateTimeField(default=timezone.now)
    # The contact it registers (in) or is (an answer); deleting it (retention) deletes this.
    klantcontact = models.ForeignKey(
        Klantcontact, on_delete=models.CASCADE, related_name="sociaalberichten"
    )
    verzending = models.ForeignKey(
        Verzending, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "sociale-mediabericht"
        verbose_name_plural = "sociale-mediaberichten"
        ordering = ["tijdstip"]
        constraints = [
            models.UniqueConstraint(fields=["account", "post_id"], name="een_sociaalbericht")
        ]

    def __str__(self) -> str:
        return f"{self.get_richting_display()} @{self.auteur} {self.post_id or ''}"
