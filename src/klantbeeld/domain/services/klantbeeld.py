"""Everything the register knows of one partij, for the integral customer view (case C4161):
contact details with preferences, representatives, contact persons, the contact history
across channels and the open follow-up. A fixed number of queries whatever the history's
length; confidential rows are left out for callers who may not see them."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import (
    Actor,
    Bijlage,
    DigitaalAdres,
    GeplandeAdreswijziging,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
    Partij,
    PartijIdentificator,
    Vertegenwoordigden,
    Zaakmelding,
)
from klantbeeld.domain.models.internetaken import Status

# The newest contacts shown; older ones are counted.
MAX_KLANTCONTACTEN = 25
MAX_VERWIJZINGEN = 10
# The objecttype an appointment system's reference carries (docs/workspace.md).
AFSPRAAK = "afspraak"


@dataclass
class Klantbeeld:
    partij: Partij
    identificatoren: list[PartijIdentificator]
    digitale_adressen: list[DigitaalAdres]
    vertegenwoordigers: list[Partij]  # who may act for this partij
    vertegenwoordigden: list[Partij]  # for whom this partij may act
    contactpersonen: list[Partij]
    werkt_voor: Partij | None  # the organisation a contact person works for
    klantcontacten: list[Klantcontact]
    klantcontacten_totaal: int
    open_taken: list[InterneTaak]
    zaakmeldingen: list[Zaakmelding]  # status changes announced by the zaken register
    aanvragen: list[Bijlage]  # product requests (e-forms) attached to their contacts
    afspraken: list[Onderwerpobject]  # appointments their contacts were about
    # Addresses from a date on, waiting for it (C1923).
    geplande_adreswijzigingen: list[GeplandeAdreswijziging] = field(default_factory=list)

    @property
    def personen(self) -> list[Partij]:
        """The partij itself: whose personal data the view shows."""
        return [self.partij]

    @property
    def ook_getoond(self) -> list[tuple[Partij, str]]:
        """Other partijen whose names the view shows, with how they are related."""
        return [
            *((p, "vertegenwoordiger") for p in self.vertegenwoordigers),
            *((p, "vertegenwoordigde") for p in self.vertegenwoordigden),
            *((p, "contactpersoon") for p in self.contactpersonen),
            *(((self.werkt_voor, "werkgever"),) if self.werkt_voor else ()),
        ]


def klantbeeld_van(partij: Partij) -> Klantbeeld:
    contacten = (
        visible(Klantcontact.objects.all())
        .filter(betrokkenen__was_partij=partij)
        .distinct()
        .order_by("-plaatsgevonden_op", "-pk")
        .prefetch_related(Prefetch("actoren", queryset=Actor.objects.order_by("naam")))
    )
    return Klantbeeld(
        partij=partij,
        identificatoren=list(
            visible(PartijIdentificator.objects.filter(identificeerde_partij=partij)).order_by(
                "partij_identificator_code_soort_object_id"
            )
        ),
        digitale_adressen=list(
            visible(DigitaalAdres.objects.filter(verstrekt_door_partij=partij)).order_by(
                "soort_digitaal_adres", "-is_standaard_adres", "adres"
            )
        ),
        vertegenwoordigers=_partijen(
            Vertegenwoordigden.objects.filter(vertegenwoordigde_partij=partij).values(
                "vertegenwoordigende_partij"
            )
        ),
        vertegenwoordigden=_partijen(
            Vertegenwoordigden.objects.filter(vertegenwoordigende_partij=partij).values(
                "vertegenwoordigde_partij"
            )
        ),
        contactpersonen=list(
            visible(Partij.objects.filter(werkte_voor_partij=partij)).order_by(
                "contactnaam_achternaam", "pk"
            )
        ),
        werkt_voor=visible(Partij.objects.filter(pk=partij.werkte_voor_partij_id)).first()
        if partij.werkte_voor_partij_id
        else None,
        klantcontacten=list(contacten[:MAX_KLANTCONTACTEN]),
        klantcontacten_totaal=contacten.count(),
        open_taken=list(
            visible(InterneTaak.objects.all())
            .filter(
                aanleidinggevend_klantcontact__betrokkenen__was_partij=partij,
                status=Status.TE_VERWERKEN,
            )
            .distinct()
            .select_related("aanleidinggevend_klantcontact")
            .prefetch_related(
                Prefetch("toegewezen_aan_actoren", queryset=Actor.objects.order_by("naam"))
            )
            .order_by("toegewezen_op", "pk")
        ),
        zaakmeldingen=list(
            Zaakmelding.objects.filter(partij=partij)
            .select_related("verzending")
            .defer("verzending__inhoud")
            .order_by("-ontvangen_op", "-pk")[:5]
        ),
        aanvragen=list(
            Bijlage.objects.filter(
                was_bijlage_van_klantcontact__in=contacten.values("pk"),
                bijlageidentificator_code_objecttype__icontains="aanvraag",
            )
            .select_related("was_bijlage_van_klantcontact")
            .order_by("-was_bijlage_van_klantcontact__plaatsgevonden_op", "-pk")[:MAX_VERWIJZINGEN]
        ),
        afspraken=list(
            Onderwerpobject.objects.filter(
                klantcontact__in=contacten.values("pk"),
                onderwerpobjectidentificator_code_objecttype__iexact=AFSPRAAK,
            )
            .select_related("klantcontact")
            .order_by("-klantcontact__plaatsgevonden_op", "-pk")[:MAX_VERWIJZINGEN]
        ),
        geplande_adreswijzigingen=list(
            visible(
                GeplandeAdreswijziging.objects.filter(partij=partij, toegepast_op=None)
            ).order_by("geldig_vanaf", "aangemaakt_op")
        ),
    )


def _partijen(pks: object) -> list[Partij]:
    return list(
        visible(Partij.objects.filter(pk__in=pks)).order_by("contactnaam_achternaam", "naam", "pk")
    )
