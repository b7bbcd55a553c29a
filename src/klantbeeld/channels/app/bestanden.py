"""Documents of app conversations, stored in the Documenten API as the contact's bijlagen
by the worker, each job on its own: a resident's file (fetched from the gateway, which
keeps it for a while) and, when a unit closes, a transcript the contact holds cut (R5).
A register or gateway that is away is tried again later; meanwhile the resident's
messages are registered and units close as usual."""

from __future__ import annotations

import mimetypes
from uuid import UUID

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.channels.app import instellingen
from klantbeeld.channels.app.gesprekken import (
    SOORTEN,
    by_van,
    transcript,
    verslag_nodig,
)
from klantbeeld.channels.app.models import Appbericht, Appgesprek
from klantbeeld.channels.gateways.whatsapp import GatewayError
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import kort
from klantbeeld.domain.services.zaken import Bestand, RegisterFout, document_bij_contact
from klantbeeld.events.delivery import DeliveryError
from klantbeeld.events.models import OutboxMessage
from klantbeeld.integrations.zgw.register import ZgwZakenregister


def bewaar_bestand(message: OutboxMessage, client: httpx.Client) -> None:
    """The worker's job for a message with a file: fetched from the gateway, stored as a
    document of the unit's contact. A file the gateway no longer has, or one too big to
    keep, is noted on the message instead."""
    bericht = Appbericht.objects.filter(uuid=message.payload["id"]).first()
    if bericht is None or bericht.document is not None or not bericht.media_id:
        return
    try:
        with instellingen.gateway(http=client) as gateway:
            media = gateway.download_media(bericht.media_id)
    except instellingen.NietIngesteld as fout:
        raise DeliveryError(str(fout)) from fout
    except GatewayError as fout:
        if not fout.permanent:
            raise DeliveryError(str(fout)) from fout
        _niet_bewaard(bericht, gettext("niet op te halen bij de gateway: %s") % fout)
        return
    maximum = settings.KLANTBEELD_BIJLAGE_MAX_MB
    if len(media.content) > maximum * 2**20:
        _niet_bewaard(bericht, gettext("groter dan %(mb)s MB") % {"mb": maximum})
        return
    if not media.content:
        _niet_bewaard(bericht, gettext("leeg"))
        return
    formaat = (bericht.mime_type or media.mime_type or "application/octet-stream").split(";")[0]
    bestand = Bestand(_naam(bericht, formaat.strip()), media.content, formaat.strip())
    _bewaar(bericht, bestand, by_van(message))


def _bewaar(bericht: Appbericht, bestand: Bestand, by: ChangeContext) -> None:
    try:
        with ZgwZakenregister(by=by) as register, transaction.atomic():
            vast = (
                Appbericht.objects.select_for_update()
                .filter(pk=bericht.pk, document=None)
                .select_related("gesprek__klantcontact")
                .first()
            )
            if vast is None:
                return
            soort = SOORTEN.get(vast.soort, vast.soort)
            bijlage = document_bij_contact(
                vast.gesprek.klantcontact,
                bestand=bestand,
                titel=kort(f"{soort.capitalize()} via de app: {bestand.naam}", 200),
                informatieobjecttype=settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE,
                register=register,
                by=by,
            )
            vast.document = UUID(bijlage.bijlageidentificator_object_id)
            vast.bestandsnaam = bestand.naam[:200]
            vast.fout = ""
            vast.save(update_fields=["document", "bestandsnaam", "fout"])
    except RegisterFout as fout:
        raise DeliveryError(str(fout)) from fout


def _niet_bewaard(bericht: Appbericht, reden: str) -> None:
    bericht.fout = gettext("Bestand niet bewaard: %s") % reden
    bericht.save(update_fields=["fout"])


def _naam(bericht: Appbericht, formaat: str) -> str:
    """The file's own name, or one made of its kind and time."""
    if bericht.bestandsnaam:
        return bericht.bestandsnaam
    extensie = mimetypes.guess_extension(formaat) or ""
    tijd = timezone.localtime(bericht.tijdstip)
    return f"{SOORTEN.get(bericht.soort, bericht.soort)}-{tijd:%Y%m%d-%H%M%S}{extensie}"


def bewaar_verslag(message: OutboxMessage, client: httpx.Client) -> None:
    """The worker's job for a closed unit whose transcript did not fit in its contact:
    stored whole as a plain-text document of the contact."""
    by = by_van(message)
    try:
        with ZgwZakenregister(by=by) as register, transaction.atomic():
            gesprek = (
                Appgesprek.objects.select_for_update()
                .filter(uuid=message.payload["id"])
                .select_related("klantcontact")
                .first()
            )
            if gesprek is None or not verslag_nodig(gesprek):
                return
            begin = timezone.localtime(gesprek.eerste_bericht_op)
            bijlage = document_bij_contact(
                gesprek.klantcontact,
                bestand=Bestand(
                    naam=f"app-gesprek-{begin:%Y%m%d-%H%M}.txt",
                    inhoud=transcript(gesprek).strip().encode("utf-8"),
                    formaat="text/plain",
                ),
                titel=gettext("Verslag app-gesprek"),
                informatieobjecttype=settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE,
                register=register,
                by=by,
            )
            gesprek.verslag_document = UUID(bijlage.bijlageidentificator_object_id)
            gesprek.save(update_fields=["verslag_document"])
    except RegisterFout as fout:
        raise DeliveryError(str(fout)) from fout
