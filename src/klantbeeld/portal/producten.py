"""*Producten en afspraken*: what the one the user acts for requested (productaanvragen in
the Objecten API) and their future appointments (the appointment system). Both are asked
side by side within their deadlines; one that fails leaves a message, the other is shown."""

from __future__ import annotations

import concurrent.futures
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from klantbeeld.integrations.afspraken.qmatic import (
    Afsprakenoverzicht,
    geverifieerde_adressen,
    toekomstige_afspraken,
)
from klantbeeld.integrations.objecten.klanttaken import Overzicht, productaanvragen
from klantbeeld.portal.niveaus import Functie
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist
from klantbeeld.portal.verwerkingen import log_inzage


@require_GET
@inlog_vereist(Functie.INZIEN)
def producten(request: HttpRequest) -> HttpResponse:
    wie = cast(PortaalRequest, request).mijn
    # The database is read here, in the request's thread; the threads only ask registers.
    adressen = geverifieerde_adressen(wie.partij())
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        aanvragen = pool.submit(productaanvragen, wie.klant)
        afspraken = pool.submit(toekomstige_afspraken, adressen)
        producten_: Overzicht = aanvragen.result()
        agenda: Afsprakenoverzicht = afspraken.result()
    log_inzage(
        wie, handeling="Producten en afspraken", soorten_gegevens=["productaanvragen", "afspraken"]
    )
    return render(
        request,
        "portal/producten.html",
        {
            "aanvragen": producten_.aanvragen,
            "afspraken": agenda.afspraken,
            "storingen": [*producten_.storingen, *agenda.storingen],
            "adres_bekend": bool(adressen),
        },
    )
