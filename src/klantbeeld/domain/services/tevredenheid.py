"""Customer satisfaction (CORA *Meten klantwaardering*): who is asked after a contact, on
which channel, and what an answer writes. Every rule is here once; the portal, the chat and
the worker only call it.

After a klantcontact is registered a job in the outbox (``events/tevredenheid.py``) asks
``nodig_uit`` whether to invite: the contact then has its betrokkenen, addresses and actors,
which its own create announcement precedes. An invitation is a notice (``verzenden.
verstuur_kennisgeving``), not a klantcontact: it is no contact about the customer's matter,
it would fill their list of contacts and messages in the portal with survey mails, count as
outbound contact in the management figures, and the ``Uitnodiging`` row already records who
was asked, when, and after which contact.

An answer (``Waardering``) holds the survey, the score, the channel, team, subject and day:
never the person, the contact or the invitation. The invitation is marked answered, and a
low score can start a follow-up task about the contact (the one deliberate link between a
score and a person, which the answer page announces); the task does not quote the open
answer, which the customer gave to be reported without their name.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.models import Actor, Betrokkene, DigitaalAdres, Klantcontact, Partij
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.intake import Verzendkanaal
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.models.tevredenheid import (
    Meting,
    Uitnodiging,
    Uitvraagkanaal,
    Vragenlijst,
    Waardering,
)
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.opvolging import teams_van, vraag_opvolging_aan

DOOR = ChangeContext(applicatie="Klantbeeld tevredenheid")
# The lowest and highest score of each measure.
SCHALEN: dict[str, tuple[int, int]] = {
    Meting.CSAT: (1, 5),
    Meting.CES: (1, 7),
    Meting.NPS: (0, 10),
}
TOELICHTING_MAX = 2000
# Contacts on these channels are asked at their end by the chat widget, not afterwards.
CHATKANALEN = frozenset({"chat"})
PORTAALKANALEN = frozenset({"mijngemeente"})
TELEFOONKANALEN = frozenset({"telefoon"})
# The link to the answer page, made from the secret by the adapter that serves it.
LinkMaker = Callable[[str], str]
_MOBIEL = re.compile(r"^(?:06|316|00316)[1-9]\d{7}$")


class Antwoordfout(ValueError):
    """An answer that cannot be taken; ``reden`` is onbekend, verlopen, beantwoord or score."""

    def __init__(self, reden: str, melding: str) -> None:
        super().__init__(melding)
        self.reden = reden


@dataclass(frozen=True)
class Uitvraag:
    """The decision to ask: which survey, how, to which address, reported by what."""

    vragenlijst: Vragenlijst
    via: str  # an Uitvraagkanaal
    adres: str  # "" for the portal prompt
    partij: Partij | None
    ontvanger: str
    sleutels: tuple[str, ...]  # every key the rest rule checks
    kanaal: str
    onderwerp: str
    team: Actor | None


# -- the survey and the scale ----------------------------------------------------------------


def schaal(meting: str) -> tuple[int, int]:
    return SCHALEN[meting]


def vragenlijst_voor(kanaal: str, onderwerp: str, *, meting: str = "") -> Vragenlijst | None:
    """The first active survey (by ``volgorde``) that follows contacts on ``kanaal`` about
    ``onderwerp``; an empty list of channels or subjects follows all."""
    lijsten = Vragenlijst.objects.filter(actief=True)
    if meting:
        lijsten = lijsten.filter(meting=meting)
    for vragenlijst in lijsten.order_by("volgorde", "naam"):
        if vragenlijst.kanalen and kanaal not in vragenlijst.kanalen:
            continue
        onderwerpen = {o.strip().lower() for o in vragenlijst.onderwerpen}
        if onderwerpen and onderwerp.strip().lower() not in onderwerpen:
            continue
        return vragenlijst
    return None


def chatvragenlijst(onderwerp: str = "") -> Vragenlijst | None:
    """The survey the chat widget's rating (1 to 5) answers: a CSAT survey for chat."""
    return vragenlijst_voor("chat", onderwerp, meting=Meting.CSAT)


