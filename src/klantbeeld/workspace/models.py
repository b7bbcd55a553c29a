"""Who signed in, how, and whether the emergency login was open; the departments'
question sets; the teams' text modules for written answers; the contacts in progress of
the call panel."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from klantbeeld.channels.teksten import controleer


class Methode(models.TextChoices):
    OIDC = "oidc", "OpenID Connect"
    NOODTOEGANG = "noodtoegang", "Noodtoegang (wachtwoord + TOTP)"
    WACHTWOORD = "wachtwoord", "Wachtwoord (beheer)"
    UITLOGGEN = "uitloggen", "Uitgelogd"


class Aanmelding(models.Model):
    """One sign-in, failed sign-in or sign-out. Written by the application only; nobody
    changes or deletes it through the app (the admin shows it read-only)."""

    moment = models.DateTimeField(default=timezone.now, db_index=True)
    gebruikersnaam = models.CharField(max_length=150, db_index=True)
    methode = models.CharField(max_length=20, choices=Methode.choices)
    geslaagd = models.BooleanField()
    ip_adres = models.GenericIPAddressField(null=True, blank=True)
    toelichting = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"
        ordering = ["-moment"]

    def __str__(self) -> str:
        uitkomst = "gelukt" if self.geslaagd else "mislukt"
        return f"{self.gebruikersnaam} {self.get_methode_display()} {uitkomst}"


class Noodtoegang(models.Model):
    """The emergency login opened by an administrator until a given moment, with a
    reason (e.g. "IdP storing, melding 1234")."""

    geopend_op = models.DateTimeField(default=timezone.now)
    open_tot = models.DateTimeField()
    reden = models.CharField(max_length=500)
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Closed early: the row stays, with who closed it.
    gesloten_op = models.DateTimeField(null=True, blank=True)
    gesloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "noodtoegang"
        verbose_name_plural = "noodtoegang"
        ordering = ["-geopend_op"]

    def __str__(self) -> str:
        return f"Noodtoegang tot {timezone.localtime(self.open_tot):%d-%m-%Y %H:%M}"


class Vragenset(models.Model):
    """A department's fixed questions, asked before a call-back request is made (C3155),
    so the colleague who calls back need not ask again. The answers go to the task's
    toelichting (readable) and the contact's metadata (by key)."""

    code = models.SlugField(max_length=50, unique=True, help_text=_("Staat in de metadata."))
    naam = models.CharField(max_length=200)
    vragen = models.TextField(
        help_text=_(
            "Eén vraag per regel, met een sleutel ervoor: 'adres: Op welk adres?'. "
            "De sleutel is de naam in de metadata van het contact."
        )
    )
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "vragenset"
        verbose_name_plural = "vragensets"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def vragenlijst(self) -> list[tuple[str, str]]:
        """The questions as (key, text); a line without a key gets one from its text."""
        vragen = []
        for regel in self.vragen.splitlines():
            sleutel, _, tekst = regel.partition(":")
            if not tekst.strip():
                sleutel, tekst = slugify(regel)[:40], regel
            if tekst.strip():
                vragen.append((slugify(sleutel.strip())[:40] or "vraag", tekst.strip()))
        return vragen

    def clean(self) -> None:
        sleutels = [sleutel for sleutel, _ in self.vragenlijst()]
        if not sleutels:
            raise ValidationError({"vragen": _("Geef minstens één vraag.")})
        dubbel = sorted(
            {s for s in sleutels if sleutels.count(s) > 1} | ({"vragenset"} & set(sleutels))
        )
        if dubbel:
            raise ValidationError(
                {
                    "vragen": "Elke sleutel komt één keer voor (en 'vragenset' is bezet): "
                    + ", ".join(dubbel)
                }
            )


class Inzending(models.Model):
    """A form sent once: its token, stored in the same transaction as what it registered,
    so a double click or a form sent again (back button, a second tab of the same page)
    registers nothing twice, also across server processes."""

    token = models.UUIDField(unique=True)
    moment = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "formulierinzending"
        verbose_name_plural = "formulierinzendingen"

    def __str__(self) -> str:
        return str(self.token)


