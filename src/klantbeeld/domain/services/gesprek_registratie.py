"""Registering a conversation the chatbot held (cases.md C1242, C9309, C9476, C7352, C5479,
C4374), through the one intake service.

One conversation is at most one klantcontact (``kanaal`` of the conversation, the chatbot
as actor, the visitor as betrokkene): its source key is the conversation (R14), so
whichever registering step comes first (a form, a call-back, a task, the close) makes
it and the later ones find it. Follow-up asked after that is a task on the same contact,
never an edit of it (R6). An anonymous conversation the bot solved is not registered at
all (R1); one that needs follow-up has a betrokkene with only the contact data left. The
transcript goes with the question into ``inhoud``: the intake service cuts it at 1000 and
keeps the whole text as a document (R5). The rating stays on the conversation (C7352).

A conversation an agent took over (C9309) is registered by the agent from the workspace,
with the same source key (``bron``), so it stays one klantcontact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from klantbeeld.domain.models import Actor, Afzender, Bijlage, Gesprek, Gespreksstatus
from klantbeeld.domain.services import gesprekken
from klantbeeld.domain.services.actoren import actief_team
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.gesprekken import GesprekFout
from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    Opvolging,
    Registratie,
    eerder_geregistreerd,
    registreer_contact,
)
from klantbeeld.domain.services.klantcontacten import create_bijlage
from klantbeeld.domain.services.opvolging import vraag_opvolging_aan
from klantbeeld.domain.services.zaken import Zaakverwijzing, Zakenregister, koppel_zaak

TERUGBELLEN = "Terugbellen"
LEZEN_EN_BEPALEN = "Lezen en bepalen benodigde actie"
ONBEKEND_ADRES = "Opgegeven in de chat"


class GeenTeam(GesprekFout):
    """No team is configured to get the follow-up (KLANTBEELD_CHAT_TEAM, KLANTBEELD_INTAKE_TEAM)."""


@dataclass(frozen=True)
class Bezoeker:
    """What the visitor left in the chat for follow-up (R1: only what is needed)."""

    naam: str = ""
    telefoonnummer: str = ""
    emailadres: str = ""


@dataclass(frozen=True)
class Objectverwijzing:
    """An object in the Objecten API (a form submission): §3's identificator."""

    objecttype: str
    uuid: str

    def als_bijlage(self) -> dict[str, str]:
        return {
            "bijlageidentificator_code_objecttype": self.objecttype[:50],
            "bijlageidentificator_code_register": "objecten",
            "bijlageidentificator_code_soort_object_id": "uuid",
            "bijlageidentificator_object_id": self.uuid,
        }


def bron(gesprek: Gesprek) -> Bron:
    """The source key of the conversation's one klantcontact (for the agent's registration too)."""
    return Bron("gesprek", str(gesprek.uuid))


def team_voor_opvolging(team: Actor | None = None) -> Actor:
    """Who gets a call-back or a task: the team asked, else the chat team, else the
    intake's team."""
    gevonden = team or gesprekken.chatteam()
    if gevonden is None and settings.KLANTBEELD_INTAKE_TEAM:
        gevonden = actief_team(settings.KLANTBEELD_INTAKE_TEAM)
    if gevonden is None:
        raise GeenTeam(
            gettext(
                "Er is geen team ingesteld voor terugbelverzoeken en taken uit de chat "
                "(KLANTBEELD_CHAT_TEAM of KLANTBEELD_INTAKE_TEAM)."
            )
        )
    return gevonden


# -- the bot's steps ----------------------------------------------------------------------


def naar_medewerker(
    gesprek: Gesprek, *, team: Actor | None = None, samenvatting: str = "", onderwerp: str = ""
) -> Gesprek:
    """C9309: the bot hands over to the queue. The transcript stays with the conversation;
    the bot's summary is its last message, so the agent (and the visitor) read what the
    bot understood and nobody repeats themselves."""
    if gesprek.status != Gespreksstatus.BOT:
        raise GesprekFout(gettext("Alleen een gesprek met de chatbot kan worden overgedragen."))
    if onderwerp.strip():
        Gesprek.objects.filter(pk=gesprek.pk).update(onderwerp=onderwerp.strip()[:200])
        gesprek.onderwerp = onderwerp.strip()[:200]
    if samenvatting.strip():
        gesprekken.plaats_bericht(
            gesprek,
            afzender="bot",
            naam=_naam_bot(gesprek),
            tekst=gettext("Samenvatting voor de medewerker: %(samenvatting)s")
            % {"samenvatting": samenvatting.strip()},
        )
    return gesprekken.naar_wachtrij(gesprek, team=team or gesprek.team or gesprekken.chatteam())


