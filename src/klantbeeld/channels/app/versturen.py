"""Answers by app: composed as plain text, sent through the gateway by the outbox, kept in
the unit's thread, and what the gateway reports about them later (delivered, read,
failed).

WhatsApp lets a business send free text only within 24 hours after the resident's last
message (the customer service window); after that only pre-approved templates, which
are not answers. An answer outside the window is refused at once, for good, with a
reason that says to use another channel; the gateway's own refusal (error 131047, when
our clock and Meta's differ) is read the same way."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.channels.app import gesprekken, instellingen
from klantbeeld.channels.app.models import Appbericht, Appgesprek, Berichtstatus, Richting
from klantbeeld.channels.gateways.numbers import wa_id
from klantbeeld.channels.gateways.whatsapp import GatewayError, StatusUpdate
from klantbeeld.channels.uitgaand import VerzendFout
from klantbeeld.domain.models import Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.verzenden import Bericht, Opgesteld
from klantbeeld.events.delivery import DeliveryError

MAX_TEKENS = 4096  # the Cloud API's limit for a text message's body
BUITEN_VENSTER = 131047  # "Re-engagement message": more than 24 hours since the resident wrote
REDEN_BUITEN_VENSTER = (
    "Niet verstuurd: de inwoner heeft de afgelopen 24 uur geen app-bericht gestuurd, en "
    "WhatsApp laat daarna geen vrij antwoord meer toe. Beantwoord de inwoner via een ander "
    "kanaal (telefoon, e-mail of brief)."
)
# The order a message's status goes through: a late report never takes it back.
_VOLGORDE = [
    Berichtstatus.VERSTUURD,
    Berichtstatus.AFGELEVERD,
    Berichtstatus.GELEZEN,
    Berichtstatus.MISLUKT,
]


def stel_op(bericht: Bericht) -> Opgesteld:
    """The answer as sent: its text. ValueError (nothing registered) for a number that is
    none, an empty or too long text, or attachments (answers by app carry text only)."""
    wa_id(bericht.adres)
    if bericht.bijlagen:
        raise ValueError(
            gettext("Een antwoord per app kan geen bijlagen meenemen: kies een ander kanaal.")
        )
    tekst = bericht.tekst.strip()
    if not tekst:
        raise ValueError(gettext("Een app-bericht zonder tekst kan niet worden verstuurd."))
    if len(tekst) > MAX_TEKENS:
        raise ValueError(
            gettext("Een app-bericht heeft hoogstens %(max)s tekens; dit heeft er %(n)s.")
            % {"max": MAX_TEKENS, "n": len(tekst)}
        )
    return Opgesteld(inhoud=tekst.encode("utf-8"), bericht_id="")


def verstuur_app(verzending: Verzending) -> str:
    """Send ``verzending`` through the gateway and keep it in the unit's thread; its
    wamid."""
    try:
        nummer = wa_id(verzending.adres)
    except ValueError as error:
        raise VerzendFout(str(error), permanent=True) from error
    gesprek = _gesprek_voor(verzending, nummer)
    laatste = gesprekken.laatste_bericht_van(nummer)
    if laatste is None or timezone.now() - laatste > gesprekken.STILTE:
        _geweigerd(gesprek, verzending, REDEN_BUITEN_VENSTER)
        raise VerzendFout(REDEN_BUITEN_VENSTER, permanent=True)
    tekst = bytes(verzending.inhoud).decode("utf-8")
    antwoord_op = verzending.antwoord_op_bericht_id
    try:
        with instellingen.gateway() as gateway:
            wamid = gateway.send_text(
                nummer, tekst, reply_to=antwoord_op if antwoord_op.startswith("wamid.") else None
            )
    except instellingen.NietIngesteld as error:
        raise VerzendFout(str(error), permanent=False) from error
    except GatewayError as error:
        reden = REDEN_BUITEN_VENSTER if error.code == BUITEN_VENSTER else str(error)
        if error.permanent:
            _geweigerd(gesprek, verzending, reden)
        raise VerzendFout(reden, permanent=error.permanent) from error
    if gesprek is not None:
        verstuurd = _in_draad(gesprek, verzending, wamid=wamid, status=Berichtstatus.VERSTUURD)
        # An answer is a message too: the unit stays open 24 hours after it.
        Appgesprek.objects.filter(pk=gesprek.pk, laatste_bericht_op__lt=verstuurd.tijdstip).update(
            laatste_bericht_op=verstuurd.tijdstip
        )
    return wamid


def _gesprek_voor(verzending: Verzending, nummer: str) -> Appgesprek | None:
    """The unit the answer belongs to: the one whose contact it follows (R9), else the
    resident's latest."""
    if verzending.klantcontact is not None:
        gesprek = gesprekken.gesprek_van(verzending.klantcontact)
        if gesprek is not None:
            return gesprek
    return Appgesprek.objects.filter(wa_id=nummer).order_by("-laatste_bericht_op").first()


