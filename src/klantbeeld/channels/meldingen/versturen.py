"""The melder: one zaakmelding sent on the resident's channel (R7: the preferred digital
address, then e-mail, SMS, a letter), as an outbound klantcontact about the zaak by the
automated actor "Notificatieservice" (C0322)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from klantbeeld.channels.meldingen.opmaak import woorden
from klantbeeld.channels.post.adres import postadres
from klantbeeld.domain.models import Actor, Verzending
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.intake import Verzendkanaal
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.actoren import create_actor
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Bron, Contactadres, Deelnemer
from klantbeeld.domain.services.meldingen import Melding, Ontvanger, digitale_adressen
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.domain.services.zaken import RegisterFout
from klantbeeld.integrations.zgw.client import ZgwError

ACTOR = "Notificatieservice"
BRON = "zaakmelding"
_SOORT_VAN: dict[str, str] = {
    Verzendkanaal.EMAIL: SoortDigitaalAdres.EMAIL,
    Verzendkanaal.SMS: SoortDigitaalAdres.TELEFOONNUMMER,
}


def meld(melding: Melding) -> Verzending | str:
    """Send ``melding``; the Verzending, or why nothing was sent. A register that does not
    answer raises, so the notification is handled again later."""
    ontvanger = melding.ontvanger
    gekozen = kanaal_en_adres(ontvanger)
    if isinstance(gekozen, str):
        return gekozen
    kanaal, adres = gekozen
    tekst = woorden(melding.status, ontvanger.naam, kanaal)
    status = melding.status
    try:
        with transaction.atomic():
            verzending = verstuur(
                Bericht(
                    kanaal=kanaal,
                    adres=adres,
                    onderwerp=tekst.onderwerp,
                    tekst=tekst.tekst,
                    naam=ontvanger.naam,
                    automatisch=True,
                ),
                ontvanger=deelnemer(ontvanger, kanaal, adres),
                actor=notificatieservice(melding.by),
                by=melding.by,
                register=melding.register,
                zaak=status.zaak,
                bron=Bron(BRON, f"{status.status}:{ontvanger.sleutel}"),
                contact_onderwerp=gettext("Nieuwe status van zaak %(zaak)s: %(status)s")
                % {"zaak": status.zaak.identificatie, "status": status.omschrijving},
            )
    except ZgwError as fout:
        if fout.tijdelijk:
            raise
        return gettext("Niet verstuurd: %(fout)s") % {"fout": fout}
    except (ValidationError, RegisterFout) as fout:
        reden = "; ".join(fout.messages) if isinstance(fout, ValidationError) else str(fout)
        return gettext("Niet verstuurd: %(fout)s") % {"fout": reden}
    if verzending is None:
        return gettext("Eerder verstuurd; dat klantcontact is sindsdien verwijderd.")
    return verzending


def kanaal_en_adres(ontvanger: Ontvanger) -> tuple[str, str] | str:
    """The first channel in R7's order that is set up and has an address for
    ``ontvanger``, or why there is none."""
    digitaal = digitale_adressen(ontvanger)
    for kanaal, adres in digitaal:
        if verzenden.kan_versturen(kanaal):
            return kanaal, adres
    brief = postadres(partij=ontvanger.partij) if ontvanger.partij is not None else None
    if brief and verzenden.kan_versturen(Verzendkanaal.POST):
        return Verzendkanaal.POST, "\n".join(brief)
    bekend = {kanaal for kanaal, _ in digitaal} | ({Verzendkanaal.POST} if brief else set())
    redenen = []
    for kanaal in (Verzendkanaal.EMAIL, Verzendkanaal.SMS, Verzendkanaal.POST):
        if kanaal not in bekend:
            wat = gettext("geen adres bekend")
        else:
            wat = gettext("kanaal niet ingesteld")
        redenen.append(f"{Verzendkanaal(kanaal).label.lower()}: {wat}")
    return gettext("Niet verstuurd: geen kanaal om %(naam)s te bereiken (%(redenen)s).") % {
        "naam": ontvanger.naam or gettext("de ontvanger"),
        "redenen": ", ".join(redenen),
    }


def deelnemer(ontvanger: Ontvanger, kanaal: str, adres: str) -> Deelnemer:
    """The person told, as betrokkene (``initiator`` false): their partij, or the name and
    the address the zaak's rol gave (R7: on the betrokkene, never a partij)."""
    if ontvanger.partij is not None:
        return Deelnemer(partij=ontvanger.partij, rol="klant", initiator=False)
    adressen = [Contactadres(_SOORT_VAN[kanaal], adres)] if kanaal in _SOORT_VAN else []
    return Deelnemer(rol="klant", initiator=False, achternaam=ontvanger.naam, adressen=adressen)


def notificatieservice(by: ChangeContext) -> Actor:
    """The automated actor that sends zaakmeldingen; made the first time it is needed."""
    actor = (
        Actor.objects.filter(naam=ACTOR, soort_actor=SoortActor.GEAUTOMATISEERDE_ACTOR)
        .order_by("pk")
        .first()
    )
    if actor is not None:
        return actor
    return create_actor(
        {
            "naam": ACTOR,
            "soort_actor": SoortActor.GEAUTOMATISEERDE_ACTOR,
            "indicatie_actief": True,
            "functie": ACTOR,
            "omschrijving": "Stuurt berichten aan inwoners",
        },
        by,
    )