# -- who is asked ----------------------------------------------------------------------------


def _sleutel() -> bytes:
    return (settings.KLANTBEELD_TEVREDENHEID_SLEUTEL or settings.SECRET_KEY).encode()


def _hmac(tekst: str) -> str:
    return hmac.new(_sleutel(), tekst.encode(), hashlib.sha256).hexdigest()


def ontvanger_van(*, partij: Partij | None = None, adres: str = "") -> str:
    """The keyed hash the rest rule knows someone by: of the partij, or of the address.
    Keyed, so a leaked table cannot be matched against a list of addresses."""
    if partij is not None:
        return _hmac(f"partij:{partij.uuid}")
    return _hmac(f"adres:{_genormaliseerd(adres)}")


def _genormaliseerd(adres: str) -> str:
    if "@" in adres:
        return adres.strip().lower()
    cijfers = re.sub(r"\D", "", adres)
    return (
        "31" + cijfers[1:] if cijfers.startswith("0") and not cijfers.startswith("00") else cijfers
    )


def in_steekproef(vragenlijst: Vragenlijst, klantcontact: Klantcontact) -> bool:
    """Whether the contact is in the survey's sample: the same answer every time it is
    asked (a job tried again), and unpredictable from outside."""
    if vragenlijst.steekproef_procent >= 100:
        return True
    getal = int(_hmac(f"steekproef:{vragenlijst.uuid}:{klantcontact.uuid}")[:8], 16) % 100
    return getal < vragenlijst.steekproef_procent


def in_rust(sleutels: tuple[str, ...], rust_dagen: int, nu: datetime.datetime) -> bool:
    """Someone asked within ``rust_dagen``, by whichever survey."""
    if not rust_dagen:
        return False
    sinds = nu - datetime.timedelta(days=rust_dagen)
    return Uitnodiging.objects.filter(ontvanger__in=sleutels, verstuurd_op__gt=sinds).exists()


def is_mobiel(nummer: str) -> bool:
    return bool(_MOBIEL.match(re.sub(r"[^\d]", "", nummer)))


def klant_van(klantcontact: Klantcontact) -> Betrokkene | None:
    """The customer who came to us: a betrokkene that took the initiative (an outbound
    message has none)."""
    return (
        Betrokkene.objects.filter(had_klantcontact=klantcontact, initiator=True, rol="klant")
        .select_related("was_partij")
        .order_by("uuid")
        .first()
    )


def team_van(klantcontact: Klantcontact) -> Actor | None:
    """The team that handled the contact: a team among its actors, or the first team of the
    employee who handled it."""
    actoren = list(klantcontact.actoren.order_by("naam", "uuid"))
    for actor in actoren:
        if actor.soort_actor == SoortActor.ORGANISATORISCHE_EENHEID:
            return actor
    for actor in actoren:
        if actor.soort_actor == SoortActor.MEDEWERKER and (teams := teams_van(actor)):
            return teams[0]
    return None


def _door_mensen(klantcontact: Klantcontact) -> bool:
    """Handled by the organisation's people, not only by a component (a form registered
    by the intake API, a confirmation): an automated contact is not asked about."""
    return klantcontact.actoren.exclude(soort_actor=SoortActor.GEAUTOMATISEERDE_ACTOR).exists()


def _adres(betrokkene: Betrokkene, soort: str, *, mobiel: bool = False) -> str:
    """The address of ``soort`` the customer left for this contact (R7), or else their
    partij's: the preferred one first, then the default, then any."""
    bruikbaar = [
        a
        for a in DigitaalAdres.objects.filter(
            verstrekt_door_betrokkene=betrokkene, soort_digitaal_adres=soort
        ).order_by("uuid")
        if not mobiel or is_mobiel(a.adres)
    ]
    partij = betrokkene.was_partij
    if partij is not None:
        voorkeur_id = partij.voorkeurs_digitaal_adres_id
        eigen = DigitaalAdres.objects.filter(
            verstrekt_door_partij=partij, soort_digitaal_adres=soort
        ).order_by("-is_standaard_adres", "uuid")
        eigen_lijst = sorted(eigen, key=lambda a: a.pk != voorkeur_id)
        bruikbaar += [a for a in eigen_lijst if not mobiel or is_mobiel(a.adres)]
    return bruikbaar[0].adres if bruikbaar else ""


