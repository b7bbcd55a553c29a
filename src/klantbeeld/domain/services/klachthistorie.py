"""A complaint's one timeline for its handler (C9127): its own events, the klantcontacten
and interne taken it concerns, and the history of the zaken it concerns (their contacts,
follow-ups and tasks, ``zaakhistorie``), in order of time; and the dossier for the next
step (the Nationale ombudsman or the committee), as the structure ``privacy/afschrift``
writes as JSON and PDF. Only what the caller may see (R12)."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import InterneTaak, Klacht, Klachtgebeurtenis, Klantcontact
from klantbeeld.domain.services.klachten import naam_klager
from klantbeeld.domain.services.zaakhistorie import zaakhistorie


@dataclass(frozen=True)
class Tijdlijnregel:
    moment: datetime.datetime
    gebeurtenis: Klachtgebeurtenis | None = None
    klantcontact: Klantcontact | None = None
    taak: InterneTaak | None = None
    # For a line from a zaak's history: the zaak (its URL or uuid).
    zaak: str = ""


def zaken_van(klacht: Klacht) -> list[str]:
    """The zaken the complaint concerns, its own zaak first."""
    zaken = [klacht.zaak_url] if klacht.zaak_url else []
    return zaken + [z for z in klacht.betreft_zaken if z not in zaken]


def tijdlijn(klacht: Klacht) -> list[Tijdlijnregel]:
    gebeurtenissen = list(klacht.gebeurtenissen.select_related("klantcontact"))
    # A letter or call recorded as an event is shown as that event, not twice.
    gezien: set[uuid.UUID] = {g.klantcontact_id for g in gebeurtenissen if g.klantcontact_id}
    regels = [Tijdlijnregel(g.moment, gebeurtenis=g) for g in gebeurtenissen]
    contacten = visible(klacht.betreft_klantcontacten.all()).prefetch_related("actoren")
    for kc in contacten:
        if kc.pk not in gezien:
            gezien.add(kc.pk)
            regels.append(Tijdlijnregel(kc.plaatsgevonden_op, klantcontact=kc))
    taken_gezien: set[uuid.UUID] = set()
    for taak in visible(klacht.betreft_interne_taken.all()):
        taken_gezien.add(taak.pk)
        regels.append(Tijdlijnregel(taak.toegewezen_op, taak=taak))
    for zaak in zaken_van(klacht):
        historie = zaakhistorie(zaak.rstrip("/").rsplit("/", 1)[-1], zaak if "/" in zaak else "")
        for regel in historie.regels:
            if regel.klantcontact is not None and regel.klantcontact.pk not in gezien:
                gezien.add(regel.klantcontact.pk)
                regels.append(
                    Tijdlijnregel(regel.moment, klantcontact=regel.klantcontact, zaak=zaak)
                )
            elif regel.taak is not None and regel.taak.pk not in taken_gezien:
                taken_gezien.add(regel.taak.pk)
                regels.append(Tijdlijnregel(regel.moment, taak=regel.taak, zaak=zaak))
    regels.sort(key=lambda r: r.moment)
    return regels


def dossier(klacht: Klacht) -> dict[str, Any]:
    """The complaint and its course, for the complainant's next step."""
    organisatie = settings.KLANTBEELD_ORGANISATIE_NAAM or gettext("Gemeente")
    return {
        "soort": "klachtdossier",
        "organisatie": organisatie,
        "systeem": "Klantbeeld",
        "gemaakt_op": timezone.now(),
        "titel": gettext("Klachtdossier %(nummer)s") % {"nummer": klacht.nummer},
        "inleiding": gettext(
            "Dit dossier bevat de klacht, de behandeling ervan door %(organisatie)s en het "
            "besluit, voor de behandeling van de klacht in de volgende stap."
        )
        % {"organisatie": organisatie},
        "secties": [_klachtsectie(klacht), _verloopsectie(klacht)],
    }


