"""Sending a message to a customer on their channel: an answer (C9708), a confirmation
(C1284), a progress mail or letter (C5655, C9750), a zaakmelding (C0322).

Each message is registered as an outbound klantcontact (R9: the betrokkene with
``initiator`` false, the employee or component as actor, linked to what it answers or is
about) together with a ``Verzending`` that the channel's adapter sends through the outbox
after commit: never for a rolled-back change, again after a failure. The message is
composed once, at registration, by the channel's composer, and what was sent (the mail,
the letter) is kept as a document on the contact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.models import Actor, Bronbericht, Klantcontact, Verzending
from klantbeeld.domain.models.intake import Verzendkanaal, Verzendstatus
from klantbeeld.domain.services.changes import Change, announce
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    Deelnemer,
    Document,
    eerder_geregistreerd,
    registreer_contact,
)
from klantbeeld.domain.services.klantcontacten import update_klantcontact
from klantbeeld.domain.services.zaken import Bestand, Zaakverwijzing, Zakenregister


@dataclass(frozen=True)
class Bericht:
    """A message to send."""

    kanaal: str  # a Verzendkanaal
    adres: str  # e-mail address, phone number, or a letter's address lines
    onderwerp: str
    tekst: str
    naam: str = ""  # the addressee's name, for the salutation and the envelope
    bijlagen: Sequence[Bestand] = ()
    # The id of the message this one answers (a mail's Message-ID), for threading.
    antwoord_op_bericht_id: str = ""
    # The organisation's sender on this channel (a mailbox's address); "" for the default.
    afzender: str = ""
    # Sent by a component, not written by a person (a confirmation, a zaakmelding): an
    # auto-responder on the other side must not answer it.
    automatisch: bool = False
    # Posted where everyone can read it (a public reply on social media), not to the
    # addressee alone: the channel refuses it when it carries personal data.
    openbaar: bool = False


@dataclass(frozen=True)
class Opgesteld:
    """A message as the channel sends it: its bytes, its own id, and what to keep of it as
    the contact's document (None when the text on the contact is the whole message)."""

    inhoud: bytes
    bericht_id: str
    document: Bestand | None = None


Opsteller = Callable[[Bericht], Opgesteld]
_opstellers: dict[str, Opsteller] = {}
# Whether a channel is set up now (its settings filled in); absent: always.
_beschikbaar: dict[str, Callable[[], bool]] = {}


class GeenKanaal(ValueError):
    """No adapter composes messages for this channel (not configured)."""


def registreer_opsteller(
    kanaal: str, opsteller: Opsteller, beschikbaar: Callable[[], bool] | None = None
) -> None:
    """Have messages on ``kanaal`` composed by ``opsteller`` (the channel adapters do this
    when Django starts). ``beschikbaar`` says whether the channel is set up at the moment
    of asking (e.g. its settings are filled in)."""
    _opstellers[kanaal] = opsteller
    if beschikbaar is None:
        _beschikbaar.pop(kanaal, None)
    else:
        _beschikbaar[kanaal] = beschikbaar


def kan_versturen(kanaal: str) -> bool:
    """Whether messages on ``kanaal`` can be sent now: offered to employees and chosen by
    automated messages only then."""
    if kanaal not in _opstellers:
        return False
    beschikbaar = _beschikbaar.get(kanaal)
    return beschikbaar is None or beschikbaar()


