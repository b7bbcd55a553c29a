"""Handling a complaint about the service (Awb chapter 9; a housing corporation's own
procedure with its own terms): every rule once, for every adapter.

A complaint is registered from a klantcontact already in the register (a call, a mail, a
letter: ``registreer_klacht``), also automatically when a contact with a complaint subject
comes in on any channel (``bij_contact``, a hook of the intake service). Its term is
computed here, never by an adapter: six weeks after receipt (9:11 lid 1), ten when a
complaints committee advises (9:15), plus one extension of at most four weeks, announced in
writing (9:11 lid 2); the end moves past weekends and holidays (Algemene termijnenwet).
Whoever the complaint is about does not handle it (9:7); the complainant is heard, or the
reason to waive it recorded (9:10); the outcome comes with its reasons and a letter that
names where the complainant can go next (9:12). Every step is a ``Klachtgebeurtenis``;
letters go out through ``verzenden.verstuur`` as outbound klantcontacten.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext

from klantbeeld.domain.models import Actor, Klantcontact, Partij, Teamlid
from klantbeeld.domain.models.klachten import (
    Horen,
    Klacht,
    Klachtgebeurtenis,
    Klachtgebeurtenissoort,
    Klachtstatus,
    Klachtuitkomst,
    Vervolginstantie,
)
from klantbeeld.domain.services import termijnen
from klantbeeld.domain.services.changes import Change, announce
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Contactaanmelding, Deelnemer
from klantbeeld.domain.services.nummers import next_nummer
from klantbeeld.domain.services.opvolging import vraag_opvolging_aan
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.domain.services.zaken import ZAAK, RegisterFout, Zakenregister, zaak_aanmaken

OPEN = (Klachtstatus.ONTVANGEN, Klachtstatus.IN_BEHANDELING)
# Channels on which a complaint comes in in writing (Awb 9:4); by phone or at the desk it is
# oral (9:2), still handled here.
SCHRIFTELIJKE_KANALEN = frozenset({"e-mail", "post", "brief", "formulier", "portaal", "app"})
# Outcomes that end the procedure without a judgement: no hearing needed, and (9:5) no next
# step to point to.
ZONDER_OORDEEL = frozenset({Klachtuitkomst.INFORMEEL, Klachtuitkomst.NIET_BEHANDELD})


@dataclass(frozen=True)
class Adressering:
    """Where a letter to the complainant goes: the channel and address the adapter chose
    (their preferred one) and the complainant as betrokkene of the outbound contact."""

    kanaal: str
    adres: str
    naam: str
    ontvanger: Deelnemer


@dataclass(frozen=True)
class Brief:
    onderwerp: str
    tekst: str
    adressering: Adressering


# -- terms ---------------------------------------------------------------------------------


def basisweken(commissie: bool) -> int:
    if commissie:
        return int(settings.KLANTBEELD_KLACHT_COMMISSIE_TERMIJN_WEKEN)
    return int(settings.KLANTBEELD_KLACHT_TERMIJN_WEKEN)


def bereken_termijn(
    ontvangen_op: datetime.date, *, commissie: bool = False, verdaging_weken: int = 0
) -> datetime.date:
    """The last day to decide: the weeks of the procedure after receipt (the term starts
    the day after), plus an extension, moved past a weekend or holiday (Atw art. 1)."""
    return termijnen.weken_later(
        ontvangen_op,
        basisweken(commissie) + verdaging_weken,
        atw=settings.KLANTBEELD_KLACHT_TERMIJNENWET,
    )


def werkdagen_over(klacht: Klacht, vandaag: datetime.date | None = None) -> int:
    """Working days left until the term ends (0 on its last day; negative: overdue)."""
    return termijnen.werkdagen_tussen(vandaag or timezone.localdate(), klacht.termijn_einde)


def is_open(klacht: Klacht) -> bool:
    return klacht.status in OPEN


# -- registering ---------------------------------------------------------------------------


def registreer_klacht(
    klantcontact: Klantcontact,
    *,
    door: Actor,
    by: ChangeContext,
    onderwerp: str = "",
    omschrijving: str = "",
    betreft_actoren: Sequence[Actor] = (),
    gedraging_op: datetime.date | None = None,
    schriftelijk: bool | None = None,
    register: Zakenregister | None = None,
) -> Klacht:
    """A complaint received in ``klantcontact`` (registered through the intake service), or
    one that a contact turned out to be. What the contact was about (its zaken) is what
    the complaint concerns too."""
    if (bestaand := klacht_bij(klantcontact)) is not None:
        raise _al_gemaakt(bestaand)
    onderwerp = (onderwerp or klantcontact.onderwerp).strip()[:200]
    omschrijving = (omschrijving or klantcontact.inhoud).strip()
    if not omschrijving:
        raise ValidationError(gettext("Beschrijf waarover de klacht gaat."))
    ontvangen_op = timezone.localtime(klantcontact.plaatsgevonden_op).date()
    klager, naam = _klager(klantcontact)
    try:
        with transaction.atomic():
            klacht = Klacht.objects.create(
                nummer=next_nummer("klacht.nummer", Klacht, "nummer"),
                klager=klager,
                klager_naam=naam[:200],
                ontvangen_in=klantcontact,
                ontvangen_op=ontvangen_op,
                kanaal=klantcontact.kanaal,
                schriftelijk=_schriftelijk(klantcontact.kanaal, schriftelijk),
                onderwerp=onderwerp,
                omschrijving=omschrijving,
                gedraging_op=gedraging_op,
                betreft_zaken=_zaken_van(klantcontact),
                termijn_einde=bereken_termijn(ontvangen_op),
            )
            klacht.betreft_klantcontacten.add(klantcontact)
            klacht.betreft_actoren.set(betreft_actoren)
            _gebeurtenis(
                klacht,
                Klachtgebeurtenissoort.ONTVANGEN,
                door,
                gettext("Ontvangen per %(kanaal)s; beslissen uiterlijk %(datum)s.")
                % {"kanaal": klacht.kanaal, "datum": _datum(klacht.termijn_einde)},
                klantcontact=klantcontact,
            )
            if settings.KLANTBEELD_KLACHT_ZAAKTYPE and register is not None:
                _maak_zaak(klacht, klantcontact, door, register, by)
            announce(Change(klacht, "create", by))
    except IntegrityError:
        # The same contact made into a complaint at the same moment elsewhere.
        if (bestaand := klacht_bij(klantcontact)) is None:
            raise
        raise _al_gemaakt(bestaand) from None
    return klacht


def _al_gemaakt(bestaand: Klacht) -> ValidationError:
    return ValidationError(
        gettext("Van dit contact is al klacht %(nummer)s gemaakt.") % {"nummer": bestaand.nummer}
    )


def klacht_bij(klantcontact: Klantcontact) -> Klacht | None:
    """The complaint received in ``klantcontact``, if it became one."""
    return Klacht.objects.filter(ontvangen_in=klantcontact).first()


def is_klachtonderwerp(onderwerp: str) -> bool:
    ingesteld = {o.casefold() for o in settings.KLANTBEELD_KLACHT_ONDERWERPEN}
    return onderwerp.strip().casefold() in ingesteld


def bij_contact(
    klantcontact: Klantcontact,
    aanmelding: Contactaanmelding,
    by: ChangeContext,
    register: Zakenregister | None,
) -> None:
    """The intake service's hook: a contact from the customer on a complaint subject opens
    a complaint in the same transaction, whatever the channel."""
    if not is_klachtonderwerp(aanmelding.onderwerp):
        return
    if not any(d.initiator for d in aanmelding.deelnemers) or not aanmelding.actoren:
        return  # an outbound message (a letter about a complaint) is no new complaint
    registreer_klacht(
        klantcontact,
        door=aanmelding.actoren[0],
        by=by,
        omschrijving=aanmelding.inhoud or aanmelding.onderwerp,
        register=register,
    )


# -- handling ------------------------------------------------------------------------------


def wijs_toe(klacht: Klacht, behandelaar: Actor, *, door: Actor, by: ChangeContext) -> Klacht:
    """Make ``behandelaar`` handle the complaint: never someone whose conduct it is about,
    nor a member of a team it is about (Awb 9:7)."""
    _open(klacht)
    if betrokken_bij(klacht, behandelaar):
        raise ValidationError(
            gettext(
                "%(naam)s kan deze klacht niet behandelen: de klacht gaat over zijn of haar "
                "eigen gedraging of die van het eigen team (Awb artikel 9:7). Kies een "
                "behandelaar die er niet bij betrokken was."
            )
            % {"naam": behandelaar.naam}
        )
    with transaction.atomic():
        klacht.behandelaar = behandelaar
        klacht.status = Klachtstatus.IN_BEHANDELING
        _bewaar(klacht, by)
        _gebeurtenis(klacht, Klachtgebeurtenissoort.TOEGEWEZEN, door, behandelaar.naam)
    return klacht


def betrokken_bij(klacht: Klacht, actor: Actor) -> bool:
    """Whether the complaint is about ``actor`` or about a team ``actor`` is in."""
    betreft = set(klacht.betreft_actoren.values_list("pk", flat=True))
    if actor.pk in betreft:
        return True
    return Teamlid.objects.filter(medewerker=actor, team__in=betreft).exists()


def zet_betreft(
    klacht: Klacht, actoren: Sequence[Actor], *, door: Actor, by: ChangeContext
) -> Klacht:
    """Record whose conduct the complaint is about; refused when that is its handler."""
    _open(klacht)
    if klacht.behandelaar is not None and (
        klacht.behandelaar in actoren
        or Teamlid.objects.filter(medewerker=klacht.behandelaar, team__in=actoren).exists()
    ):
        raise ValidationError(
            gettext(
                "De klacht gaat dan over de behandelaar zelf (Awb artikel 9:7): wijs eerst een "
                "andere behandelaar toe."
            )
        )
    with transaction.atomic():
        klacht.betreft_actoren.set(actoren)
        _bewaar(klacht, by)
        _gebeurtenis(
            klacht,
            Klachtgebeurtenissoort.NOTITIE,
            door,
            gettext("De klacht gaat over: %(namen)s.")
            % {"namen": ", ".join(a.naam for a in actoren) or "-"},
        )
    return klacht


def bevestig_ontvangst(
    klacht: Klacht, brief: Brief, *, door: Actor, by: ChangeContext, register: Zakenregister | None
) -> Klacht:
    """The written acknowledgement of receipt (Awb 9:6)."""
    _open(klacht)
    if klacht.bevestigd_op is not None:
        raise ValidationError(gettext("De ontvangst van deze klacht is al bevestigd."))
    with transaction.atomic():
        contact = _verstuur(klacht, brief, door, by, register)
        klacht.bevestigd_op = timezone.now()
        _bewaar(klacht, by)
        _gebeurtenis(klacht, Klachtgebeurtenissoort.BEVESTIGD, door, brief.onderwerp, contact)
    return klacht


def hoor(
    klacht: Klacht, *, gehoord_op: datetime.date, verslag: str, door: Actor, by: ChangeContext
) -> Klacht:
    """The complainant was heard (Awb 9:10 lid 1), with a report of the hearing."""
    _open(klacht)
    if not verslag.strip():
        raise ValidationError(gettext("Vat samen wat er bij het horen is besproken."))
    if gehoord_op < klacht.ontvangen_op or gehoord_op > timezone.localdate():
        raise ValidationError(
            gettext("De datum van het horen ligt tussen de ontvangst van de klacht en vandaag.")
        )
    with transaction.atomic():
        klacht.horen = Horen.GEHOORD
        klacht.gehoord_op = gehoord_op
        klacht.afzien_horen_reden = ""
        _bewaar(klacht, by)
        _gebeurtenis(klacht, Klachtgebeurtenissoort.GEHOORD, door, verslag.strip())
    return klacht


def zie_af_van_horen(klacht: Klacht, *, reden: str, door: Actor, by: ChangeContext) -> Klacht:
    """Not heard, for one of the grounds of Awb 9:10 lid 2 (obviously unfounded, the
    complainant declined, or did not respond in time), recorded with the reason."""
    _open(klacht)
    if not reden.strip():
        raise ValidationError(
            gettext("Geef de reden om van horen af te zien (Awb artikel 9:10 lid 2).")
        )
    with transaction.atomic():
        klacht.horen = Horen.AFGEZIEN
        klacht.gehoord_op = None
        klacht.afzien_horen_reden = reden.strip()
        _bewaar(klacht, by)
        _gebeurtenis(klacht, Klachtgebeurtenissoort.AFGEZIEN_HOREN, door, reden.strip())
    return klacht


def leg_voor_aan_commissie(
    klacht: Klacht, *, toelichting: str, door: Actor, by: ChangeContext
) -> Klacht:
    """A complaints committee advises (Awb 9:14): the longer term applies (9:15)."""
    _open(klacht)
    if klacht.commissie:
        raise ValidationError(gettext("Deze klacht is al aan de klachtencommissie voorgelegd."))
    with transaction.atomic():
        klacht.commissie = True
        klacht.termijn_einde = _termijn(klacht)
        _bewaar(klacht, by)
        _gebeurtenis(
            klacht,
            Klachtgebeurtenissoort.COMMISSIE,
            door,
            _met_termijn(toelichting, klacht),
        )
    return klacht


def verdaag(
    klacht: Klacht,
    *,
    weken: int,
    reden: str,
    brief: Brief,
    door: Actor,
    by: ChangeContext,
    register: Zakenregister | None,
) -> Klacht:
    """Extend the term once, by at most the maximum, before it ends, and tell the
    complainant in writing (Awb 9:11 lid 2)."""
    _open(klacht)
    maximum = int(settings.KLANTBEELD_KLACHT_VERDAGING_MAX_WEKEN)
    if klacht.verdaagd_op is not None:
        raise ValidationError(
            gettext(
                "De termijn is al verdaagd op %(datum)s. Verdagen kan maar één keer (Awb "
                "artikel 9:11 lid 2)."
            )
            % {"datum": _datum(klacht.verdaagd_op)}
        )
    if not 1 <= weken <= maximum:
        raise ValidationError(
            gettext("Verdagen kan met ten hoogste %(maximum)s weken.") % {"maximum": maximum}
        )
    if not reden.strip():
        raise ValidationError(gettext("Geef de reden van de verdaging; de klager leest die."))
    vandaag = timezone.localdate()
    if vandaag > klacht.termijn_einde:
        raise ValidationError(
            gettext("De termijn is op %(datum)s verstreken; verdagen kan alleen binnen de termijn.")
            % {"datum": _datum(klacht.termijn_einde)}
        )
    with transaction.atomic():
        klacht.verdaging_weken = weken
        klacht.verdaagd_op = vandaag
        klacht.verdaging_reden = reden.strip()
        oud = klacht.termijn_einde
        klacht.termijn_einde = _termijn(klacht)
        # What the law asks the letter to say: the new term, and why.
        tekst = gettext(
            "%(tekst)s\n\nDe reden: %(reden)s\n\nWij beslissen uiterlijk %(nieuw)s in plaats "
            "van %(oud)s."
        ) % {
            "tekst": brief.tekst.rstrip(),
            "reden": klacht.verdaging_reden,
            "nieuw": _datum(klacht.termijn_einde),
            "oud": _datum(oud),
        }
        contact = _verstuur(
            klacht, Brief(brief.onderwerp, tekst, brief.adressering), door, by, register
        )
        _bewaar(klacht, by)
        _gebeurtenis(
            klacht, Klachtgebeurtenissoort.VERDAAGD, door, _met_termijn(reden, klacht), contact
        )
    return klacht


def beslis(
    klacht: Klacht,
    *,
    uitkomst: str,
    motivering: str,
    maatregelen: str = "",
    brief: Brief,
    door: Actor,
    by: ChangeContext,
    register: Zakenregister | None,
) -> Klacht:
    """The outcome with its findings and reasons (Awb 9:12 lid 1), in a letter that names
    where the complainant can go next (lid 2); informally settled (9:5) ends it too."""
    _open(klacht)
    if uitkomst not in Klachtuitkomst.values:
        raise ValidationError(gettext("Kies de uitkomst van de klacht."))
    if klacht.behandelaar is None:
        raise ValidationError(gettext("Wijs eerst een behandelaar toe."))
    if not motivering.strip():
        raise ValidationError(
            gettext("Schrijf de bevindingen, het oordeel en de conclusies op (Awb artikel 9:12).")
        )
    if uitkomst not in ZONDER_OORDEEL and klacht.horen == Horen.NOG_NIET:
        raise ValidationError(
            gettext(
                "Hoor eerst de klager, of leg vast waarom daarvan wordt afgezien (Awb artikel "
                "9:10)."
            )
        )
    with transaction.atomic():
        klacht.uitkomst = uitkomst
        klacht.motivering = motivering.strip()
        klacht.maatregelen = maatregelen.strip()
        klacht.besloten_op = timezone.localdate()
        klacht.status = Klachtstatus.AFGEHANDELD
        if uitkomst != Klachtuitkomst.INFORMEEL:
            klacht.vervolginstantie = vervolginstantie()
        tekst = brief.tekst.rstrip()
        if klacht.vervolginstantie and vervolgzin() not in tekst:
            tekst = f"{tekst}\n\n{vervolgzin()}"
        contact = _verstuur(
            klacht, Brief(brief.onderwerp, tekst, brief.adressering), door, by, register
        )
        _bewaar(klacht, by)
        _gebeurtenis(
            klacht,
            Klachtgebeurtenissoort.BESLOTEN,
            door,
            f"{Klachtuitkomst(uitkomst).label}. {klacht.motivering}",
            contact,
        )
    return klacht


def stuur_brief(
    klacht: Klacht, brief: Brief, *, door: Actor, by: ChangeContext, register: Zakenregister | None
) -> Klacht:
    """Any other letter about the complaint (a question, an invitation to be heard)."""
    if not brief.tekst.strip() or not brief.onderwerp.strip():
        raise ValidationError(gettext("Vul het onderwerp en de tekst van de brief in."))
    with transaction.atomic():
        contact = _verstuur(klacht, brief, door, by, register)
        _gebeurtenis(klacht, Klachtgebeurtenissoort.BRIEF, door, brief.onderwerp, contact)
    return klacht


def verwijs_door(klacht: Klacht, *, toelichting: str, door: Actor, by: ChangeContext) -> Klacht:
    """The complainant takes the complaint to the next step (the Nationale ombudsman or
    the independent committee): recorded, and the dossier is theirs to have
    (``klachthistorie.dossier``)."""
    if klacht.status != Klachtstatus.AFGEHANDELD:
        raise ValidationError(gettext("Doorverwijzen kan pas als over de klacht is besloten."))
    if klacht.uitkomst == Klachtuitkomst.INFORMEEL:
        raise ValidationError(
            gettext("Een naar tevredenheid opgeloste klacht gaat niet naar een volgende stap.")
        )
    if klacht.doorverwezen_op is not None:
        raise ValidationError(
            gettext("Deze klacht is al doorverwezen op %(datum)s.")
            % {"datum": _datum(klacht.doorverwezen_op)}
        )
    with transaction.atomic():
        klacht.vervolginstantie = klacht.vervolginstantie or vervolginstantie()
        klacht.doorverwezen_op = timezone.localdate()
        _bewaar(klacht, by)
        naam = Vervolginstantie(klacht.vervolginstantie).label
        _gebeurtenis(
            klacht,
            Klachtgebeurtenissoort.DOORVERWEZEN,
            door,
            f"{naam}. {toelichting.strip()}".strip(),
        )
    return klacht


def trek_in(klacht: Klacht, *, reden: str, door: Actor, by: ChangeContext) -> Klacht:
    """The complainant withdrew the complaint."""
    _open(klacht)
    if not reden.strip():
        raise ValidationError(gettext("Noteer hoe en waarom de klager de klacht introk."))
    with transaction.atomic():
        klacht.status = Klachtstatus.INGETROKKEN
        _bewaar(klacht, by)
        _gebeurtenis(klacht, Klachtgebeurtenissoort.INGETROKKEN, door, reden.strip())
    return klacht


def herinner(
    klacht: Klacht, *, werkdagen: int, termijn_einde: datetime.date, door: Actor, by: ChangeContext
) -> Klachtgebeurtenis | None:
    """A reminder planned ``werkdagen`` before ``termijn_einde``: recorded once, and only
    while the complaint is open with that same term (a decided or extended one has no need
    of it). The handler (or their team) gets a task to decide by the end of the term."""
    with transaction.atomic():
        klacht = Klacht.objects.select_for_update().get(pk=klacht.pk)
        if not is_open(klacht) or klacht.termijn_einde != termijn_einde:
            return None
        toelichting = gettext("Nog %(dagen)s werkdagen: beslissen uiterlijk %(datum)s.") % {
            "dagen": werkdagen,
            "datum": _datum(termijn_einde),
        }
        if klacht.gebeurtenissen.filter(
            soort=Klachtgebeurtenissoort.HERINNERING, toelichting=toelichting
        ).exists():
            return None
        gebeurtenis = _gebeurtenis(klacht, Klachtgebeurtenissoort.HERINNERING, door, toelichting)
        _signaleer(klacht, door, by)
    return gebeurtenis


# -- letters -------------------------------------------------------------------------------


def vervolginstantie() -> str:
    ingesteld = settings.KLANTBEELD_KLACHT_VERVOLGINSTANTIE
    return ingesteld if ingesteld in Vervolginstantie.values else Vervolginstantie.OMBUDSMAN


def vervolgzin() -> str:
    """What the decision letter says of the next step (Awb 9:12 lid 2)."""
    return gettext(
        "Bent u het niet eens met deze afhandeling? Dan kunt u uw klacht voorleggen aan de "
        "%(instantie)s: %(gegevens)s."
    ) % {
        "instantie": Vervolginstantie(vervolginstantie()).label,
        "gegevens": settings.KLANTBEELD_KLACHT_VERVOLGINSTANTIE_GEGEVENS,
    }


def brieftekst(klacht: Klacht, soort: str) -> tuple[str, str]:
    """The organisation's standard letter (subject, text) for ``soort`` (bevestigd,
    verdaagd, besloten), for the handler to adapt before it is sent."""
    aanhef = gettext("Beste %(naam)s,") % {"naam": naam_klager(klacht) or gettext("heer/mevrouw")}
    nummer = klacht.nummer or ""
    if soort == Klachtgebeurtenissoort.BEVESTIGD:
        return (
            gettext("Ontvangstbevestiging van uw klacht %(nummer)s") % {"nummer": nummer},
            f"{aanhef}\n\n"
            + gettext(
                "Wij hebben uw klacht over '%(onderwerp)s' op %(ontvangen)s ontvangen. U krijgt "
                "uiterlijk %(termijn)s ons besluit. Wij nodigen u uit om uw klacht toe te "
                "lichten in een gesprek; wij nemen daarvoor contact met u op."
            )
            % {
                "onderwerp": klacht.onderwerp,
                "ontvangen": _datum(klacht.ontvangen_op),
                "termijn": _datum(klacht.termijn_einde),
            },
        )
    if soort == Klachtgebeurtenissoort.VERDAAGD:
        return (
            gettext("Meer tijd nodig voor uw klacht %(nummer)s") % {"nummer": nummer},
            f"{aanhef}\n\n"
            + gettext(
                "Wij hebben meer tijd nodig om uw klacht over '%(onderwerp)s' goed te behandelen."
            )
            % {"onderwerp": klacht.onderwerp},
        )
    return (
        gettext("Besluit over uw klacht %(nummer)s") % {"nummer": nummer},
        f"{aanhef}\n\n"
        + gettext("Wij hebben uw klacht over '%(onderwerp)s' behandeld.")
        % {"onderwerp": klacht.onderwerp},
    )


def naam_klager(klacht: Klacht) -> str:
    if klacht.klager is not None:
        return klacht.klager.volledige_naam
    return klacht.klager_naam


# -- inside --------------------------------------------------------------------------------


def _open(klacht: Klacht) -> None:
    if not is_open(klacht):
        raise ValidationError(
            gettext("Klacht %(nummer)s is %(status)s: daaraan verandert niets meer.")
            % {"nummer": klacht.nummer, "status": klacht.get_status_display().lower()}
        )


def _schriftelijk(kanaal: str, gegeven: bool | None) -> bool:
    return kanaal in SCHRIFTELIJKE_KANALEN if gegeven is None else gegeven


def _termijn(klacht: Klacht) -> datetime.date:
    return bereken_termijn(
        klacht.ontvangen_op, commissie=klacht.commissie, verdaging_weken=klacht.verdaging_weken
    )


def _met_termijn(toelichting: str, klacht: Klacht) -> str:
    termijn = gettext("Beslissen uiterlijk %(datum)s.") % {"datum": _datum(klacht.termijn_einde)}
    return f"{toelichting.strip()} {termijn}".strip()


def _datum(datum: datetime.date) -> str:
    return formats.date_format(datum, "j F Y")


def _bewaar(klacht: Klacht, by: ChangeContext) -> None:
    klacht.save()
    # Listeners re-plan the reminders of the (possibly moved) term.
    announce(Change(klacht, "update", by))


def _gebeurtenis(
    klacht: Klacht,
    soort: str,
    door: Actor,
    toelichting: str = "",
    klantcontact: Klantcontact | None = None,
) -> Klachtgebeurtenis:
    return Klachtgebeurtenis.objects.create(
        klacht=klacht,
        soort=soort,
        door=door.naam[:200],
        toelichting=toelichting,
        klantcontact=klantcontact,
    )


def _verstuur(
    klacht: Klacht, brief: Brief, door: Actor, by: ChangeContext, register: Zakenregister | None
) -> Klantcontact | None:
    if not brief.tekst.strip():
        raise ValidationError(gettext("De brief heeft geen tekst."))
    tekst = brief.tekst
    adres = brief.adressering
    verzending = verstuur(
        Bericht(
            kanaal=adres.kanaal,
            adres=adres.adres,
            onderwerp=brief.onderwerp,
            tekst=tekst,
            naam=adres.naam,
        ),
        ontvanger=adres.ontvanger,
        actor=door,
        by=by,
        register=register,
        vervolg_op=klacht.ontvangen_in,
    )
    return verzending.klantcontact if verzending is not None else None


def _klager(klantcontact: Klantcontact) -> tuple[Partij | None, str]:
    betrokkenen = list(klantcontact.betrokkenen.select_related("was_partij"))
    eerste = next((b for b in betrokkenen if b.initiator), betrokkenen[0] if betrokkenen else None)
    if eerste is None:
        return None, ""
    if eerste.was_partij is not None:
        return eerste.was_partij, ""
    return None, eerste.volledige_naam


def _zaken_van(klantcontact: Klantcontact) -> list[str]:
    return list(
        klantcontact.onderwerpobjecten.filter(
            onderwerpobjectidentificator_code_objecttype=ZAAK["code_objecttype"]
        )
        .exclude(onderwerpobjectidentificator_object_id="")
        .values_list("onderwerpobjectidentificator_object_id", flat=True)
    )


def _maak_zaak(
    klacht: Klacht,
    klantcontact: Klantcontact,
    door: Actor,
    register: Zakenregister,
    by: ChangeContext,
) -> None:
    """The complaint as a zaak of the configured zaaktype; when the register refuses, the
    complaint is registered anyway and the event says why there is no zaak."""
    try:
        zaak = zaak_aanmaken(
            klantcontact,
            zaaktype=settings.KLANTBEELD_KLACHT_ZAAKTYPE,
            omschrijving=(
                gettext("Klacht %(nummer)s: %(onderwerp)s")
                % {"nummer": klacht.nummer, "onderwerp": klacht.onderwerp}
            )[:80],
            toelichting=klacht.omschrijving[:1000],
            register=register,
            by=by,
        )
    except RegisterFout as fout:
        _gebeurtenis(
            klacht,
            Klachtgebeurtenissoort.NOTITIE,
            door,
            gettext("Er is geen zaak aangemaakt: %(fout)s") % {"fout": fout},
        )
        return
    klacht.zaak_url = zaak.url
    klacht.save(update_fields=["zaak_url", "gewijzigd_op"])
    _gebeurtenis(
        klacht,
        Klachtgebeurtenissoort.NOTITIE,
        door,
        gettext("Zaak %(zaak)s aangemaakt.") % {"zaak": zaak.identificatie},
    )


def _signaleer(klacht: Klacht, door: Actor, by: ChangeContext) -> None:
    """A task for the handler (or, without one, nobody: the list shows the term) on the
    contact the complaint came in with."""
    if klacht.behandelaar is None or klacht.ontvangen_in is None:
        return
    vraag_opvolging_aan(
        klacht.ontvangen_in,
        gevraagde_handeling=(gettext("Beslis over klacht %(nummer)s") % {"nummer": klacht.nummer})[
            :200
        ],
        toegewezen_aan=[klacht.behandelaar],
        door=door,
        by=by,
        toelichting=gettext("De termijn eindigt op %(datum)s.")
        % {"datum": _datum(klacht.termijn_einde)},
        uiterlijk_op=klacht.termijn_einde,
    )
