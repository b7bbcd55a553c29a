"""Demo complaints (docs/klachten.md): a few registered from the demo's own contacts, one
new, one near the end of its term, one decided with the committee's advice; made once."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from klantbeeld.domain.models import Actor, Klacht, Klantcontact
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.klachten import Klachtgebeurtenis, Klachtgebeurtenissoort
from klantbeeld.domain.services import klachten, termijnen
from klantbeeld.domain.services.changes import Change, announce
from klantbeeld.domain.services.common import ChangeContext

BY = ChangeContext(applicatie="Klantbeeld demo")
# (subject, description, working days left of its term, decided)
KLACHTEN = (
    (
        "Onvriendelijk te woord gestaan aan de balie",
        "Bij het ophalen van mijn paspoort werd ik afgesnauwd.",
        None,
        False,
    ),
    (
        "Niet teruggebeld over de parkeervergunning",
        "Mij is drie keer beloofd dat ik word teruggebeld; dat is niet gebeurd.",
        2,
        False,
    ),
    (
        "Melding losse stoeptegel niet opgepakt",
        "Ik meldde de losliggende tegel in mei; er is niets mee gedaan.",
        None,
        True,
    ),
)


@transaction.atomic
def maak_demo_klachten() -> int:
    """The demo complaints, when there are none yet; how many were made."""
    if Klacht.objects.exists():
        return 0
    contacten = list(
        Klantcontact.objects.filter(
            kanaal__in=("telefoon", "e-mail"), betrokkenen__was_partij__isnull=False
        ).order_by("plaatsgevonden_op")[: len(KLACHTEN)]
    )
    behandelaar = Actor.objects.filter(
        soort_actor=SoortActor.MEDEWERKER, indicatie_actief=True
    ).first()
    if len(contacten) < len(KLACHTEN) or behandelaar is None:
        return 0
    vandaag = timezone.localdate()
    for contact, (onderwerp, omschrijving, over, besloten) in zip(contacten, KLACHTEN, strict=True):
        klacht = klachten.registreer_klacht(
            contact, door=behandelaar, by=BY, onderwerp=onderwerp, omschrijving=omschrijving
        )
        ontvangen = _ontvangen(vandaag, over, besloten)
        Klacht.objects.filter(pk=klacht.pk).update(
            ontvangen_op=ontvangen, termijn_einde=klachten.bereken_termijn(ontvangen)
        )
        klacht.refresh_from_db()
        announce(Change(klacht, "update", BY))  # its reminders, for the term as it is now
        if over is None and not besloten:
            continue
        klachten.wijs_toe(klacht, behandelaar, door=behandelaar, by=BY)
        if besloten:
            _besluit(klacht, behandelaar)
    return len(KLACHTEN)


def _ontvangen(vandaag: datetime.date, over: int | None, besloten: bool) -> datetime.date:
    if besloten:
        return vandaag - datetime.timedelta(weeks=8)
    if over is None:
        return vandaag - datetime.timedelta(days=3)
    # So many working days before the end of a six-week term.
    einde = termijnen.werkdagen_later(vandaag, over)
    return einde - datetime.timedelta(weeks=klachten.basisweken(commissie=False))


def _besluit(klacht: Klacht, behandelaar: Actor) -> None:
    """Decided with the committee's advice, a letter sent at the time (not sent again)."""
    klachten.leg_voor_aan_commissie(
        klacht, toelichting="Herhaalde melding.", door=behandelaar, by=BY
    )
    klachten.hoor(
        klacht,
        gehoord_op=klacht.ontvangen_op + datetime.timedelta(weeks=3),
        verslag="Gehoord door de klachtencommissie.",
        door=behandelaar,
        by=BY,
    )
    Klacht.objects.filter(pk=klacht.pk).update(
        status="afgehandeld",
        uitkomst="gegrond",
        motivering="De melding is te laat opgepakt; de tegel is inmiddels vastgelegd.",
        besloten_op=klacht.ontvangen_op + datetime.timedelta(weeks=7),
        vervolginstantie=klachten.vervolginstantie(),
    )
    Klachtgebeurtenis.objects.create(
        klacht=klacht,
        soort=Klachtgebeurtenissoort.BESLOTEN,
        door=behandelaar.naam,
        toelichting="Gegrond.",
    )