def verstuur(
    bericht: Bericht,
    *,
    ontvanger: Deelnemer,
    actor: Actor,
    by: ChangeContext,
    register: Zakenregister | None = None,
    vervolg_op: Klantcontact | None = None,
    zaak: Zaakverwijzing | None = None,
    bron: Bron | None = None,
    contact_onderwerp: str = "",
) -> Verzending | None:
    """Register ``bericht`` as an outbound klantcontact for ``ontvanger`` and queue it for
    sending. With ``bron`` (an automated message: a zaakmelding, a confirmation) the same
    message asked twice is sent once: the first one's Verzending is returned, or None when
    its contact has been deleted since (nothing is sent again). Without ``bron`` the
    answer is always a new Verzending."""
    opsteller = _opstellers.get(bericht.kanaal)
    if opsteller is None or not kan_versturen(bericht.kanaal):
        raise GeenKanaal(
            gettext("Berichten per %(kanaal)s kunnen niet worden verstuurd: niet ingesteld.")
            % {"kanaal": bericht.kanaal}
        )
    if bron is not None and (eerder := eerder_geregistreerd(bron)) is not None:
        return _verzending_van(eerder)  # not even composed again
    opgesteld = opsteller(bericht)
    documenten = []
    if opgesteld.document is not None:
        titel = gettext("Verstuurd: %(onderwerp)s") % {"onderwerp": bericht.onderwerp}
        documenten.append(Document(bestand=opgesteld.document, titel=titel))
    aanmelding = Contactaanmelding(
        kanaal=bericht.kanaal,
        onderwerp=contact_onderwerp or bericht.onderwerp,
        inhoud=bericht.tekst,
        # R5: unknown until the customer reads it; a bounce makes it false (C5655).
        indicatie_contact_gelukt=None,
        deelnemers=[ontvanger],
        actoren=[actor],
        zaak=zaak,
        vervolg_op=vervolg_op,
        documenten=documenten,
        bron=bron,
        volledige_tekst_bewaren=opgesteld.document is None,
    )
    with transaction.atomic():
        registratie = registreer_contact(aanmelding, by, register=register)
        if not registratie.nieuw:
            # Registered before (its contact deleted since), or by a concurrent request
            # between the check above and now.
            eerder = eerder_geregistreerd(bron) if bron is not None else None
            return _verzending_van(eerder) if eerder is not None else None
        verzending = Verzending.objects.create(
            klantcontact=registratie.klantcontact,
            kanaal=bericht.kanaal,
            adres=bericht.adres,
            onderwerp=bericht.onderwerp[:200],
            tekst=bericht.tekst,
            bericht_id=opgesteld.bericht_id,
            antwoord_op_bericht_id=bericht.antwoord_op_bericht_id,
            inhoud=opgesteld.inhoud,
        )
        # The channels adapter hears of it and queues it in the outbox.
        announce(Change(verzending, "create", by))
    return verzending


def verstuur_kennisgeving(bericht: Bericht, by: ChangeContext) -> Verzending:
    """Send a notice that carries nothing of its own ("a new message is waiting for you in
    MijnGemeente") through the outbox like any message, without registering it as a
    klantcontact: the message it points to is the contact, and a contact for the notice
    would itself be a new message to announce (a loop) and fill the customer's list with
    pointers. Raises ``GeenKanaal`` when the channel is not set up."""
    opsteller = _opstellers.get(bericht.kanaal)
    if opsteller is None or not kan_versturen(bericht.kanaal):
        raise GeenKanaal(
            gettext("Berichten per %(kanaal)s kunnen niet worden verstuurd: niet ingesteld.")
            % {"kanaal": bericht.kanaal}
        )
    opgesteld = opsteller(bericht)
    with transaction.atomic():
        verzending = Verzending.objects.create(
            klantcontact=None,
            kanaal=bericht.kanaal,
            adres=bericht.adres,
            onderwerp=bericht.onderwerp[:200],
            tekst=bericht.tekst,
            bericht_id=opgesteld.bericht_id,
            inhoud=opgesteld.inhoud,
        )
        announce(Change(verzending, "create", by))
    return verzending


def _verzending_van(eerder: Bronbericht) -> Verzending | None:
    if eerder.klantcontact is None:
        return None
    return Verzending.objects.filter(klantcontact=eerder.klantcontact).first()


def verstuurd(verzending: Verzending, bericht_id: str = "") -> None:
    """The channel took the message (an SMTP server, a provider)."""
    verzending.status = Verzendstatus.VERSTUURD
    verzending.verstuurd_op = timezone.now()
    verzending.fout = ""
    if bericht_id:
        verzending.bericht_id = bericht_id
    verzending.save(update_fields=["status", "verstuurd_op", "fout", "bericht_id"])


def afgeleverd(verzending: Verzending) -> None:
    """The provider reports the message delivered."""
    Verzending.objects.filter(pk=verzending.pk).exclude(status=Verzendstatus.MISLUKT).update(
        status=Verzendstatus.AFGELEVERD
    )


def niet_afgeleverd(verzending: Verzending, reden: str, by: ChangeContext) -> None:
    """The message did not reach the customer (a bounce, a refusal, C5655): recorded on
    the Verzending, and the contact says so (``indicatieContactGelukt`` false)."""
    with transaction.atomic():
        verzending = Verzending.objects.select_for_update().get(pk=verzending.pk)
        verzending.status = Verzendstatus.MISLUKT
        verzending.fout = reden[:2000]
        verzending.save(update_fields=["status", "fout"])
        contact = verzending.klantcontact
        if contact is not None and contact.indicatie_contact_gelukt is not False:
            update_klantcontact(contact, {"indicatie_contact_gelukt": False}, by)


def verzending_met_bericht_id(bericht_id: str) -> Verzending | None:
    """The message sent with this id (a bounce or a reply names it)."""
    if not bericht_id:
        return None
    return (
        Verzending.objects.filter(bericht_id=bericht_id.strip())
        .select_related("klantcontact")
        .first()
    )


KANALEN = tuple(Verzendkanaal.values)
