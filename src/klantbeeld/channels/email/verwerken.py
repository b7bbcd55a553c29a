"""One message from a mailbox into the register (C1199), in one transaction:

1. the message's key (mailbox + Message-ID, or a fingerprint) is claimed first: a second
   worker handling the same message waits here, then finds it handled and stores
   nothing (no document twice in the Documenten API);
2. a loop, bounce, or automatic/bulk/list mail is recorded and kept out of the queue; a
   bounce of our own mail marks that contact not reached (C5655);
3. any other mail is registered (``registreer_contact``): the klantcontact with subject
   and text, the sender as betrokkene with their address and no partij (a sender address
   proves no identity, R1/R3), the mailbox's automated actor, the .eml and every
   attachment as documents, a task for the mailbox's team; a reply to a mail we sent
   follows up that mail's contact (R9 ``wasKlantcontact``).

A message that can never be handled (unreadable, too big, refused by the register) is
kept aside with its bytes (quarantine); a passing failure (the database or the register
away) raises and leaves nothing, so the reader tries the message again. The caller marks
the message handled on the server only after this returned, i.e. after the commit.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

import httpx
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.channels.email import herkennen
from klantbeeld.channels.email.lezen import (
    Mail,
    Onleesbaar,
    afzender,
    bericht_id_van,
    eml_naam,
    inhoudshash,
    kop,
    lees,
    ontleed,
)
from klantbeeld.channels.email.models import Postvak, Postvakbericht, Uitkomst
from klantbeeld.channels.email.namen import naamdelen
from klantbeeld.domain.models import Actor, Klantcontact, Verzending
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services.actoren import create_actor
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    Document,
    Opvolging,
    registreer_contact,
)
from klantbeeld.domain.services.verzenden import niet_afgeleverd, verzending_met_bericht_id
from klantbeeld.domain.services.zaken import Bestand, RegisterFout, Zakenregister
from klantbeeld.integrations.zgw.client import ZgwError

log = logging.getLogger(__name__)
FUNCTIE = "Mailverwerker"


@dataclass(frozen=True)
class Ontvangst:
    """A message as fetched from the mailbox. ``volledig`` False: ``ruw`` holds only the
    header (the message was too big to fetch whole)."""

    ruw: bytes
    ontvangen_op: datetime.datetime
    grootte: int
    map: str = ""
    uid: int | None = None
    volledig: bool = True


@dataclass(frozen=True)
class Afloop:
    """What became of a message; ``nieuw`` False when it was handled before."""

    bericht: Postvakbericht
    nieuw: bool

    @property
    def uitkomst(self) -> str:
        return self.bericht.uitkomst


def namens(postvak: Postvak) -> ChangeContext:
    return ChangeContext(applicatie=f"Klantbeeld e-mail ({postvak.adres})")


def tijdelijk(fout: BaseException) -> bool:
    """A failure that asking again later may cure (the database, the register or the
    network away, the register not configured), rather than one this message will meet
    every time."""
    if isinstance(fout, ZgwError):
        return fout.tijdelijk
    if isinstance(fout, OperationalError | InterfaceError):
        return True
    if isinstance(fout, DatabaseError):
        return False  # a value the database refuses (too long, a broken constraint)
    return isinstance(fout, RegisterFout | httpx.HTTPError | OSError)


def verwerk(postvak: Postvak, ontvangst: Ontvangst, register: Zakenregister) -> Afloop:
    """Handle one message (see the module's description). Raises only a passing failure
    (``tijdelijk``): then nothing was stored."""
    if not ontvangst.volledig or ontvangst.grootte > postvak.max_bytes:
        reden = gettext("Te groot: %(mb).1f MB; de grens van dit postvak is %(max)s MB.") % {
            "mb": ontvangst.grootte / 1024 / 1024,
            "max": postvak.max_mb,
        }
        return zet_apart(postvak, ontvangst, reden)
    try:
        mail = lees(ontvangst.ruw)
    except Onleesbaar as fout:
        return zet_apart(postvak, ontvangst, str(fout))
    except Exception as fout:  # the parser tripped on something no rule foresaw
        log.exception("Postvak %s: bericht %s onleesbaar", postvak.naam, ontvangst.uid)
        return zet_apart(postvak, ontvangst, f"Onleesbaar ({type(fout).__name__}: {fout}).")
    # Made (once) outside the message's transaction: a rolled-back message must not take
    # the actor with it.
    actor_van(postvak)
    with transaction.atomic():
        rij, eerder = _claim(postvak, ontvangst, mail.bericht_id, mail.inhoudshash)
        if eerder is not None:
            return Afloop(eerder, nieuw=False)
        rij.afzender, rij.onderwerp = mail.afzender[:254], mail.onderwerp[:200]
        _handel_af(rij, mail, postvak, register)
        rij.save()
    return Afloop(rij, nieuw=True)


def _handel_af(rij: Postvakbericht, mail: Mail, postvak: Postvak, register: Zakenregister) -> None:
    """Steps 2 and 3, in a savepoint: a failure this message will always meet puts it in
    quarantine instead; a passing one propagates."""
    try:
        with transaction.atomic():
            herkenning = herkennen.herken(mail.kop, eigen_bericht=_eigen_bericht)
            if herkenning.soort == herkennen.KLANTCONTACT:
                _registreer(rij, mail, postvak, register, namens(postvak))
            elif herkenning.soort == herkennen.ONBESTELBAAR:
                assert herkenning.onbestelbaar is not None
                _onbestelbaar(rij, herkenning.onbestelbaar, postvak, mail.ruw)
            else:
                soort = Uitkomst.LUS if herkenning.soort == herkennen.LUS else None
                _buiten(rij, soort or Uitkomst.BUITENGEHOUDEN, herkenning.reden, mail.ruw)
    except Exception as fout:
        if tijdelijk(fout):
            raise
        _quarantaine(rij, _fouttekst(fout), mail.ruw)


def _eigen_bericht(bericht_id: str) -> bool:
    return Verzending.objects.filter(bericht_id=bericht_id.strip()).exists()


# -- the outcomes -----------------------------------------------------------------------------


def _registreer(
    rij: Postvakbericht,
    mail: Mail,
    postvak: Postvak,
    register: Zakenregister,
    by: ChangeContext,
) -> None:
    onderwerp = mail.onderwerp or gettext("(geen onderwerp)")
    eml = Document(
        bestand=Bestand(naam=eml_naam(mail.onderwerp), inhoud=mail.ruw, formaat="message/rfc822"),
        titel=gettext("E-mail: %(onderwerp)s") % {"onderwerp": onderwerp},
    )
    bijlagen = [
        Document(bestand=Bestand(b.naam, b.inhoud, b.formaat), titel=b.naam) for b in mail.bijlagen
    ]
    registratie = registreer_contact(
        Contactaanmelding(
            kanaal="e-mail",
            onderwerp=mail.onderwerp,
            inhoud=mail.tekst,
            taal=mail.taal,
            # R5: when it reached us; the sender's Date can be anything, the future too.
            plaatsgevonden_op=min(rij.ontvangen_op, timezone.now()),
            metadata={"postvak": postvak.adres[:255]},
            deelnemers=[_afzender(mail)],
            actoren=[actor_van(postvak)],
            vervolg_op=_vervolg_op(mail.verwijzingen),
            documenten=[eml, *bijlagen],
            opvolging=Opvolging(postvak.gevraagde_handeling, [postvak.team]),
            bron=Bron(postvak.bron, rij.bericht_id),
            # The whole mail is kept as its .eml: no separate text document.
            volledige_tekst_bewaren=False,
            documenttype=postvak.informatieobjecttype,
        ),
        by,
        register=register,
    )
    rij.uitkomst = Uitkomst.GEREGISTREERD
    rij.klantcontact = registratie.klantcontact
    rij.inhoud = b""
    if not registratie.nieuw:
        rij.reden = gettext("Dit bericht was al eerder geregistreerd.")


def _afzender(mail: Mail) -> Deelnemer:
    """The sender: the name as they gave it, their address for this contact, no partij
    (C1199: a sender address proves no identity; an employee links one later, R3)."""
    naam = naamdelen(mail.afzender_naam)
    return Deelnemer(
        voornaam=naam.get("voornaam", ""),
        voorvoegsel=naam.get("voorvoegsel", ""),
        achternaam=naam.get("achternaam", ""),
        adressen=[Contactadres("email", mail.afzender, "Afzender")],
    )


def _vervolg_op(verwijzingen: tuple[str, ...]) -> Klantcontact | None:
    """The contact of the mail we sent that this one answers (its In-Reply-To, else the
    newest of its References that is ours)."""
    for bericht_id in verwijzingen:
        verzending = verzending_met_bericht_id(bericht_id)
        if verzending is not None and verzending.klantcontact is not None:
            return verzending.klantcontact
    return None


def _onbestelbaar(
    rij: Postvakbericht, melding: herkennen.Onbestelbaar, postvak: Postvak, ruw: bytes
) -> None:
    verzending = next(
        (v for v in map(verzending_met_bericht_id, melding.bericht_ids) if v is not None), None
    )
    if verzending is None:
        _buiten(
            rij,
            Uitkomst.BUITENGEHOUDEN,
            gettext("Onbestelbaar-melding voor een bericht dat Klantbeeld niet verstuurde: %s")
            % melding.reden,
            ruw,
        )
        return
    rij.verzending = verzending
    rij.klantcontact = verzending.klantcontact
    if not melding.mislukt:
        _buiten(rij, Uitkomst.BUITENGEHOUDEN, gettext("Vertraagd: %s") % melding.reden, ruw)
        return
    niet_afgeleverd(verzending, melding.reden, namens(postvak))
    _buiten(rij, Uitkomst.ONBESTELBAAR, melding.reden, ruw)


def _buiten(rij: Postvakbericht, uitkomst: str, reden: str, ruw: bytes) -> None:
    rij.uitkomst = uitkomst
    rij.reden = reden
    if ruw:
        rij.inhoud = ruw


def _quarantaine(rij: Postvakbericht, reden: str, ruw: bytes) -> None:
    rij.uitkomst = Uitkomst.QUARANTAINE
    rij.reden = reden
    rij.klantcontact = None
    rij.verzending = None
    rij.inhoud = ruw


def _fouttekst(fout: BaseException) -> str:
    if isinstance(fout, ValidationError):
        if hasattr(fout, "error_dict"):
            delen = [f"{veld}: {' '.join(m)}" for veld, m in fout.message_dict.items()]
            return gettext("Geweigerd: %s") % "; ".join(delen)
        return gettext("Geweigerd: %s") % " ".join(fout.messages)
    if isinstance(fout, RegisterFout):
        return gettext("Het documentenregister weigerde: %s") % fout
    return f"{type(fout).__name__}: {fout}"


# -- the key ----------------------------------------------------------------------------------


def _claim(
    postvak: Postvak, ontvangst: Ontvangst, bericht_id: str, vingerafdruk: str
) -> tuple[Postvakbericht, Postvakbericht | None]:
    """The new row for this message, or the row of its earlier handling. A Message-ID
    that came before with other content (software that reuses ids) is keyed with the
    fingerprint too, so neither message is lost."""
    sleutel_id = bericht_id or f"sha256:{vingerafdruk}"
    for poging in range(2):
        sleutel = Bron(postvak.bron, sleutel_id).sleutel
        try:
            with transaction.atomic():
                rij = Postvakbericht.objects.create(
                    postvak=postvak,
                    sleutel=sleutel,
                    bron=postvak.bron,
                    bericht_id=sleutel_id,
                    inhoudshash=vingerafdruk,
                    uitkomst=Uitkomst.QUARANTAINE,
                    map=ontvangst.map[:200],
                    uid=ontvangst.uid,
                    grootte=ontvangst.grootte,
                    ontvangen_op=ontvangst.ontvangen_op,
                    volledig=ontvangst.volledig,
                )
            return rij, None
        except IntegrityError:
            eerder = Postvakbericht.objects.get(sleutel=sleutel)
            if poging or eerder.inhoudshash == vingerafdruk:
                return eerder, eerder
            sleutel_id = f"{bericht_id} sha256:{vingerafdruk[:16]}"
    raise AssertionError("unreachable")


def zet_apart(postvak: Postvak, ontvangst: Ontvangst, reden: str) -> Afloop:
    """Quarantine for a message that was not (or could not be) read, or that kept failing."""
    try:
        bericht = ontleed(ontvangst.ruw)
        bericht_id = bericht_id_van(bericht)
        van = afzender(bericht)[1]
        onderwerp = kop(bericht, "Subject")
    except Exception:  # as unreadable as it gets: keyed by its bytes alone
        bericht_id, van, onderwerp = "", "", ""
    grootte = None if ontvangst.volledig else ontvangst.grootte
    with transaction.atomic():
        rij, eerder = _claim(
            postvak, ontvangst, bericht_id, inhoudshash(ontvangst.ruw, grootte=grootte)
        )
        if eerder is not None:
            return Afloop(eerder, nieuw=False)
        rij.afzender, rij.onderwerp = van[:254], onderwerp[:200]
        _quarantaine(rij, reden, ontvangst.ruw)
        rij.save()
    return Afloop(rij, nieuw=True)


# -- again, from the admin ----------------------------------------------------------------------


class NietOpnieuw(ValueError):
    """The message cannot be handled again from what Klantbeeld kept; ``str()`` says why."""


def opnieuw(
    rij: Postvakbericht,
    register: Zakenregister,
    by: ChangeContext,
    *,
    als_klantcontact: bool = False,
) -> Postvakbericht:
    """Handle a message kept aside or out of the queue again, from its stored bytes (after
    its cause was fixed: a limit raised, the register configured). ``als_klantcontact``:
    register it whatever it looks like (an administrator's judgement of a message kept
    out, such as a citizen's mail sent with a bulk marker)."""
    postvak = rij.postvak
    if postvak is None:
        raise NietOpnieuw(gettext("Het postvak van dit bericht bestaat niet meer."))
    if not rij.volledig or not rij.inhoud:
        raise NietOpnieuw(
            gettext(
                "Alleen de kop van dit bericht is bewaard: het staat op de server in de map "
                "%(map)s. Verhoog de grens en zet het daar terug in %(bron)s."
            )
            % {"map": postvak.map_quarantaine, "bron": postvak.map}
        )
    if rij.grootte > postvak.max_bytes:
        raise NietOpnieuw(gettext("Nog steeds groter dan de grens van het postvak."))
    try:
        mail = lees(bytes(rij.inhoud))
    except Onleesbaar as fout:
        raise NietOpnieuw(str(fout)) from fout
    actor_van(postvak)
    with transaction.atomic():
        rij = Postvakbericht.objects.select_for_update().get(pk=rij.pk)
        if rij.uitkomst in (Uitkomst.GEREGISTREERD, Uitkomst.ONBESTELBAAR):
            return rij
        rij.afzender, rij.onderwerp = mail.afzender[:254], mail.onderwerp[:200]
        if als_klantcontact:
            try:
                with transaction.atomic():
                    _registreer(rij, mail, postvak, register, by)
            except Exception as fout:
                if tijdelijk(fout):
                    raise
                raise NietOpnieuw(_fouttekst(fout)) from fout
        else:
            _handel_af(rij, mail, postvak, register)
        rij.verwerkt_op = timezone.now()
        rij.save()
    return rij


# -- the mailbox's actor --------------------------------------------------------------------------


def actor_van(postvak: Postvak) -> Actor:
    """The mailbox's automated actor (soortActor geautomatiseerde_actor), made once."""
    if postvak.actor_id is not None and postvak.actor is not None:
        return postvak.actor
    with transaction.atomic():
        vast = Postvak.objects.select_for_update().get(pk=postvak.pk)
        if vast.actor_id is None:
            vast.actor = _zoek_of_maak_actor(vast)
            Postvak.objects.filter(pk=vast.pk).update(actor=vast.actor)
    postvak.actor = vast.actor
    assert postvak.actor is not None
    return postvak.actor


def _zoek_of_maak_actor(postvak: Postvak) -> Actor:
    naam = f"{FUNCTIE} {postvak.adres}"[:200]
    bestaand = Actor.objects.filter(
        naam=naam, soort_actor=SoortActor.GEAUTOMATISEERDE_ACTOR
    ).first()
    return bestaand or create_actor(
        {
            "naam": naam,
            "soort_actor": SoortActor.GEAUTOMATISEERDE_ACTOR,
            "indicatie_actief": True,
            "functie": FUNCTIE,
            "omschrijving": f"Leest het postvak {postvak.naam}"[:200],
        },
        namens(postvak),
    )