def _hoe(klantcontact: Klantcontact, klant: Betrokkene) -> tuple[str, str] | None:
    """The channel of the invitation follows the contact's: a phone contact by SMS when a
    mobile number is known, a portal contact by a prompt in the portal, else by mail."""
    if klantcontact.kanaal in PORTAALKANALEN and klant.was_partij_id is not None:
        return Uitvraagkanaal.PORTAAL, ""
    if klantcontact.kanaal in TELEFOONKANALEN and verzenden.kan_versturen(Verzendkanaal.SMS):
        nummer = _adres(klant, SoortDigitaalAdres.TELEFOONNUMMER, mobiel=True)
        if nummer:
            return Uitvraagkanaal.SMS, nummer
    if verzenden.kan_versturen(Verzendkanaal.EMAIL):
        mail = _adres(klant, SoortDigitaalAdres.EMAIL)
        if mail:
            return Uitvraagkanaal.EMAIL, mail
    return None


def beslis(klantcontact: Klantcontact, nu: datetime.datetime | None = None) -> Uitvraag | None:
    """Whether to ask the customer of ``klantcontact``, and how; None: not."""
    nu = nu or timezone.now()
    if klantcontact.indicatie_contact_gelukt is not True or klantcontact.kanaal in CHATKANALEN:
        return None
    klant = klant_van(klantcontact)
    if klant is None or not _door_mensen(klantcontact):
        return None
    vragenlijst = vragenlijst_voor(klantcontact.kanaal, klantcontact.onderwerp)
    if vragenlijst is None or not in_steekproef(vragenlijst, klantcontact):
        return None
    hoe = _hoe(klantcontact, klant)
    if hoe is None:
        return None  # anonymous, or no address we can reach
    via, adres = hoe
    partij = klant.was_partij
    sleutels = tuple(
        s
        for s in (
            ontvanger_van(partij=partij) if partij is not None else "",
            ontvanger_van(adres=adres) if adres else "",
        )
        if s
    )
    if in_rust(sleutels, vragenlijst.rust_dagen, nu):
        return None
    return Uitvraag(
        vragenlijst=vragenlijst,
        via=via,
        adres=adres,
        partij=partij,
        ontvanger=sleutels[0],
        sleutels=sleutels,
        kanaal=klantcontact.kanaal,
        onderwerp=klantcontact.onderwerp,
        team=team_van(klantcontact),
    )


# -- inviting --------------------------------------------------------------------------------


def nodig_uit(klantcontact: Klantcontact, link: LinkMaker) -> Uitnodiging | None:
    """Invite the customer of ``klantcontact`` when the rules say so, once: asked again
    (a job tried again after a failure) it returns the invitation made before. ``link``
    makes the answer page's address from the secret."""
    with transaction.atomic():
        eerder = Uitnodiging.objects.filter(klantcontact=klantcontact).first()
        if eerder is not None:
            return eerder
        uitvraag = beslis(klantcontact)
        if uitvraag is None:
            return None
        geheim = secrets.token_urlsafe(24)
        nu = timezone.now()
        uitnodiging = Uitnodiging.objects.create(
            vragenlijst=uitvraag.vragenlijst,
            sleutel=_hash(geheim),
            klantcontact=klantcontact,
            ontvanger=uitvraag.ontvanger,
            partij=uitvraag.partij,
            uitgevraagd_via=uitvraag.via,
            kanaal=uitvraag.kanaal[:50],
            onderwerp=uitvraag.onderwerp[:200],
            team=uitvraag.team,
            verstuurd_op=nu,
            verloopt_op=nu + datetime.timedelta(days=uitvraag.vragenlijst.geldig_dagen),
        )
        if uitvraag.via != Uitvraagkanaal.PORTAAL:
            _verstuur(uitvraag, link(geheim))
    return uitnodiging


