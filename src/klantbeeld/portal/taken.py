"""*Mijn taken* (cases.md C6334): the open klanttaken of the one the user acts for, from the
Objecten API, and marking one done. Done means: a klantcontact on channel
``mijngemeente`` about the klanttaak (onderwerpobject, §3) is registered, and the task is
``afgerond`` in the register; both or neither. A form engine or payment page sends the
resident back to the task's own page (``/mijn/taken/<uuid>/``), where they say they are
done. Someone else's task is the portal's 404."""

from __future__ import annotations

import uuid
from typing import cast
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    registreer_contact,
)
from klantbeeld.integrations.objecten.client import ObjectenFout
from klantbeeld.integrations.objecten.klanttaken import (
    Klanttaak,
    klanttaak_van,
    open_klanttaken,
    rond_af,
)
from klantbeeld.portal.actor import portaal_actor
from klantbeeld.portal.niveaus import Functie
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist, niet_gevonden
from klantbeeld.portal.vertegenwoordiging import betrokkenen_voor
from klantbeeld.portal.verwerkingen import log_inzage

KANAAL = "mijngemeente"
# Registering the same task twice (a double click, a second tab) yields one klantcontact.
BRON = "MijnGemeente klanttaak"


@require_GET
@inlog_vereist(Functie.INZIEN)
def taken(request: HttpRequest) -> HttpResponse:
    wie = cast(PortaalRequest, request).mijn
    overzicht = open_klanttaken(wie.klant)
    log_inzage(wie, handeling="Mijn taken", soorten_gegevens=["klanttaken"])
    return render(
        request,
        "portal/taken.html",
        {
            "taken": [(taak, formulier(taak)) for taak in overzicht.taken],
            "storingen": overzicht.storingen,
            "gedaan": request.GET.get("gedaan") == "1",
        },
    )


@require_GET
@inlog_vereist(Functie.INZIEN)
def taak(request: HttpRequest, taak_uuid: uuid.UUID) -> HttpResponse:
    """One open task: where a form or payment page sends the resident back to, so that
    they can say they are done (a GET changes nothing)."""
    wie = cast(PortaalRequest, request).mijn
    try:
        gevonden = klanttaak_van(wie.klant, str(taak_uuid))
    except ObjectenFout as fout:
        return _niet_gelukt(request, fout.message)
    if gevonden is None:
        return niet_gevonden(request)
    log_inzage(wie, handeling="Mijn taak", soorten_gegevens=["klanttaken"])
    klanttaak = gevonden[0]
    return render(
        request, "portal/taak.html", {"taak": klanttaak, "formulier": formulier(klanttaak)}
    )


@require_POST
@inlog_vereist(Functie.WIJZIGEN)
def afronden(request: HttpRequest, taak_uuid: uuid.UUID) -> HttpResponse:
    wie = cast(PortaalRequest, request).mijn
    try:
        gevonden = klanttaak_van(wie.klant, str(taak_uuid))
    except ObjectenFout as fout:
        return _niet_gelukt(request, fout.message)
    if gevonden is None:
        return niet_gevonden(request)
    taak, object_ = gevonden
    by = wie.wijziging()
    try:
        with transaction.atomic():
            registreer_contact(
                Contactaanmelding(
                    kanaal=KANAAL,
                    onderwerp=gettext("Taak gedaan: %(titel)s") % {"titel": taak.titel},
                    inhoud=gettext("De klant heeft de taak „%(titel)s” gedaan.")
                    % {"titel": taak.titel},
                    deelnemers=betrokkenen_voor(wie, by),
                    actoren=[portaal_actor()],
                    onderwerpen=onderwerpen(taak),
                    bron=Bron(BRON, taak.uuid),
                ),
                by,
            )
            # Last, inside the transaction: when the register refuses, no contact is kept.
            rond_af(object_)
    except ObjectenFout as fout:
        return _niet_gelukt(request, fout.message)
    log_inzage(wie, handeling="Taak gedaan", soorten_gegevens=["klanttaken"], actie="Wijzigen")
    return HttpResponseRedirect(f"{reverse('portal:taken')}?gedaan=1")


def onderwerpen(taak: Klanttaak) -> list[dict[str, str]]:
    """What the contact was about (cases.md §3): the klanttaak in the Objecten API, and the
    zaak it belongs to (R10)."""
    gevonden = [
        {
            "onderwerpobjectidentificator_code_objecttype": "klanttaak",
            "onderwerpobjectidentificator_code_register": "objecten",
            "onderwerpobjectidentificator_code_soort_object_id": "uuid",
            "onderwerpobjectidentificator_object_id": taak.uuid,
        }
    ]
    zaak_uuid = taak.zaak.rstrip("/").rsplit("/", 1)[-1] if taak.zaak else ""
    try:
        uuid.UUID(zaak_uuid)
    except ValueError:
        return gevonden
    gevonden.append(
        {
            "onderwerpobjectidentificator_code_objecttype": "zgw-Zaak",
            "onderwerpobjectidentificator_code_register": "openzaak",
            "onderwerpobjectidentificator_code_soort_object_id": "uuid",
            "onderwerpobjectidentificator_object_id": zaak_uuid,
        }
    )
    return gevonden


def formulier(taak: Klanttaak) -> str:
    """The form link, prefilled from the task itself: Open Forms reads the object named by
    ``initial_data_reference`` (so no personal data travels in the URL)."""
    if not taak.formulierlink:
        return ""
    delen = urlsplit(taak.formulierlink)
    vraag = [(k, v) for k, v in parse_qsl(delen.query) if k != "initial_data_reference"]
    vraag.append(("initial_data_reference", taak.uuid))
    return urlunsplit(delen._replace(query=urlencode(vraag)))


def _niet_gelukt(request: HttpRequest, melding: str) -> HttpResponse:
    return render(request, "portal/taak_niet_gelukt.html", {"melding": melding}, status=503)