def _in_draad(
    gesprek: Appgesprek,
    verzending: Verzending,
    *,
    wamid: str | None,
    status: str,
    fout: str = "",
) -> Appbericht:
    return Appbericht.objects.create(
        gesprek=gesprek,
        richting=Richting.UIT,
        wamid=wamid,
        tekst=bytes(verzending.inhoud).decode("utf-8"),
        tijdstip=timezone.now(),
        status=status,
        fout=fout,
        verzending=verzending,
    )


def _geweigerd(gesprek: Appgesprek | None, verzending: Verzending, reden: str) -> None:
    if gesprek is not None:
        _in_draad(gesprek, verzending, wamid=None, status=Berichtstatus.MISLUKT, fout=reden)


# -- what the gateway reports ---------------------------------------------------------------


def verwerk_status(update: StatusUpdate) -> None:
    """Record a status of a message we sent: delivered and read mark it afgeleverd,
    failed marks the contact not reached with the gateway's reason. A status of a
    message that is not ours is passed over; of one whose sending is not recorded yet,
    it is tried again later (DeliveryError)."""
    with transaction.atomic():
        bericht = (
            Appbericht.objects.select_for_update(of=("self",))
            .select_related("verzending")
            .filter(wamid=update.message_id, richting=Richting.UIT)
            .first()
        )
        if bericht is not None:
            verzending = bericht.verzending
        else:
            verzending = verzenden.verzending_met_bericht_id(update.message_id)
        if bericht is None and verzending is None:
            if _wordt_verstuurd(update.recipient):
                raise DeliveryError("Het versturen is nog niet vastgelegd; later opnieuw.")
            return
        nieuw = _status(update)
        if nieuw is None:
            return
        if bericht is not None and _VOLGORDE.index(nieuw) > _VOLGORDE.index(
            Berichtstatus(bericht.status)
        ):
            bericht.status = nieuw
            bericht.fout = reden(update) if nieuw == Berichtstatus.MISLUKT else ""
            bericht.save(update_fields=["status", "fout"])
        if verzending is None:
            return
        if nieuw == Berichtstatus.MISLUKT:
            if verzending.status != Verzendstatus.MISLUKT:
                verzenden.niet_afgeleverd(verzending, reden(update), instellingen.BY)
        else:
            verzenden.afgeleverd(verzending)


def _status(update: StatusUpdate) -> Berichtstatus | None:
    return {
        "delivered": Berichtstatus.AFGELEVERD,
        "read": Berichtstatus.GELEZEN,
        "failed": Berichtstatus.MISLUKT,
    }.get(update.status)


def reden(update: StatusUpdate) -> str:
    """Why the gateway did not deliver the message, for the employee."""
    if update.error_code == BUITEN_VENSTER:
        return REDEN_BUITEN_VENSTER
    uitleg = "; ".join(d for d in (update.error_title, update.error_details) if d)
    code = f" (foutcode {update.error_code})" if update.error_code is not None else ""
    return f"App-bericht niet afgeleverd{code}: {uitleg or 'geen reden opgegeven'}."


def _wordt_verstuurd(ontvanger: str) -> bool:
    """Whether an answer to ``ontvanger`` is being sent (its wamid not yet stored)."""
    for adres in Verzending.objects.filter(
        kanaal=instellingen.KANAAL, status=Verzendstatus.TE_VERSTUREN
    ).values_list("adres", flat=True):
        try:
            if wa_id(adres) == ontvanger:
                return True
        except ValueError:
            continue
    return False
