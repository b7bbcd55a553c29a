"""The registers' links follow Klantbeeld's: a klantcontact about a zaak (an onderwerpobject
naming it) is recorded on the zaak in the Zaken API, and a document attached to such a
contact (a bijlage) is related to the zaak. The same holds for links an API client writes.

How the zaak records the klantcontact is a setting (``KLANTBEELD_ZGW_KLANTCONTACT_RELATIE``):

- ``zaakobject`` (default): a zaakobject of type *overige* ("klantcontact") carrying the
  klantcontact's URL and number in ``objectIdentificatie.overigeData``. Every Zaken API
  accepts it: no URL is handed to the register to check.
- ``zaakcontactmoment``: the Zaken API's own relation. Open Zaak checks its URL against the
  Contactmomenten API and writes a relation back there, so a Klantinteracties klantcontact
  is refused; only for registers known to accept it.
- ``geen``: Klantbeeld's onderwerpobject is the only link.

Links go through the outbox in the transaction of the change, and the worker sends them with
retries: a register that is down delays a link, it never loses one. Sending is idempotent
(an existing link is not made twice), since a message may be sent again after a crash. Each
link has its own ordering key, so one that keeps failing holds up no other. A refusal that
will stay (a 4xx such as Open Zaak's ``missing-zaaktype-informatieobjecttype-relation``, a
zaak that is not there) is not tried again: the link is marked failed at once, and the
contact's and task's pages show it (``mislukte_koppelingen``), as does the admin."""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings

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
from klantbeeld.events.delivery import DeliveryError, is_permanent
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from klantbeeld.events.outbox import enqueue
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.integrations.zgw.client import ZgwClient, ZgwError
from klantbeeld.integrations.zgw.register import ZgwZakenregister, gebruiker

DESTINATION = "zgw"
RELATIES = ("zaakobject", "zaakcontactmoment", "geen")
Opdracht = dict[str, Any]


def record_change(change: Change) -> None:
    """Queue the register links a new (or re-pointed) onderwerpobject or bijlage asks for.
    Nothing is queued while no Zaken API is configured at all."""
    if change.actie == "destroy":
        return
    instance = change.instance
    if isinstance(instance, Onderwerpobject) and is_zaak(instance) and instance.klantcontact:
        opdrachten = _voor_zaak(instance.klantcontact, instance)
    elif isinstance(instance, Bijlage) and is_document(instance):
        opdrachten = _voor_document(instance)
    else:
        return
    if not opdrachten or not ZgwService.objects.filter(soort=Soort.ZAKEN).exists():
        return
    user_id, weergave = gebruiker(change.by)
    contact = instance.klantcontact if isinstance(instance, Onderwerpobject) else None
    contact = contact or getattr(instance, "was_bijlage_van_klantcontact", None)
    enqueue(
        [
            OutboxMessage(
                destination=DESTINATION,
                ordering_key=_key(opdracht),
                # ``contact``: which klantcontact the link is for, to show a failure there.
                payload={
                    **opdracht,
                    "gebruiker": [user_id, weergave],
                    "contact": str(contact.uuid) if contact is not None else "",
                },
            )
            for opdracht in opdrachten
        ]
    )


@dataclass(frozen=True)
class Koppeling:
    """A link asked of the register for a contact: what (the contact itself or one of its
    documents), to which zaak, since when, and why it failed (when it did)."""

    soort: str  # "klantcontact" or "document"
    zaak: str  # the zaak's uuid or URL as the onderwerpobject names it
    contact: str  # the klantcontact's uuid
    moment: datetime.datetime
    reden: str = ""

    def over(self, zaak_uuid: str, zaak_url: str) -> bool:
        return self.zaak.rstrip("/").lower() in (zaak_uuid.lower(), zaak_url.lower())


def mislukte_koppelingen(klantcontacten: Iterable[Klantcontact]) -> list[Koppeling]:
    """The links of these contacts the register refused for good (or after every try),
    newest first (one query)."""
    return _koppelingen(klantcontacten, OutboxStatus.DEAD)


def wachtende_koppelingen(klantcontacten: Iterable[Klantcontact]) -> list[Koppeling]:
    """The links of these contacts still waiting for the worker (a register that is down
    delays them)."""
    return _koppelingen(klantcontacten, OutboxStatus.PENDING)


def _koppelingen(klantcontacten: Iterable[Klantcontact], status: str) -> list[Koppeling]:
    uuids = [str(k.uuid) for k in klantcontacten]
    if not uuids:
        return []
    berichten = OutboxMessage.objects.filter(
        destination=DESTINATION, status=status, payload__contact__in=uuids
    ).order_by("-aangemaakt_op", "-id")
    return [
        Koppeling(
            soort=(
                "document"
                if b.payload.get("opdracht") == "zaakinformatieobject"
                else "klantcontact"
            ),
            zaak=str(b.payload.get("zaak") or ""),
            contact=str(b.payload.get("contact") or ""),
            moment=b.aangemaakt_op,
            reden=b.last_error if status == OutboxStatus.DEAD else "",
        )
        for b in berichten
    ]