# The placeholders a text module may use, filled in when it is inserted into an answer.
PLAATSHOUDERS = {
    "naam": _("naam van de geadresseerde"),
    "onderwerp": _("onderwerp van het bericht dat wordt beantwoord"),
    "referentienummer": _("nummer van dat contact"),
    "medewerker": _("naam van de medewerker die antwoordt"),
    "organisatie": _("naam van de organisatie (KLANTBEELD_ORGANISATIE_NAAM)"),
    "datum": _("de datum van vandaag"),
}


class Tekstblok(models.Model):
    """A text module an employee inserts into a written answer (C9708), for one team or,
    without a team, for everyone. Its placeholders are checked when it is saved."""

    team = models.ForeignKey(
        "domain.Actor",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"soort_actor": "organisatorische_eenheid"},
        help_text=_("Leeg: voor iedereen."),
    )
    naam = models.CharField(max_length=100)
    tekst = models.TextField(
        help_text=_(
            "Plaatshouders: {naam}, {onderwerp}, {referentienummer}, {medewerker}, "
            "{organisatie}, {datum}. Een accolade zelf: {{ of }}."
        )
    )
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "tekstblok"
        verbose_name_plural = "tekstblokken"
        ordering = ["naam", "pk"]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        fouten: dict[str, Any] = {}
        try:
            controleer(self.tekst, PLAATSHOUDERS)
        except ValidationError as fout:
            fouten["tekst"] = fout
        if self.team is not None and self.team.soort_actor != "organisatorische_eenheid":
            fouten["team"] = _("Kies een team (organisatorische eenheid).")
        if fouten:
            raise ValidationError(fouten)


class LopendContact(models.Model):
    """A contact in progress (the call panel): what the agent notes while they look things
    up, kept on the server so that nothing typed is lost on navigation, a reload or a
    second tab. It is a draft of the employee's own, not yet in the register: finishing
    registers one klantcontact per onderwerp through the intake service, and the draft
    goes. An employee may have a few at a time (a call on hold beside a chat); the one
    chosen last is shown."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lopende_contacten"
    )
    gestart_op = models.DateTimeField(default=timezone.now)
    gekozen_op = models.DateTimeField(default=timezone.now)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    kanaal = models.CharField(max_length=50, default="telefoon")
    # The customer once found; a caller who is not (yet) identified is a name and a number.
    klant = models.ForeignKey(
        "domain.Partij", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    voornaam = models.CharField(max_length=200, blank=True)
    voorvoegsel = models.CharField(max_length=10, blank=True)
    achternaam = models.CharField(max_length=200, blank=True)
    telefoonnummer = models.CharField(max_length=80, blank=True)
    emailadres = models.CharField(max_length=80, blank=True)
    # The colleague or team the call is passed to (C0534) or the follow-up goes to.
    collega = models.ForeignKey(
        "domain.Actor", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The platform's call this contact is (the screen-pop, channels/telefonie): its start,
    # duration and transfers go on the klantcontact.
    oproep = models.ForeignKey(
        "telefonie.Oproep",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lopende_contacten",
    )
    # The live conversation (a chat taken from the queue) this contact registers: its
    # transcript becomes the klantcontact's inhoud, its chatbot an actor (chats.py).
    gesprek = models.ForeignKey(
        "domain.Gesprek", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "lopend contact"
        verbose_name_plural = "lopende contacten"
        ordering = ["-gekozen_op"]

    def __str__(self) -> str:
        return f"{self.medewerker} {self.gestart_op:%Y-%m-%d %H:%M}"


class LopendOnderwerp(models.Model):
    """One subject of a contact in progress: it becomes one klantcontact (R2)."""

    contact = models.ForeignKey(LopendContact, on_delete=models.CASCADE, related_name="onderwerpen")
    volgorde = models.PositiveSmallIntegerField(default=0)
    onderwerp = models.CharField(max_length=200, blank=True)
    vraag = models.TextField(blank=True)
    antwoord = models.TextField(blank=True)
    zaak_url = models.CharField(max_length=1000, blank=True)
    zaak_label = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "onderwerp van een lopend contact"
        verbose_name_plural = "onderwerpen van lopende contacten"
        ordering = ["volgorde", "pk"]

    def __str__(self) -> str:
        return self.onderwerp or f"onderwerp {self.volgorde + 1}"

    @property
    def leeg(self) -> bool:
        return not (self.onderwerp or self.vraag or self.antwoord or self.zaak_url)
