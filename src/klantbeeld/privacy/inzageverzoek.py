"""Everything Klantbeeld holds about one person or company, for their right of access
(AVG artikel 15): served by the portal's *Mijn gegevens downloaden* and meant for the
staff's handling of an access request too. ``stel_samen`` returns a plain structure (a
dict of sections); ``privacy.afschrift`` writes it as JSON and as a PDF.

The export is a list of sections, each made by one small function of ``Onderwerp`` (whose
data): add a function to ``SECTIES`` to add a section. Each section says what it holds
(``velden``: key → label, in order, so the readable copy needs nothing but this
structure) and its rows (``items``: dicts with those keys; values are text, numbers,
booleans, dates, lists or small dicts).

What is left out and why:
- the partij's ``interneNotitie``, interne taken and everything about them, and the names
  of employees (R12): a contact shows the team that handled it;
- other persons: of a klantcontact only the person's own betrokkene (their name and
  contact data as recorded on it), never the other betrokkenen;
- what other registers hold (zaken, documents, the BRP, …): named in the last section,
  with the references to zaken Klantbeeld keeps.
A person sees their own confidential contacts (cases.md C6278: confidential towards staff,
not towards the customer)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from klantbeeld.domain.confidentiality import seeing_confidential
from klantbeeld.domain.models import (
    Actor,
    Betrokkene,
    Bijlage,
    Klantcontact,
    Onderwerpobject,
    Partij,
    Zaakmelding,
)
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.base import ADRES_PARTS
from klantbeeld.domain.models.partijen import SoortPartij
from klantbeeld.domain.services.zaken import ZAAK
from klantbeeld.privacy.inzage import kenmerken_van, organisatie, verwerkingen_van

GRONDSLAG = "AVG artikel 15"


@dataclass(frozen=True)
class Onderwerp:
    """Whose data: their partij (None when Klantbeeld has none) and what they proved at
    login (a person's BSN, a company's KVK-nummer), which finds them in the log also
    without a partij."""

    partij: Partij | None
    bsn: str = ""
    kvk_nummer: str = ""

    @property
    def is_persoon(self) -> bool:
        if self.partij is not None:
            return self.partij.soort_partij != SoortPartij.ORGANISATIE
        return bool(self.bsn)


@dataclass
class Sectie:
    sleutel: str
    titel: str
    velden: dict[str, str]
    items: list[dict[str, Any]] = field(default_factory=list)
    toelichting: str = ""
    # Said in the readable copy when there are no items.
    leeg: str = ""

    def als_dict(self) -> dict[str, Any]:
        return {
            "sleutel": self.sleutel,
            "titel": self.titel,
            "toelichting": self.toelichting,
            "leeg": self.leeg,
            "velden": self.velden,
            "items": self.items,
        }


Maker = Callable[[Onderwerp], Sectie]


def stel_samen(onderwerp: Onderwerp, secties: list[Maker] | None = None) -> dict[str, Any]:
    """The whole export: what it is, when it was made, and its sections."""
    with seeing_confidential(True):
        inhoud = [maak(onderwerp).als_dict() for maak in (secties or SECTIES)]
    return {
        "soort": "inzage",
        "grondslag": GRONDSLAG,
        "organisatie": organisatie(),
        "systeem": "Klantbeeld",
        "gemaakt_op": timezone.now(),
        "titel": _("Uw gegevens bij %(organisatie)s") % {"organisatie": organisatie()},
        "inleiding": _(
            "Dit zijn alle gegevens die wij over u vastleggen in ons klantregister "
            "(Klantbeeld), en wie uw gegevens heeft verwerkt en waarom. U heeft recht op "
            "deze inzage volgens artikel 15 van de Algemene verordening gegevensbescherming "
            "(AVG). Gegevens die in andere systemen staan, leest u in het laatste deel."
        ),
        "secties": inhoud,
    }


# -- the sections -------------------------------------------------------------------------


def _adres(obj: Any, prefix: str) -> dict[str, Any] | None:
    """An address group as a dict of its parts, or None when it is empty."""
    data = {deel: getattr(obj, f"{prefix}_{deel}") for deel in ADRES_PARTS}
    return data if any(v not in ("", None) for v in data.values()) else None


def partij(onderwerp: Onderwerp) -> Sectie:
    sectie = Sectie(
        "partij",
        _("Uw gegevens in het klantregister"),
        {
            "klantnummer": _("Klantnummer"),
            "soort": _("Soort"),
            "voorletters": _("Voorletters"),
            "voornaam": _("Voornaam"),
            "voorvoegsel_achternaam": _("Voorvoegsel"),
            "achternaam": _("Achternaam"),
            "naam": _("Naam"),
            "bezoekadres": _("Adres"),
            "correspondentieadres": _("Postadres"),
            "voorkeurstaal": _("Voorkeurstaal"),
            "geheimhouding": _("Geheimhouding van uw gegevens"),
            "actief": _("Actief"),
            "identificatoren": _("Nummers waarmee wij u kennen"),
        },
        leeg=_("Wij hebben geen klantgegevens van u vastgelegd."),
    )
    p = onderwerp.partij
    if p is None:
        return sectie
    item: dict[str, Any] = {"klantnummer": p.nummer or "", "soort": p.get_soort_partij_display()}
    if p.soort_partij == SoortPartij.ORGANISATIE:
        item["naam"] = p.naam
    else:
        item.update(
            voorletters=p.contactnaam_voorletters,
            voornaam=p.contactnaam_voornaam,
            voorvoegsel_achternaam=p.contactnaam_voorvoegsel_achternaam,
            achternaam=p.contactnaam_achternaam,
        )
    item.update(
        bezoekadres=_adres(p, "bezoekadres"),
        correspondentieadres=_adres(p, "correspondentieadres"),
        voorkeurstaal=p.voorkeurstaal,
        geheimhouding=bool(p.indicatie_geheimhouding),
        actief=p.indicatie_actief,
        identificatoren=[
            {
                "soort": i.get_partij_identificator_code_soort_object_id_display(),
                "nummer": i.partij_identificator_object_id,
                "register": i.get_partij_identificator_code_register_display(),
            }
            for i in p.partij_identificatoren.order_by("partij_identificator_code_soort_object_id")
        ],
    )
    sectie.items.append(item)
    return sectie


def digitale_adressen(onderwerp: Onderwerp) -> Sectie:
    sectie = Sectie(
        "digitale_adressen",
        _("E-mailadressen en telefoonnummers"),
        {
            "soort": _("Soort"),
            "adres": _("Adres of nummer"),
            "omschrijving": _("Omschrijving"),
            "voorkeur": _("Uw voorkeur"),
            "standaard": _("Standaardadres"),
            "geverifieerd_op": _("Gecontroleerd op"),
        },
        leeg=_("Geen."),
    )
    p = onderwerp.partij
    if p is None:
        return sectie
    for adres in p.digitale_adressen.order_by("soort_digitaal_adres", "adres"):
        sectie.items.append(
            {
                "soort": adres.get_soort_digitaal_adres_display(),
                "adres": adres.adres,
                "omschrijving": adres.omschrijving,
                "voorkeur": adres.pk == p.voorkeurs_digitaal_adres_id,
                "standaard": adres.is_standaard_adres,
                "geverifieerd_op": adres.verificatie_datum,
            }
        )
    return sectie


def rekeningnummers(onderwerp: Onderwerp) -> Sectie:
    sectie = Sectie(
        "rekeningnummers",
        _("Rekeningnummers"),
        {"iban": _("IBAN"), "bic": _("BIC"), "voorkeur": _("Uw voorkeur")},
        leeg=_("Geen."),
    )
    p = onderwerp.partij
    if p is None:
        return sectie
    for rekening in p.rekeningnummers.order_by("iban"):
        sectie.items.append(
            {
                "iban": rekening.iban,
                "bic": rekening.bic,
                "voorkeur": rekening.pk == p.voorkeurs_rekeningnummer_id,
            }
        )
    return sectie


def categorieen(onderwerp: Onderwerp) -> Sectie:
    sectie = Sectie(
        "categorieen",
        _("Categorieën"),
        {"categorie": _("Categorie"), "van": _("Vanaf"), "tot": _("Tot")},
        toelichting=_("Groepen waarin wij u hebben ingedeeld, bijvoorbeeld om u goed te helpen."),
        leeg=_("Geen."),
    )
    p = onderwerp.partij
    if p is None:
        return sectie
    for relatie in p.categorie_relaties.select_related("categorie").order_by("begin_datum"):
        sectie.items.append(
            {
                "categorie": relatie.categorie.naam if relatie.categorie else "",
                "van": relatie.begin_datum,
                "tot": relatie.eind_datum,
            }
        )
    return sectie


def _contacten(partij: Partij) -> QuerySet[Klantcontact]:
    """The partij's klantcontacten with, prefetched, only her own betrokkene (and the
    contact data she left with it), the subjects, the attachments and the actors with their
    teams: five queries however many contacts."""
    return (
        Klantcontact.objects.filter(betrokkenen__was_partij=partij)
        .distinct()
        .order_by("-plaatsgevonden_op", "uuid")
        .prefetch_related(
            Prefetch(
                "betrokkenen",
                queryset=Betrokkene.objects.filter(was_partij=partij).prefetch_related(
                    "digitale_adressen"
                ),
                to_attr="eigen_betrokkenen",
            ),
            Prefetch(
                "onderwerpobjecten",
                queryset=Onderwerpobject.objects.filter(was_klantcontact__isnull=True),
                to_attr="objecten",
            ),
            Prefetch("bijlagen", queryset=Bijlage.objects.all(), to_attr="documenten"),
            Prefetch(
                "actoren",
                queryset=Actor.objects.prefetch_related("teams__team"),
                to_attr="behandelaars",
            ),
        )
    )


def team_van(actoren: list[Actor]) -> str:
    """Who handled a contact, as the customer is told: the team, never the employee (an
    employee stands for the teams they are in now; an automated actor, such as a channel,
    by its name), else the organisation."""
    namen: list[str] = []
    for actor in actoren:
        if actor.soort_actor == SoortActor.MEDEWERKER:
            namen += [lid.team.naam for lid in actor.teams.all()]
        else:
            namen.append(actor.naam)
    return ", ".join(dict.fromkeys(namen)) or organisatie()


def _verwijzing(obj: Onderwerpobject | Bijlage, prefix: str) -> dict[str, str]:
    return {
        "register": getattr(obj, f"{prefix}_code_register"),
        "soort": getattr(obj, f"{prefix}_code_objecttype"),
        "kenmerk": getattr(obj, f"{prefix}_object_id"),
    }


def klantcontacten(onderwerp: Onderwerp) -> Sectie:
    sectie = Sectie(
        "klantcontacten",
        _("Uw contacten met ons"),
        {
            "nummer": _("Nummer"),
            "datum": _("Datum"),
            "kanaal": _("Kanaal"),
            "onderwerp": _("Onderwerp"),
            "vraag": _("Vraag of bericht"),
            "antwoord": _("Antwoord"),
            "contact_gelukt": _("Contact gelukt"),
            "team": _("Behandeld door"),
            "vertrouwelijk": _("Vertrouwelijk"),
            "uw_rol": _("Uw rol"),
            "naam_bij_contact": _("Uw naam bij dit contact"),
            "contactgegevens_bij_contact": _("Uw contactgegevens bij dit contact"),
            "adres_bij_contact": _("Uw adres bij dit contact"),
            "gaat_over": _("Gaat over"),
            "documenten": _("Documenten"),
        },
        toelichting=_(
            "Aantekeningen voor intern gebruik, taken voor medewerkers en namen van "
            "medewerkers staan hier niet in; u ziet welk team u heeft geholpen."
        ),
        leeg=_("Geen."),
    )
    if onderwerp.partij is None:
        return sectie
    for contact in _contacten(onderwerp.partij):
        eigen: list[Betrokkene] = contact.eigen_betrokkenen  # type: ignore[attr-defined]
        sectie.items.append(
            {
                "nummer": contact.referentienummer or contact.nummer or "",
                "datum": contact.plaatsgevonden_op,
                "kanaal": contact.kanaal,
                "onderwerp": contact.onderwerp,
                "vraag": contact.inhoud,
                "antwoord": contact.reactie,
                "contact_gelukt": contact.indicatie_contact_gelukt,
                "team": team_van(contact.behandelaars),  # type: ignore[attr-defined]
                "vertrouwelijk": contact.vertrouwelijk,
                "uw_rol": ", ".join(dict.fromkeys(b.get_rol_display() for b in eigen)),
                "naam_bij_contact": ", ".join(
                    dict.fromkeys(n for b in eigen if (n := b.volledige_naam or b.organisatienaam))
                ),
                "contactgegevens_bij_contact": [
                    a.adres for b in eigen for a in b.digitale_adressen.all()
                ],
                "adres_bij_contact": [
                    a
                    for b in eigen
                    for a in (_adres(b, "bezoekadres"), _adres(b, "correspondentieadres"))
                    if a
                ],
                "gaat_over": [
                    _verwijzing(o, "onderwerpobjectidentificator")
                    for o in contact.objecten  # type: ignore[attr-defined]
                ],
                "documenten": [
                    _verwijzing(d, "bijlageidentificator")
                    for d in contact.documenten  # type: ignore[attr-defined]
                ],
            }
        )
    return sectie


def zaakberichten(onderwerp: Onderwerp) -> Sectie:
    sectie = Sectie(
        "zaakberichten",
        _("Berichten over uw zaken"),
        {
            "zaak": _("Zaak"),
            "status": _("Nieuwe status"),
            "ontvangen_op": _("Datum"),
            "verstuurd_via": _("Verstuurd via"),
            "niet_verstuurd_omdat": _("Niet verstuurd, omdat"),
        },
        toelichting=_("Wanneer wij u lieten weten dat er iets veranderde aan uw zaak."),
        leeg=_("Geen."),
    )
    if onderwerp.partij is None:
        return sectie
    for melding in Zaakmelding.objects.filter(partij=onderwerp.partij).select_related("verzending"):
        sectie.items.append(
            {
                "zaak": melding.zaak_identificatie or melding.zaak,
                "status": melding.status_omschrijving,
                "ontvangen_op": melding.ontvangen_op,
                "verstuurd_via": (
                    melding.verzending.get_kanaal_display() if melding.verzending else ""
                ),
                "niet_verstuurd_omdat": melding.reden,
            }
        )
    return sectie


def verwerkingen(onderwerp: Onderwerp) -> Sectie:
    sectie = Sectie(
        "verwerkingen",
        _("Wie heeft uw gegevens bekeken of gebruikt"),
        {
            "tijdstip": _("Wanneer"),
            "uitgevoerd_door": _("Door"),
            "eenheid": _("Afdeling of team"),
            "activiteit": _("Waarvoor (verwerkingsactiviteit)"),
            "activiteit_url": _("In het register van verwerkingen"),
            "actie": _("Wat"),
            "handeling": _("Handeling"),
            "soorten_gegevens": _("Welke gegevens"),
            "betrokkenheid": _("Hoe u erbij betrokken was"),
            "vertrouwelijk": _("Vertrouwelijke verwerking"),
        },
        toelichting=_(
            "Wij laten zien welk team uw gegevens gebruikte, niet welke medewerker. Bij een "
            "vertrouwelijke verwerking ziet u alleen wanneer en waarvoor."
        ),
        leeg=_("Geen."),
    )
    if not onderwerp.is_persoon:
        sectie.toelichting = _(
            "Wij leggen alleen vast wie de gegevens van personen bekijkt. Gegevens van "
            "bedrijven en organisaties vallen niet onder de AVG; daarom is er voor uw "
            "organisatie geen overzicht."
        )
        sectie.leeg = ""
        return sectie
    door = {
        "organisatie": _("medewerker"),
        "betrokkene": _("uzelf"),
        "gemachtigde": _("uw gemachtigde"),
    }
    for verwerking in verwerkingen_van(kenmerken_van(onderwerp.partij, onderwerp.bsn)):
        item = verwerking.als_dict()
        item["uitgevoerd_door"] = door.get(verwerking.uitgevoerd_door, "")
        sectie.items.append(item)
    return sectie


def zaakverwijzingen(onderwerp: Onderwerp) -> list[str]:
    """The zaken Klantbeeld knows this partij's contacts and messages were about."""
    if onderwerp.partij is None:
        return []
    uit_contacten = Onderwerpobject.objects.filter(
        klantcontact__betrokkenen__was_partij=onderwerp.partij,
        onderwerpobjectidentificator_code_objecttype=ZAAK["code_objecttype"],
    ).values_list("onderwerpobjectidentificator_object_id", flat=True)
    uit_meldingen = Zaakmelding.objects.filter(partij=onderwerp.partij).values_list(
        "zaak", flat=True
    )
    return sorted({*uit_contacten, *uit_meldingen})