def _voor_zaak(klantcontact: Klantcontact, onderwerpobject: Onderwerpobject) -> list[Opdracht]:
    zaak = onderwerpobject.onderwerpobjectidentificator_object_id
    if not _is_ref(zaak):
        return []
    opdrachten: list[Opdracht] = []
    if settings.KLANTBEELD_ZGW_KLANTCONTACT_RELATIE != "geen":
        opdrachten.append(
            {
                "opdracht": settings.KLANTBEELD_ZGW_KLANTCONTACT_RELATIE,
                "zaak": zaak,
                "klantcontact": url_of(klantcontact),
                "nummer": klantcontact.nummer or "",
            }
        )
    for document in Bijlage.objects.filter(
        was_bijlage_van_klantcontact=klantcontact,
        bijlageidentificator_code_objecttype=DOCUMENT["code_objecttype"],
    ).values_list("bijlageidentificator_object_id", flat=True):
        if _is_ref(document):
            opdrachten.append(
                {"opdracht": "zaakinformatieobject", "zaak": zaak, "informatieobject": document}
            )
    return opdrachten


def _voor_document(bijlage: Bijlage) -> list[Opdracht]:
    document = bijlage.bijlageidentificator_object_id
    if bijlage.was_bijlage_van_klantcontact_id is None or not _is_ref(document):
        return []
    zaken = Onderwerpobject.objects.filter(
        klantcontact_id=bijlage.was_bijlage_van_klantcontact_id,
        onderwerpobjectidentificator_code_objecttype=ZAAK["code_objecttype"],
    ).values_list("onderwerpobjectidentificator_object_id", flat=True)
    return [
        {"opdracht": "zaakinformatieobject", "zaak": zaak, "informatieobject": document}
        for zaak in zaken
        if _is_ref(zaak)
    ]


def _is_ref(value: str) -> bool:
    """A uuid or an http(s) URL: what a register can be asked about (anything else any API
    client may have written is not sent anywhere)."""
    if value.startswith(("http://", "https://")):
        return True
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _key(opdracht: Opdracht) -> str:
    """One key per link (zaak + what is linked to it), within the column's 64 characters."""
    target = opdracht.get("klantcontact") or opdracht.get("informatieobject") or ""
    digest = hashlib.sha256(f"{opdracht['zaak']} {target}".encode()).hexdigest()[:40]
    return f"{opdracht['opdracht']}:{digest}"


def deliver(message: OutboxMessage, http: httpx.Client) -> None:
    """Make the link in the register (the worker calls this, with retries)."""
    opdracht = message.payload
    user = tuple(opdracht.get("gebruiker") or ("klantbeeld", "Klantbeeld"))
    zgw = ZgwClient(http=http, user=(str(user[0]), str(user[1])))
    register = ZgwZakenregister(zgw)
    try:
        zaak = register.zaak(opdracht["zaak"])
        if opdracht["opdracht"] == "zaakobject":
            _zaakobject(zgw, zaak, opdracht["klantcontact"], opdracht.get("nummer", ""))
        elif opdracht["opdracht"] == "zaakcontactmoment":
            _zaakcontactmoment(zgw, zaak, opdracht["klantcontact"])
        elif opdracht["opdracht"] == "zaakinformatieobject":
            document = register.document(opdracht["informatieobject"]).url
            _zaakinformatieobject(zgw, zaak, document)
        else:
            raise DeliveryError(f"Onbekende opdracht {opdracht['opdracht']!r}.")
    except ZgwError as error:
        raise DeliveryError(str(error), permanent=is_permanent(error.status)) from error
    except RegisterFout as error:
        # Klantbeeld's own refusal: a zaak or document no configured register has, a
        # reference to something that is no zaak. Asking again gives the same answer.
        raise DeliveryError(str(error), permanent=True) from error


def _zaakobject(zgw: ZgwClient, zaak: Zaakverwijzing, klantcontact: str, nummer: str) -> None:
    collection = f"{zgw.service_for(zaak.url, Soort.ZAKEN).api_root}zaakobjecten"
    for bestaand in zgw.get_list(collection, {"zaak": zaak.url, "objectType": "overige"}):
        data = (bestaand.get("objectIdentificatie") or {}).get("overigeData") or {}
        if isinstance(data, dict) and data.get("klantcontact") == klantcontact:
            return
    zgw.post(
        collection,
        {
            "zaak": zaak.url,
            "objectType": "overige",
            "objectTypeOverige": "klantcontact",
            "relatieomschrijving": f"Klantcontact {nummer}".strip()[:80],
            "objectIdentificatie": {
                "overigeData": {"klantcontact": klantcontact, "nummer": nummer}
            },
        },
    )


def _zaakcontactmoment(zgw: ZgwClient, zaak: Zaakverwijzing, klantcontact: str) -> None:
    collection = f"{zgw.service_for(zaak.url, Soort.ZAKEN).api_root}zaakcontactmomenten"
    if not zgw.get_list(collection, {"zaak": zaak.url, "contactmoment": klantcontact}):
        zgw.post(collection, {"zaak": zaak.url, "contactmoment": klantcontact})


def _zaakinformatieobject(zgw: ZgwClient, zaak: Zaakverwijzing, document: str) -> None:
    collection = f"{zgw.service_for(zaak.url, Soort.ZAKEN).api_root}zaakinformatieobjecten"
    if not zgw.get_list(collection, {"zaak": zaak.url, "informatieobject": document}):
        zgw.post(collection, {"zaak": zaak.url, "informatieobject": document})
