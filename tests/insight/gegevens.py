"""A small register whose figures are computed by hand in the tests: two teams, contacts
on several channels, tasks, an answer, a chat, complaints and survey answers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from klantbeeld.domain.models import (
    Actor,
    Categorie,
    CategorieRelatie,
    Gesprek,
    InterneTaak,
    Klacht,
    Klantcontact,
    Partij,
    Teamlid,
    Vragenlijst,
    Waardering,
)
from klantbeeld.domain.services.intake import (
    Contactaanmelding,
    Deelnemer,
    Opvolging,
    registreer_contact,
)
from klantbeeld.workspace.medewerkers import IDENTIFICATOR
from tests.domain.test_opvolging import BY
from tests.domain.test_zoeken import persoon


def om(dag: datetime.date, uur: int, minuut: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(uur, minuut)))


def team(naam: str, leden: list[str]) -> tuple[Actor, list[Actor]]:
    eenheid = Actor.objects.create(naam=naam, soort_actor="organisatorische_eenheid")
    mensen = []
    for login in leden:
        mens = Actor.objects.create(
            naam=login.capitalize(),
            soort_actor="medewerker",
            actoridentificator_object_id=login,
            **IDENTIFICATOR,
        )
        Teamlid.objects.create(team=eenheid, medewerker=mens)
        mensen.append(mens)
    return eenheid, mensen


def contact(
    kanaal: str,
    onderwerp: str,
    moment: datetime.datetime,
    actor: Actor,
    *,
    partij: Partij | None = None,
    klant_begon: bool = True,
    vervolg_op: Klantcontact | None = None,
    taak_voor: Actor | None = None,
    uiterlijk_op: datetime.date | None = None,
) -> Klantcontact:
    # R1: a customer without an identity is registered only with a follow-up.
    partij = partij or persoon("Piet", "Pietersen")
    registratie = registreer_contact(
        Contactaanmelding(
            kanaal=kanaal,
            onderwerp=onderwerp,
            inhoud="Vraag",
            deelnemers=[
                Deelnemer(partij=partij, voornaam="Jan", achternaam="Jansen", initiator=klant_begon)
            ],
            actoren=[actor],
            plaatsgevonden_op=moment,
            vervolg_op=vervolg_op,
            opvolging=(Opvolging("Terugbellen", [taak_voor]) if taak_voor else None),
        ),
        BY,
    )
    assert registratie.klantcontact is not None
    if uiterlijk_op is not None:  # a deadline in the past, as it was then
        InterneTaak.objects.filter(aanleidinggevend_klantcontact=registratie.klantcontact).update(
            uiterlijk_op=uiterlijk_op, toegewezen_op=moment
        )
    return registratie.klantcontact


@dataclass
class Register:
    dag: datetime.date
    belastingen: Actor
    klein: Actor
    mensen: list[Actor]
    huurder: Categorie
    contacten: dict[str, Klantcontact] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def vul(dag: datetime.date) -> Register:
    """On ``dag`` (at least ten days ago, so first-contact windows have closed):

    telefoon · Afval · c1 nothing more → resolved; c2 with a task → not resolved;
    telefoon · Paspoort · c3, the customer comes back two days later (c4) → not resolved;
    e-mail · Paspoort · c5 with its answer task, answered two hours later → resolved.
    """
    belastingen, mensen = team("Belastingen", ["anna", "bram", "carla", "daan", "eva"])
    klein, _ = team("Klein team", ["kim", "kai"])
    huurder = Categorie.objects.create(naam="huurder")
    jan = persoon("Jan", "Jansen")
    CategorieRelatie.objects.create(
        partij=jan, categorie=huurder, begin_datum=dag - datetime.timedelta(days=30)
    )
    r = Register(dag, belastingen, klein, mensen, huurder)
    anna, bram = mensen[0], mensen[1]
    r.contacten["c1"] = contact("telefoon", "Afval", om(dag, 9), anna, partij=jan)
    r.contacten["c2"] = contact(
        "telefoon", "Afval", om(dag, 10), anna, taak_voor=belastingen, uiterlijk_op=dag
    )
    r.contacten["c3"] = contact("telefoon", "Paspoort", om(dag, 11), anna)
    r.contacten["c4"] = contact(
        "telefoon",
        "Paspoort",
        om(dag + datetime.timedelta(days=2), 9),
        anna,
        vervolg_op=r.contacten["c3"],
    )
    r.contacten["c5"] = contact(
        "e-mail", "Paspoort", om(dag, 12), bram, taak_voor=belastingen, uiterlijk_op=dag
    )
    r.contacten["antwoord"] = contact(
        "e-mail", "Paspoort", om(dag, 14), bram, klant_begon=False, vervolg_op=r.contacten["c5"]
    )
    # c2's task: handled a day later, after its deadline (24 hours).
    InterneTaak.objects.filter(aanleidinggevend_klantcontact=r.contacten["c2"]).update(
        status="verwerkt", afgehandeld_op=om(dag + datetime.timedelta(days=1), 10)
    )
    Gesprek.objects.create(
        kanaal="chat",
        status="afgesloten",
        bezoeker_sleutel="x" * 64,
        team=belastingen,
        in_wachtrij_sinds=om(dag, 9),
        aangenomen_op=om(dag, 9, 3),
    )
    for ontvangen, termijn, besloten, status in (
        (dag, dag + datetime.timedelta(days=42), dag + datetime.timedelta(days=5), "afgehandeld"),
        (dag, dag + datetime.timedelta(days=1), dag + datetime.timedelta(days=3), "afgehandeld"),
        (dag, dag + datetime.timedelta(days=1), None, "in_behandeling"),
    ):
        Klacht.objects.create(
            ontvangen_op=ontvangen,
            termijn_einde=termijn,
            besloten_op=besloten,
            status=status,
            kanaal="telefoon",
            onderwerp="Bejegening",
            omschrijving="Onvriendelijk",
            team=belastingen,
        )
    lijst = Vragenlijst.objects.create(naam="Na contact", vraag="Hoe tevreden?")
    for meting, scores in (("nps", [10, 9, 7, 3]), ("csat", [5, 4, 3])):
        for score in scores:
            Waardering.objects.create(
                vragenlijst=lijst,
                meting=meting,
                score=score,
                uitgevraagd_via="email",
                kanaal="telefoon",
                onderwerp="Afval",
                team=belastingen,
                datum=dag,
            )
    return r