def sluit_door_bot(
    gesprek: Gesprek,
    *,
    vraag: str,
    antwoord: str = "",
    onderwerp: str = "",
    opgelost: bool = True,
    by: ChangeContext,
    register: Zakenregister | None = None,
) -> Registratie | None:
    """C1242/C7352: the bot ends the conversation. A known visitor's conversation is one
    klantcontact (question, the bot's answer, the transcript); an anonymous one is
    nothing (R1: no follow-up). One an agent holds is the agent's to register."""
    with transaction.atomic():
        gesprek = Gesprek.objects.select_for_update().get(pk=gesprek.pk)
        if gesprek.afgesloten:
            return _eerdere(gesprek)  # closed before (a retry): as it was then
        door_bot = gesprek.status in (Gespreksstatus.BOT, Gespreksstatus.WACHTRIJ)
        registratie = None
        if door_bot and gesprek.partij is not None:
            registratie = _registreer(
                gesprek,
                onderwerp=onderwerp or vraag,
                inhoud=_inhoud(gesprek, vraag),
                reactie=antwoord,
                gelukt=opgelost and gesprek.status == Gespreksstatus.BOT,
                by=by,
                register=register,
            )
        elif door_bot:
            registratie = _eerdere(gesprek)
        gesprekken.sluit(gesprek)
    return registratie


def sluit_door_bezoeker(
    gesprek: Gesprek, *, by: ChangeContext, register: Zakenregister | None = None
) -> Registratie | None:
    """The visitor ends the conversation in the widget while the bot holds it (or while it
    waits in the queue): registered as when the bot ends it (C1242), with the visitor's
    first question and the bot's last answer. One an agent holds is the agent's to
    register: it is only closed."""
    if gesprek.status == Gespreksstatus.ACTIEF:
        gesprekken.sluit(gesprek)
        return None
    teksten = list(gesprek.berichten.values_list("afzender", "tekst"))
    vraag = next((t for a, t in teksten if a == Afzender.BEZOEKER and t), "")
    antwoord = next((t for a, t in reversed(teksten) if a == Afzender.BOT and t), "")
    return sluit_door_bot(
        gesprek,
        vraag=vraag or gettext("Chat"),
        antwoord=antwoord,
        by=by,
        register=register,
    )


def vraag_terugbellen(
    gesprek: Gesprek,
    *,
    bezoeker: Bezoeker,
    vraag: str,
    samenvatting: str = "",
    team: Actor | None = None,
    by: ChangeContext,
    register: Zakenregister | None = None,
) -> Registratie:
    """C9476: the bot could not help and the visitor asks to be called back: a klantcontact
    with the number on the betrokkene (no partij unless known) and a task ``Terugbellen``
    for the KCC; the conversation ends."""
    if not bezoeker.telefoonnummer.strip():
        raise GesprekFout(gettext("Voor een terugbelverzoek is een telefoonnummer nodig."))
    with transaction.atomic():
        gesprek = _vergrendeld(gesprek)
        Gesprek.objects.filter(pk=gesprek.pk).update(
            bezoeker_naam=bezoeker.naam[:200] or gesprek.bezoeker_naam,
            bezoeker_telefoonnummer=bezoeker.telefoonnummer[:80],
        )
        registratie = _registreer(
            gesprek,
            onderwerp=gettext("Terugbelverzoek: %(vraag)s") % {"vraag": vraag},
            inhoud=_inhoud(gesprek, vraag, samenvatting),
            bezoeker=bezoeker,
            opvolging=Opvolging(
                gevraagde_handeling=TERUGBELLEN,
                toegewezen_aan=[team_voor_opvolging(team)],
                toelichting=gettext("Bel %(naam)s terug op %(nummer)s over: %(vraag)s")
                % {
                    "naam": bezoeker.naam or gettext("de bezoeker"),
                    "nummer": bezoeker.telefoonnummer,
                    "vraag": vraag,
                },
            ),
            gelukt=False,
            by=by,
            register=register,
        )
        gesprekken.sluit(
            gesprek, tekst=gettext("We bellen u terug. Het gesprek in de chat is beëindigd.")
        )
    return registratie


def vraag_taak(
    gesprek: Gesprek,
    *,
    vraag: str,
    gevraagde_handeling: str = LEZEN_EN_BEPALEN,
    toelichting: str = "",
    bezoeker: Bezoeker | None = None,
    team: Actor | None = None,
    by: ChangeContext,
    register: Zakenregister | None = None,
) -> Registratie:
    """C4374: the bot asks the KCC to read the chat and decide what is needed. The
    conversation stays open: the bot tells the visitor and may close it after."""
    with transaction.atomic():
        gesprek = _vergrendeld(gesprek)
        return _registreer(
            gesprek,
            onderwerp=vraag,
            inhoud=_inhoud(gesprek, vraag),
            bezoeker=bezoeker,
            opvolging=Opvolging(
                gevraagde_handeling=gevraagde_handeling or LEZEN_EN_BEPALEN,
                toegewezen_aan=[team_voor_opvolging(team)],
                toelichting=toelichting,
            ),
            gelukt=False,
            by=by,
            register=register,
        )