def _verstuur(uitvraag: Uitvraag, link: str) -> None:
    organisatie = settings.KLANTBEELD_ORGANISATIE_NAAM or gettext("de gemeente")
    if uitvraag.via == Uitvraagkanaal.SMS:
        tekst = gettext(
            "%(organisatie)s: hoe was uw contact met ons? Geef uw mening in 1 minuut: %(link)s"
        ) % {"organisatie": organisatie, "link": link}
        kanaal = Verzendkanaal.SMS
    else:
        tekst = mailtekst(uitvraag.vragenlijst, link, organisatie)
        kanaal = Verzendkanaal.EMAIL
    verzenden.verstuur_kennisgeving(
        verzenden.Bericht(
            kanaal=kanaal,
            adres=uitvraag.adres,
            onderwerp=gettext("Hoe was uw contact met %(organisatie)s?")
            % {"organisatie": organisatie},
            tekst=tekst,
            automatisch=True,
        ),
        DOOR,
    )


def mailtekst(vragenlijst: Vragenlijst, link: str, organisatie: str) -> str:
    """The invitation: the question and the link, nothing of the contact itself (a mailbox
    may be shared)."""
    return gettext(
        "Beste heer, mevrouw,\n\n"
        "U had onlangs contact met %(organisatie)s. Wij willen graag weten hoe dat ging.\n"
        "%(vraag)s\n\n"
        "Geef uw antwoord via deze link (het kost u een minuut):\n%(link)s\n\n"
        "De link werkt %(dagen)s dagen. Uw antwoord gebruiken wij zonder uw naam.\n"
        "Meedoen is niet verplicht.\n\n"
        "Dit is een automatisch bericht. U kunt er niet op antwoorden.\n\n"
        "Met vriendelijke groet,\n%(organisatie)s\n"
    ) % {
        "organisatie": organisatie,
        "vraag": vragenlijst.vraag,
        "link": link,
        "dagen": vragenlijst.geldig_dagen,
    }


# -- answering -------------------------------------------------------------------------------


def _hash(geheim: str) -> str:
    return hashlib.sha256(geheim.encode()).hexdigest()


def uitnodiging_bij_sleutel(geheim: str) -> Uitnodiging | None:
    if not geheim or len(geheim) > 100:
        return None
    return Uitnodiging.objects.filter(sleutel=_hash(geheim)).select_related("vragenlijst").first()


def open_uitnodigingen(partij: Partij, nu: datetime.datetime | None = None) -> list[Uitnodiging]:
    """The invitations of ``partij`` that can still be answered, newest first."""
    nu = nu or timezone.now()
    return list(
        Uitnodiging.objects.filter(partij=partij, beantwoord_op__isnull=True, verloopt_op__gt=nu)
        .select_related("vragenlijst")
        .order_by("-verstuurd_op")
    )


def kan_beantwoorden(uitnodiging: Uitnodiging, nu: datetime.datetime | None = None) -> None:
    """Raise ``Antwoordfout`` when the invitation cannot be answered (any more)."""
    nu = nu or timezone.now()
    if uitnodiging.beantwoord_op is not None:
        raise Antwoordfout("beantwoord", gettext("U heeft deze vragen al beantwoord. Dank u wel."))
    if uitnodiging.verloopt_op <= nu:
        raise Antwoordfout("verlopen", gettext("Deze link is verlopen."))


def controleer_score(meting: str, score: int | None) -> int:
    laag, hoog = schaal(meting)
    if score is None or not laag <= score <= hoog:
        raise Antwoordfout(
            "score",
            gettext("Kies een cijfer van %(laag)s tot en met %(hoog)s.")
            % {"laag": laag, "hoog": hoog},
        )
    return score