def _klachtsectie(klacht: Klacht) -> dict[str, Any]:
    return {
        "sleutel": "klacht",
        "titel": gettext("De klacht"),
        "toelichting": "",
        "leeg": "",
        "velden": {
            "nummer": gettext("Nummer"),
            "klager": gettext("Klager"),
            "ontvangen_op": gettext("Ontvangen op"),
            "kanaal": gettext("Kanaal"),
            "onderwerp": gettext("Onderwerp"),
            "omschrijving": gettext("Omschrijving"),
            "betreft": gettext("Over de gedraging van"),
            "behandelaar": gettext("Behandelaar"),
            "commissie": gettext("Advies van de klachtencommissie"),
            "termijn_einde": gettext("Termijn tot en met"),
            "verdaging": gettext("Verdaagd"),
            "horen": gettext("Horen"),
            "uitkomst": gettext("Uitkomst"),
            "motivering": gettext("Bevindingen en oordeel"),
            "maatregelen": gettext("Maatregelen"),
            "besloten_op": gettext("Besloten op"),
            "vervolginstantie": gettext("Volgende stap"),
            "doorverwezen_op": gettext("Doorverwezen op"),
        },
        "items": [
            {
                "nummer": klacht.nummer,
                "klager": naam_klager(klacht),
                "ontvangen_op": klacht.ontvangen_op,
                "kanaal": klacht.kanaal,
                "onderwerp": klacht.onderwerp,
                "omschrijving": klacht.omschrijving,
                "betreft": [a.naam for a in klacht.betreft_actoren.all()],
                "behandelaar": klacht.behandelaar.naam if klacht.behandelaar else "",
                "commissie": klacht.commissie,
                "termijn_einde": klacht.termijn_einde,
                "verdaging": (
                    f"{klacht.verdaagd_op:%Y-%m-%d}: {klacht.verdaging_weken} "
                    f"{gettext('weken')}; {klacht.verdaging_reden}"
                    if klacht.verdaagd_op
                    else ""
                ),
                "horen": " ".join(
                    filter(
                        None,
                        [
                            klacht.get_horen_display(),
                            klacht.gehoord_op.isoformat() if klacht.gehoord_op else "",
                            klacht.afzien_horen_reden,
                        ],
                    )
                ),
                "uitkomst": klacht.get_uitkomst_display() if klacht.uitkomst else "",
                "motivering": klacht.motivering,
                "maatregelen": klacht.maatregelen,
                "besloten_op": klacht.besloten_op,
                "vervolginstantie": (
                    klacht.get_vervolginstantie_display() if klacht.vervolginstantie else ""
                ),
                "doorverwezen_op": klacht.doorverwezen_op,
            }
        ],
    }


def _verloopsectie(klacht: Klacht) -> dict[str, Any]:
    items = []
    for regel in tijdlijn(klacht):
        if regel.gebeurtenis is not None:
            g = regel.gebeurtenis
            tekst = g.klantcontact.inhoud if g.klantcontact is not None else ""
            items.append(
                {
                    "moment": regel.moment,
                    "wat": g.get_soort_display(),
                    "door": g.door,
                    "toelichting": g.toelichting,
                    "tekst": tekst,
                }
            )
        elif regel.klantcontact is not None:
            kc = regel.klantcontact
            items.append(
                {
                    "moment": regel.moment,
                    "wat": gettext("Contact per %(kanaal)s: %(onderwerp)s")
                    % {"kanaal": kc.kanaal, "onderwerp": kc.onderwerp},
                    "door": ", ".join(a.naam for a in kc.actoren.all()),
                    "toelichting": kc.inhoud,
                    "tekst": kc.reactie,
                }
            )
        elif regel.taak is not None:
            items.append(
                {
                    "moment": regel.moment,
                    "wat": gettext("Taak: %(handeling)s")
                    % {"handeling": regel.taak.gevraagde_handeling},
                    "door": "",
                    "toelichting": regel.taak.toelichting,
                    "tekst": regel.taak.get_status_display(),
                }
            )
    return {
        "sleutel": "verloop",
        "titel": gettext("Verloop"),
        "toelichting": "",
        "leeg": gettext("Er is niets vastgelegd."),
        "velden": {
            "moment": gettext("Moment"),
            "wat": gettext("Wat"),
            "door": gettext("Door"),
            "toelichting": gettext("Toelichting"),
            "tekst": gettext("Tekst"),
        },
        "items": items,
    }