def leg_formulier_vast(
    gesprek: Gesprek,
    *,
    formulier: Objectverwijzing,
    formuliernaam: str,
    vraag: str = "",
    antwoord: str = "",
    zaak: Zaakverwijzing | None = None,
    by: ChangeContext,
    register: Zakenregister | None = None,
) -> Registratie:
    """C5479: the bot filled an e-form for the logged-in visitor. One klantcontact (the
    chat's), the submission as bijlage and the zaak, when there is one, as onderwerpobject;
    no second contact for the form itself."""
    with transaction.atomic():
        gesprek = _vergrendeld(gesprek)
        if gesprek.partij is None:
            raise GesprekFout(
                gettext("Een formulier vult de chatbot alleen in voor een ingelogde bezoeker.")
            )
        registratie = _registreer(
            gesprek,
            onderwerp=formuliernaam,
            inhoud=_inhoud(gesprek, vraag or formuliernaam),
            reactie=antwoord,
            gelukt=True,
            by=by,
            register=register,
        )
        klantcontact = registratie.klantcontact
        if klantcontact is not None:
            verwijzing = formulier.als_bijlage()
            bestaand = Bijlage.objects.filter(
                was_bijlage_van_klantcontact=klantcontact, **verwijzing
            )
            if not bestaand.exists():
                create_bijlage({"was_bijlage_van_klantcontact": klantcontact, **verwijzing}, by)
            if zaak is not None:
                koppel_zaak(klantcontact, zaak, by)
    return registratie


# -- registering --------------------------------------------------------------------------


def _registreer(
    gesprek: Gesprek,
    *,
    onderwerp: str,
    inhoud: str,
    by: ChangeContext,
    register: Zakenregister | None,
    reactie: str = "",
    bezoeker: Bezoeker | None = None,
    opvolging: Opvolging | None = None,
    gelukt: bool | None = True,
    bijlagen: Sequence[Mapping[str, str]] = (),
) -> Registratie:
    """The conversation's klantcontact, made now or found; follow-up asked after it was
    made becomes a task on it."""
    if gesprek.chatbot is None:
        raise GesprekFout(gettext("Dit gesprek is niet door een chatbot gevoerd."))
    eerder = _eerdere(gesprek)
    if eerder is not None:
        if eerder.klantcontact is not None and opvolging is not None:
            taak = vraag_opvolging_aan(
                eerder.klantcontact,
                gevraagde_handeling=opvolging.gevraagde_handeling,
                toegewezen_aan=opvolging.toegewezen_aan,
                toelichting=opvolging.toelichting[:1000],
                door=gesprek.chatbot,
                by=by,
            )
            return Registratie(eerder.klantcontact, nieuw=False, taak=taak)
        return eerder
    registratie = registreer_contact(
        Contactaanmelding(
            kanaal=gesprek.kanaal,
            onderwerp=onderwerp,
            inhoud=inhoud,
            reactie=reactie,
            indicatie_contact_gelukt=gelukt,
            plaatsgevonden_op=gesprek.gestart_op,
            deelnemers=[_deelnemer(gesprek, bezoeker)],
            actoren=[gesprek.chatbot],
            bijlagen=bijlagen,
            opvolging=opvolging,
            bron=bron(gesprek),
        ),
        by,
        register=register,
    )
    if registratie.klantcontact is not None:
        Gesprek.objects.filter(pk=gesprek.pk).update(klantcontact=registratie.klantcontact)
        gesprek.klantcontact = registratie.klantcontact
    return registratie


def _eerdere(gesprek: Gesprek) -> Registratie | None:
    gevonden = eerder_geregistreerd(bron(gesprek))
    if gevonden is None:
        return None
    return Registratie(gevonden.klantcontact, nieuw=False)


def _deelnemer(gesprek: Gesprek, bezoeker: Bezoeker | None) -> Deelnemer:
    """The visitor: the partij when known (R3), with the contact data left in the chat
    for this contact (R7: on the betrokkene, never the partij)."""
    naam = (bezoeker.naam if bezoeker else "") or gesprek.bezoeker_naam
    telefoon = (bezoeker.telefoonnummer if bezoeker else "") or gesprek.bezoeker_telefoonnummer
    email = (bezoeker.emailadres if bezoeker else "") or gesprek.bezoeker_emailadres
    adressen = [
        Contactadres(soort, adres.strip(), ONBEKEND_ADRES)
        for soort, adres in (("telefoonnummer", telefoon), ("email", email))
        if adres.strip()
    ]
    return Deelnemer(partij=gesprek.partij, achternaam=naam.strip()[:200], adressen=adressen)


def _inhoud(gesprek: Gesprek, vraag: str, samenvatting: str = "") -> str:
    """The question first (what the register shows), then the bot's summary and the
    transcript: whatever does not fit the 1000 characters is kept as a document (R5)."""
    delen = [vraag.strip(), samenvatting.strip()]
    verloop = gesprekken.transcript(gesprek)
    if verloop:
        delen.append(f"{gettext('Verloop van het gesprek')}:\n{verloop}")
    return "\n\n".join(deel for deel in delen if deel)


def _vergrendeld(gesprek: Gesprek) -> Gesprek:
    gesprek = Gesprek.objects.select_for_update().get(pk=gesprek.pk)
    if gesprek.afgesloten:
        raise GesprekFout(gettext("Dit gesprek is afgesloten."))
    return gesprek


def _naam_bot(gesprek: Gesprek) -> str:
    return gesprek.chatbot.naam if gesprek.chatbot is not None else ""