def beantwoord(
    uitnodiging: Uitnodiging,
    score: int | None,
    toelichting: str = "",
    nu: datetime.datetime | None = None,
) -> Waardering:
    """Take the answer: a ``Waardering`` without the person, the invitation marked
    answered, and on a low score the follow-up task. Once only, also for two at once."""
    nu = nu or timezone.now()
    with transaction.atomic():
        uitnodiging = (
            Uitnodiging.objects.select_for_update(of=("self",))
            .select_related("vragenlijst", "klantcontact")
            .get(pk=uitnodiging.pk)
        )
        kan_beantwoorden(uitnodiging, nu)
        vragenlijst = uitnodiging.vragenlijst
        score = controleer_score(vragenlijst.meting, score)
        uitnodiging.beantwoord_op = nu
        uitnodiging.save(update_fields=["beantwoord_op"])
        waardering = _waardering(
            vragenlijst,
            score,
            toelichting,
            via=uitnodiging.uitgevraagd_via,
            kanaal=uitnodiging.kanaal,
            onderwerp=uitnodiging.onderwerp,
            team=uitnodiging.team,
            nu=nu,
        )
        if uitnodiging.klantcontact is not None and is_laag(vragenlijst, score):
            _opvolging(vragenlijst, uitnodiging.klantcontact, score)
    return waardering


def _waardering(
    vragenlijst: Vragenlijst,
    score: int,
    toelichting: str,
    *,
    via: str,
    kanaal: str,
    onderwerp: str,
    team: Actor | None,
    nu: datetime.datetime,
) -> Waardering:
    return Waardering.objects.create(
        vragenlijst=vragenlijst,
        meting=vragenlijst.meting,
        score=score,
        toelichting=toelichting.strip()[:TOELICHTING_MAX] if vragenlijst.open_vraag else "",
        uitgevraagd_via=via,
        kanaal=kanaal[:50],
        onderwerp=onderwerp[:200],
        team=team,
        datum=timezone.localdate(nu),
    )


def is_laag(vragenlijst: Vragenlijst, score: int) -> bool:
    drempel = vragenlijst.opvolging_tot_en_met
    return drempel is not None and vragenlijst.opvolging_team_id is not None and score <= drempel


def _opvolging(vragenlijst: Vragenlijst, klantcontact: Klantcontact, score: int) -> None:
    team = vragenlijst.opvolging_team
    assert team is not None
    laag, hoog = schaal(vragenlijst.meting)
    vraag_opvolging_aan(
        klantcontact,
        gevraagde_handeling=gettext("Lage klanttevredenheid opvolgen"),
        toegewezen_aan=[team],
        door=team,
        by=DOOR,
        toelichting=gettext(
            "De klant gaf na dit contact een %(score)s (op een schaal van %(laag)s tot en "
            "met %(hoog)s) op de vraag: %(vraag)s Neem contact op om te horen wat er beter kan."
        )
        % {"score": score, "laag": laag, "hoog": hoog, "vraag": vragenlijst.vraag},
    )


# -- the chat --------------------------------------------------------------------------------


def waardeer_gesprek(
    *, cijfer: int, kanaal: str, onderwerp: str, team: Actor | None
) -> Waardering | None:
    """The chat widget's rating at the end of a conversation as an answer to the chat
    survey (None when there is none). Called once per conversation, by the rating that
    is kept once (``gesprekken.waardeer``); the chat's klantcontact gets no invitation,
    so nothing is counted twice."""
    vragenlijst = chatvragenlijst(onderwerp)
    if vragenlijst is None:
        return None
    controleer_score(vragenlijst.meting, cijfer)
    return _waardering(
        vragenlijst,
        cijfer,
        "",
        via=Uitvraagkanaal.CHAT,
        kanaal=kanaal,
        onderwerp=onderwerp,
        team=team,
        nu=timezone.now(),
    )
