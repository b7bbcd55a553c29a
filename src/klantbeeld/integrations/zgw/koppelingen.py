"""The registers' links follow Klantbeeld's: a klantcontact about a zaak (an onderwerpobject
naming it) becomes a zaakcontactmoment in the Zaken API, and a document attached to such a
contact (a bijlage) is related to the zaak. The same holds for links an API client writes.

Both go through the outbox in the transaction of the change, and the worker sends them with
retries: a register that is down delays a link, it never loses one. Sending is idempotent
(an existing link is not made twice), since a message may be sent again after a crash."""

from __future__ import annotations

from typing import Any

import httpx

from klantbeeld.api.common.resources import url_of
from klantbeeld.domain.models import Bijlage, Klantcontact, Onderwerpobject
from klantbeeld.domain.services.changes import Change
from klantbeeld.domain.services.zaken import (
    DOCUMENT,
    ZAAK,
    RegisterFout,
    Zaakverwijzing,
    is_document,
    is_zaak,
)
from klantbeeld.events.delivery import DeliveryError
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.integrations.zgw.client import ZgwClient
from klantbeeld.integrations.zgw.register import ZgwZakenregister

DESTINATION = "zgw"


def record_change(change: Change) -> None:
    if change.actie != "create":
        return
    instance = change.instance
    if isinstance(instance, Onderwerpobject) and is_zaak(instance) and instance.klantcontact:
        opdrachten = _voor_zaak(instance.klantcontact, instance)
    elif isinstance(instance, Bijlage) and is_document(instance):
        opdrachten = _voor_document(instance)
    else:
        return
    if not opdrachten or not ZgwService.objects.filter(soort=Soort.ZAKEN, actief=True).exists():
        return
    enqueue(
        [
            OutboxMessage(destination=DESTINATION, ordering_key=key, payload=opdracht)
            for key, opdracht in opdrachten
        ]
    )


def _voor_zaak(
    klantcontact: Klantcontact, onderwerpobject: Onderwerpobject
) -> list[tuple[str, dict[str, Any]]]:
    zaak = onderwerpobject.onderwerpobjectidentificator_object_id
    key = str(klantcontact.pk)
    opdrachten = [
        (key, {"opdracht": "zaakcontactmoment", "zaak": zaak, "klantcontact": url_of(klantcontact)})
    ]
    for document in Bijlage.objects.filter(
        was_bijlage_van_klantcontact=klantcontact,
        bijlageidentificator_code_objecttype=DOCUMENT["code_objecttype"],
    ).values_list("bijlageidentificator_object_id", flat=True):
        opdrachten.append(
            (key, {"opdracht": "zaakinformatieobject", "zaak": zaak, "informatieobject": document})
        )
    return opdrachten


def _voor_document(bijlage: Bijlage) -> list[tuple[str, dict[str, Any]]]:
    if bijlage.was_bijlage_van_klantcontact_id is None:
        return []
    zaken = Onderwerpobject.objects.filter(
        klantcontact_id=bijlage.was_bijlage_van_klantcontact_id,
        onderwerpobjectidentificator_code_objecttype=ZAAK["code_objecttype"],
    ).values_list("onderwerpobjectidentificator_object_id", flat=True)
    key = str(bijlage.was_bijlage_van_klantcontact_id)
    document = bijlage.bijlageidentificator_object_id
    return [
        (key, {"opdracht": "zaakinformatieobject", "zaak": zaak, "informatieobject": document})
        for zaak in zaken
        if zaak
    ]


def deliver(message: OutboxMessage, http: httpx.Client) -> None:
    """Make the link in the register (the worker calls this, with retries)."""
    zgw = ZgwClient(http=http)
    register = ZgwZakenregister(zgw)
    opdracht = message.payload
    try:
        zaak = register.zaak(opdracht["zaak"])
        if opdracht["opdracht"] == "zaakcontactmoment":
            _zaakcontactmoment(zgw, zaak, opdracht["klantcontact"])
        elif opdracht["opdracht"] == "zaakinformatieobject":
            document = register.document(opdracht["informatieobject"]).url
            _zaakinformatieobject(zgw, zaak, document)
        else:
            raise DeliveryError(f"Onbekende opdracht {opdracht['opdracht']!r}.")
    except RegisterFout as error:
        raise DeliveryError(str(error)) from error


def _zaakcontactmoment(zgw: ZgwClient, zaak: Zaakverwijzing, klantcontact: str) -> None:
    collection = f"{zgw.service_for(zaak.url).api_root}zaakcontactmomenten"
    if not zgw.get_list(collection, {"zaak": zaak.url, "contactmoment": klantcontact}):
        zgw.post(collection, {"zaak": zaak.url, "contactmoment": klantcontact})


def _zaakinformatieobject(zgw: ZgwClient, zaak: Zaakverwijzing, document: str) -> None:
    collection = f"{zgw.service_for(zaak.url).api_root}zaakinformatieobjecten"
    if not zgw.get_list(collection, {"zaak": zaak.url, "informatieobject": document}):
        zgw.post(collection, {"zaak": zaak.url, "informatieobject": document})