def elders(onderwerp: Onderwerp) -> Sectie:
    sectie = Sectie(
        "elders",
        _("Gegevens die niet in het klantregister staan"),
        {
            "gegevens": _("Gegevens"),
            "waar": _("Waar ze staan"),
            "verwijzingen": _("Waar wij naar verwijzen"),
        },
        toelichting=_(
            "Deze gegevens staan in andere systemen van de gemeente of in landelijke "
            "registers. U kunt ze daar opvragen of ze bekijken in Mijn omgeving."
        ),
    )
    sectie.items = [
        {
            "gegevens": _("Zaken (uw aanvragen, meldingen en vergunningen) en hun status"),
            "waar": _("Het zaaksysteem van de gemeente"),
            "verwijzingen": zaakverwijzingen(onderwerp),
        },
        {
            "gegevens": _("Documenten bij zaken en contacten"),
            "waar": _("Het documentensysteem van de gemeente"),
            "verwijzingen": [],
        },
        {
            "gegevens": _("Taken voor u, producten en aanvragen"),
            "waar": _("Het objectenregister van de gemeente"),
            "verwijzingen": [],
        },
        {
            "gegevens": _("Uw persoonsgegevens uit de Basisregistratie Personen (BRP)"),
            "waar": _("De BRP; bekijk ze op mijn.overheid.nl"),
            "verwijzingen": [],
        },
        {
            "gegevens": _("Gegevens van bedrijven"),
            "waar": _("Het Handelsregister van de Kamer van Koophandel"),
            "verwijzingen": [],
        },
    ]
    return sectie


# The sections in the order of the export; portal sections being built (messages read or
# unread, channel preferences per topic, planned addresses, klanttaken) add theirs here.
SECTIES: list[Maker] = [
    partij,
    digitale_adressen,
    rekeningnummers,
    categorieen,
    klantcontacten,
    zaakberichten,
    verwerkingen,
    elders,
]
