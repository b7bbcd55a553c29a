"""Written conversations in the workspace (issue 13 steps 3 and 8; C1199, C9708, C9853,
C5655; R7, R9, R12): the queue per team and channel with response deadlines in working
days, the conversation page with its whole thread and documents, answering with text
modules, linking the writer to a customer, handing over and closing. Every view is
logged."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import (
    Actor,
    Betrokkene,
    Bijlage,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
    Verzending,
)
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    Opvolging,
    registreer_contact,
)
from klantbeeld.domain.services.verzenden import Bericht, Opgesteld, verstuur
from klantbeeld.domain.services.zaken import DOCUMENT
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.models import Tekstblok
from klantbeeld.workspace.roles import Rol
from klantbeeld.workspace.termijnen import reactietermijn, werkdagen_later
from standins.zgw import LocalZgw
from tests.domain.test_opvolging import BY, actor
from tests.domain.test_zoeken import nummer, persoon
from tests.integrations.conftest import drain
from tests.support.kanalen import Testkanalen, testkanalen
from tests.workspace.test_opvolging import lid
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db

POSTVAK = "info@gemeente.example.nl"
VRIJDAG = datetime.date(2026, 12, 4)


@pytest.fixture
def kcc() -> Actor:
    return actor("Klantcontactcentrum", "organisatorische_eenheid")


@pytest.fixture
def kanalen() -> Iterator[Testkanalen]:
    """E-mail and letters kept by the test."""
    with testkanalen("e-mail", "post", met_document=False) as kanaal:
        yield kanaal


def opgesteld(kanalen: Testkanalen, kanaal: str) -> list[Bericht]:
    """What the test's ``kanaal`` composed."""
    return [b for b in kanalen.opgesteld if b.kanaal == kanaal]


def binnen(
    team: Actor,
    onderwerp: str = "Afvalkalender",
    *,
    kanaal: str = "e-mail",
    ontvangen: datetime.datetime | None = None,
    vertrouwelijk: bool = False,
    vervolg_op: Klantcontact | None = None,
    deelnemer: Deelnemer | None = None,
    uiterlijk_op: datetime.date | None = None,
) -> InterneTaak:
    """C1199/C9853/C2138: a message from someone not identified, with a task for ``team``."""
    registratie = registreer_contact(
        Contactaanmelding(
            kanaal=kanaal,
            onderwerp=onderwerp,
            inhoud=f"Vraag over {onderwerp.lower()}",
            deelnemers=[
                deelnemer
                or Deelnemer(
                    voornaam="Fatima",
                    achternaam="El Amrani",
                    adressen=[Contactadres("email", "fatima@example.org", "Afzender")],
                )
            ],
            actoren=[actor("Mailverwerker", "geautomatiseerde_actor")],
            plaatsgevonden_op=ontvangen,
            vertrouwelijk=vertrouwelijk,
            vervolg_op=vervolg_op,
            metadata={"postvak": POSTVAK},
            opvolging=Opvolging(
                gevraagde_handeling="Lezen en bepalen benodigde actie",
                toegewezen_aan=[team],
                uiterlijk_op=uiterlijk_op,
            ),
            bron=Bron(f"{kanaal}:{POSTVAK}", f"<{onderwerp}-{timezone.now().timestamp()}@x>"),
        ),
        BY,
    )
    assert registratie.taak is not None
    return registratie.taak


def ontvangen_op(datum: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time(10, 0)))


def ontvangen_voor_termijn(termijn: datetime.date, dagen: int) -> datetime.datetime:
    """A moment of receipt whose deadline of ``dagen`` working days is ``termijn``."""
    for terug in range(dagen, dagen + 10):
        datum = termijn - datetime.timedelta(days=terug)
        if werkdagen_later(datum, dagen) == termijn:
            return ontvangen_op(datum)
    raise AssertionError("no such day")


def acties(handeling: str) -> list[Verwerkingsactie]:
    return list(Verwerkingsactie.objects.filter(handeling_naam=handeling))


def antwoord(client: Any, taak: InterneTaak, **velden: Any) -> Any:
    pagina = client.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    naar = re.search(r'name="antwoord-naar" id="[^"]+" value="([^"]+)" checked', pagina)
    token = re.search(r'name="antwoord-inzending" value="([^"]+)"', pagina)
    assert naar and token, "the answer form with a preselected address"
    data = {
        "antwoord-inzending": token.group(1),
        "antwoord-naar": naar.group(1),
        "antwoord-onderwerp": "Re: Afvalkalender",
        "antwoord-tekst": "Het oud papier wordt dinsdag opgehaald.",
        "antwoord-afgehandeld": "on",
        **velden,
    }
    return client.post(f"/werkplek/gesprekken/{taak.uuid}/antwoord/", data)


# -- deadlines ------------------------------------------------------------------------------


def test_working_days_skip_the_weekend():
    assert VRIJDAG.weekday() == 4
    zaterdag, zondag, maandag = (VRIJDAG + datetime.timedelta(days=d) for d in (1, 2, 3))
    dinsdag = VRIJDAG + datetime.timedelta(days=4)
    assert werkdagen_later(VRIJDAG, 1) == maandag
    assert werkdagen_later(VRIJDAG, 2) == dinsdag
    assert werkdagen_later(zaterdag, 2) == dinsdag
    assert werkdagen_later(zondag, 1) == maandag
    assert werkdagen_later(zaterdag, 0) == maandag
    assert werkdagen_later(VRIJDAG, 5) == VRIJDAG + datetime.timedelta(days=7)


def test_the_deadline_is_the_channels_or_the_tasks_when_earlier(settings):
    settings.KLANTBEELD_REACTIETERMIJNEN = {"e-mail": 2, "post": 5}
    vrijdag = ontvangen_op(VRIJDAG)
    assert reactietermijn("e-mail", vrijdag) == datetime.date(2026, 12, 8)
    assert reactietermijn("post", vrijdag) == datetime.date(2026, 12, 11)
    assert reactietermijn("post", vrijdag, datetime.date(2026, 12, 9)) == datetime.date(2026, 12, 9)
    assert reactietermijn("app", vrijdag) is None
    assert reactietermijn("app", vrijdag, VRIJDAG) == VRIJDAG


def test_a_malformed_deadline_setting_stops_the_start():
    from django.core.exceptions import ImproperlyConfigured

    from klantbeeld.settings import _reactietermijnen

    assert _reactietermijnen(" e-mail=2, post=5 ") == {"e-mail": 2, "post": 5}
    with pytest.raises(ImproperlyConfigured, match="e-mail=twee"):
        _reactietermijnen("e-mail=twee")


# -- the queue ------------------------------------------------------------------------------


def test_the_queue_shows_my_teams_written_conversations_nearest_deadline_first(kcc, settings):
    settings.KLANTBEELD_REACTIETERMIJNEN = {"e-mail": 2, "app": 1, "post": 5}
    vandaag = timezone.localdate()
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    laat = binnen(
        kcc,
        "Afvalkalender",
        ontvangen=ontvangen_voor_termijn(vandaag, 2) - datetime.timedelta(days=7),
    )
    nu = binnen(kcc, "Parkeren", kanaal="app", ontvangen=ontvangen_voor_termijn(vandaag, 1))
    brief = binnen(kcc, "Bezwaar", kanaal="post", ontvangen=timezone.now())
    telefoon = binnen(kcc, "Terugbellen graag", kanaal="telefoon")
    anderen = binnen(actor("Vergunningen", "organisatorische_eenheid"), "Dakkapel")

    pagina = sanne.get("/werkplek/gesprekken/").content.decode()
    volgorde = [m for m in re.findall(r"/werkplek/gesprekken/([0-9a-f-]{36})/", pagina)]
    assert volgorde == [str(laat.uuid), str(nu.uuid), str(brief.uuid)]
    assert str(telefoon.uuid) not in pagina and str(anderen.uuid) not in pagina
    rijen = pagina.split("<tbody")[1].split("</tr>")
    assert "(te laat)" in rijen[0] and "Fatima El Amrani" in rijen[0]
    assert "fatima@example.org" in rijen[0] and "(niet geïdentificeerd)" in rijen[0]
    assert "(vandaag)" in rijen[1] and "(te laat)" not in rijen[1]
    assert "(te laat)" not in rijen[2] and "(vandaag)" not in rijen[2]
    assert "3 open gesprekken" in pagina
    assert all(f">{t}</a>" in pagina for t in ("E-mail: 1", "App: 1", "Brief: 1"))
    [log] = acties("Gesprekken bekijken")
    # The writers are not identified: logged by their betrokkene, the key there is for them.
    assert log.gebruiker == "sanne"
    assert {o.soort_object_id for o in log.verwerkte_objecten.all()} == {"betrokkene"}
    assert log.verwerkte_objecten.count() == 3  # the writers of the three shown


def test_the_queue_is_filtered_by_team_and_channel(kcc):
    vergunningen = actor("Vergunningen", "organisatorische_eenheid")
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, kcc)
    lid(lisa, vergunningen)
    mail = binnen(kcc, "Afvalkalender")
    app = binnen(vergunningen, "Dakkapel", kanaal="app")
    alle = lisa.get("/werkplek/gesprekken/").content.decode()
    assert str(mail.uuid) in alle and str(app.uuid) in alle
    team = lisa.get(f"/werkplek/gesprekken/?team={vergunningen.pk}").content.decode()
    assert str(mail.uuid) not in team and str(app.uuid) in team
    assert "1 open gesprek" in team
    kanaal = lisa.get("/werkplek/gesprekken/?kanaal=e-mail").content.decode()
    assert str(mail.uuid) in kanaal and str(app.uuid) not in kanaal
    # The counts are those of the team chosen, whatever channel is shown.
    assert "E-mail: 1" in kanaal and "App: 1" in kanaal
    onbekend = lisa.get("/werkplek/gesprekken/?team=iemand-anders&kanaal=fax").content.decode()
    assert str(mail.uuid) in onbekend and str(app.uuid) in onbekend


def test_r12_a_confidential_conversation_is_only_there_for_the_roles_that_may_see_it(kcc):
    geheim = binnen(kcc, "Schuldhulp", vertrouwelijk=True)
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    assert "Schuldhulp" not in sanne.get("/werkplek/gesprekken/").content.decode()
    assert sanne.get(f"/werkplek/gesprekken/{geheim.uuid}/").status_code == 404
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, kcc)
    assert "Schuldhulp" in lisa.get("/werkplek/gesprekken/").content.decode()
    assert lisa.get(f"/werkplek/gesprekken/{geheim.uuid}/").status_code == 200
    [log] = acties("Gesprek bekijken")
    assert log.vertrouwelijkheid == "vertrouwelijk"


def test_someone_elses_conversation_is_not_theirs_to_see(kcc):
    taak = binnen(kcc, "Afvalkalender")
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    assert sanne.get(f"/werkplek/gesprekken/{taak.uuid}/").status_code == 403
    assert sanne.post(f"/werkplek/gesprekken/{taak.uuid}/antwoord/", {}).status_code == 403


# -- the conversation -----------------------------------------------------------------------


def test_the_whole_thread_in_time_order_with_what_became_of_each_answer(kcc, kanalen):
    eerste = binnen(kcc, "Afvalkalender", ontvangen=timezone.now() - datetime.timedelta(days=3))
    origineel = eerste.aanleidinggevend_klantcontact
    sanne_actor = actor("Sanne de Vries")
    verzending = verstuur(
        Bericht("e-mail", "fatima@example.org", "Re: Afvalkalender", "Dinsdag."),
        ontvanger=Deelnemer(achternaam="El Amrani", initiator=False),
        actor=sanne_actor,
        by=BY,
        vervolg_op=origineel,
    )
    assert verzending is not None
    verzenden.niet_afgeleverd(verzending, "550 5.1.1 mailbox vol", BY)
    assert verzending.klantcontact is not None
    Klantcontact.objects.filter(pk=verzending.klantcontact.pk).update(
        plaatsgevonden_op=timezone.now() - datetime.timedelta(days=2)
    )
    reactie = binnen(kcc, "Re: Afvalkalender", vervolg_op=verzending.klantcontact)
    anders = binnen(kcc, "Iets anders")

    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    response = sanne.get(f"/werkplek/gesprekken/{reactie.uuid}/")
    pagina = response.content.decode()
    assert response.status_code == 200
    draad = pagina.split('id="berichten"')[1].split("</ol>")[0]
    assert draad.index("Vraag over afvalkalender") < draad.index("Dinsdag.")
    assert draad.index("Dinsdag.") < draad.index("Vraag over re: afvalkalender")
    assert "Ontvangen per E-mail" in draad and "Antwoord per E-mail" in draad
    assert "niet afgeleverd" in draad and "550 5.1.1 mailbox vol" in draad
    assert "Sanne de Vries" in draad
    assert "Aangemaakt" in draad  # the steps on the tasks
    assert "Iets anders" not in pagina and str(anders.uuid) not in pagina
    assert len(acties("Gesprek bekijken")) == 1


# -- answering ------------------------------------------------------------------------------


def test_c9708_an_answer_by_mail_threads_back_and_closes_the_task(kcc, kanalen, ki):
    taak = binnen(kcc, "Afvalkalender")
    origineel = taak.aanleidinggevend_klantcontact
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    sanne_actor = lid(sanne, kcc)

    response = antwoord(sanne, taak)
    assert response.status_code == 302 and response["Location"] == "/werkplek/gesprekken/"
    [bericht] = opgesteld(kanalen, "e-mail")
    assert (bericht.adres, bericht.onderwerp, bericht.naam) == (
        "fatima@example.org",
        "Re: Afvalkalender",
        "Fatima El Amrani",
    )
    assert bericht.antwoord_op_bericht_id == origineel.metadata["bronBerichtId"]
    assert bericht.afzender == POSTVAK
    [verzending] = Verzending.objects.all()
    assert (verzending.kanaal, verzending.status) == ("e-mail", Verzendstatus.TE_VERSTUREN)
    assert verzending.antwoord_op_bericht_id == origineel.metadata["bronBerichtId"]
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.VERSTUURD

    kc = ki.get(f"klantcontacten/{verzending.klantcontact_id}").json()
    assert (kc["kanaal"], kc["indicatieContactGelukt"]) == ("e-mail", None)
    assert [a["uuid"] for a in kc["hadBetrokkenActoren"]] == [str(sanne_actor.pk)]
    [betrokkene] = ki.get("betrokkenen", params={"hadKlantcontact__uuid": kc["uuid"]}).json()[
        "results"
    ]
    assert betrokkene["initiator"] is False and betrokkene["wasPartij"] is None
    assert betrokkene["volledigeNaam"] == "Fatima El Amrani"
    link = Onderwerpobject.objects.get(klantcontact_id=kc["uuid"])
    assert link.was_klantcontact == origineel
    taak.refresh_from_db()
    assert taak.status == "verwerkt"
    assert taak.toelichting == f"Beantwoord per e-mail (referentienummer {kc['referentienummer']})"
    assert len(acties("Antwoord versturen")) == 1


def test_a_form_sent_twice_sends_one_answer(kcc, kanalen):
    taak = binnen(kcc, "Afvalkalender")
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    pagina = sanne.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    token = re.search(r'name="antwoord-inzending" value="([^"]+)"', pagina)
    naar = re.search(r'name="antwoord-naar" id="[^"]+" value="([^"]+)" checked', pagina)
    assert token and naar
    data = {
        "antwoord-inzending": token.group(1),
        "antwoord-naar": naar.group(1),
        "antwoord-onderwerp": "Re: Afvalkalender",
        "antwoord-tekst": "Dinsdag.",
    }
    eerste = sanne.post(f"/werkplek/gesprekken/{taak.uuid}/antwoord/", data)
    tweede = sanne.post(f"/werkplek/gesprekken/{taak.uuid}/antwoord/", data, follow=True)
    assert eerste.status_code == 302
    assert "Dit formulier was al verzonden" in tweede.content.decode()
    assert Verzending.objects.count() == 1 and len(opgesteld(kanalen, "e-mail")) == 1
    taak.refresh_from_db()
    assert taak.status == "te_verwerken"  # "afgehandeld" was not ticked


def test_an_answer_that_is_refused_says_why_on_the_field_and_sends_nothing(kcc, kanalen, settings):
    settings.KLANTBEELD_BIJLAGE_MAX_MB = 1
    taak = binnen(kcc, "Afvalkalender")
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    leeg = antwoord(sanne, taak, **{"antwoord-tekst": "", "antwoord-naar": "onbekend"})
    pagina = leeg.content.decode()
    assert leeg.status_code == 400
    assert (
        "Schrijf het antwoord." in pagina and "Dit adres kan niet (meer) worden gekozen" in pagina
    )
    assert 'href="#id_antwoord-tekst"' in pagina  # the summary leads to the field
    verkeerd = antwoord(
        sanne,
        taak,
        **{"antwoord-bijlagen": SimpleUploadedFile("virus.exe", b"MZ", "application/x-msdownload")},
    )
    assert verkeerd.status_code == 400
    assert "virus.exe: dit soort bestand wordt niet verstuurd" in verkeerd.content.decode()
    groot = antwoord(
        sanne,
        taak,
        **{
            "antwoord-bijlagen": [
                SimpleUploadedFile(f"scan{i}.pdf", b"%PDF" + b"x" * 600_000, "application/pdf")
                for i in range(2)
            ]
        },
    )
    assert "samen hoogstens 1 MB" in groot.content.decode()
    assert not Verzending.objects.exists() and opgesteld(kanalen, "e-mail") == []
    taak.refresh_from_db()
    assert taak.status == "te_verwerken"


def test_a_team_leader_who_is_not_assigned_sees_the_conversation_but_cannot_answer(kcc, kanalen):
    taak = binnen(kcc, "Afvalkalender")
    leider = medewerker(Rol.TEAMLEIDER, naam="tl")
    pagina = leider.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    assert "Vraag over afvalkalender" in pagina and "Versturen" not in pagina
    assert antwoord_zonder_formulier(leider, taak).status_code == 403
    assert not Verzending.objects.exists()


def antwoord_zonder_formulier(client: Any, taak: InterneTaak) -> Any:
    return client.post(
        f"/werkplek/gesprekken/{taak.uuid}/antwoord/",
        {"antwoord-tekst": "x", "antwoord-onderwerp": "x"},
    )


# -- text modules ---------------------------------------------------------------------------


def test_a_text_module_is_filled_in_and_inserted_without_javascript(kcc, kanalen, settings):
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    taak = binnen(kcc, "Afvalkalender")
    blok = Tekstblok.objects.create(
        team=kcc,
        naam="Afval: ophaaldagen",
        tekst="Geachte {naam},\n\nOver {onderwerp} ({referentienummer}): zie de kalender.\n\n"
        "Met vriendelijke groet,\n{medewerker}\n{organisatie}",
    )
    Tekstblok.objects.create(
        team=actor("Vergunningen", "organisatorische_eenheid"), naam="Dakkapel", tekst="x"
    )
    Tekstblok.objects.create(naam="Algemeen: bedankt", tekst="Bedankt voor uw bericht.")
    Tekstblok.objects.create(naam="Oud", tekst="Niet meer gebruiken.", actief=False)
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    pagina = sanne.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    keuzes = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", pagina)
    assert keuzes == ["Afval: ophaaldagen", "Algemeen: bedankt"]
    assert 'id="tekstblokken" type="application/json"' in pagina  # for the script

    response = antwoord(
        sanne,
        taak,
        **{
            "antwoord-tekst": "Dank voor uw vraag.",
            "antwoord-tekstblok": str(blok.pk),
            "antwoord-invoegen": "1",
        },
    )
    pagina = response.content.decode()
    assert response.status_code == 200
    referentie = taak.aanleidinggevend_klantcontact.referentienummer
    tekst = re.search(r'<textarea[^>]*name="antwoord-tekst"[^>]*>([^<]*)</textarea>', pagina)
    assert tekst is not None
    assert tekst.group(1) == (
        "Dank voor uw vraag.\n\nGeachte Fatima El Amrani,\n\nOver Afvalkalender "
        f"({referentie}): zie de kalender.\n\nMet vriendelijke groet,\nsanne\nGemeente Voorbeeld"
    )
    assert 'value="Re: Afvalkalender"' in pagina  # what was typed stays
    assert not Verzending.objects.exists()


def test_a_text_modules_placeholders_are_checked_when_it_is_saved(kcc):
    with pytest.raises(ValidationError) as fout:
        Tekstblok(naam="Fout", tekst="Geachte {naaam},").full_clean()
    assert "Onbekende plaatshouder(s): {naaam}" in str(fout.value.message_dict["tekst"])
    with pytest.raises(ValidationError) as fout:
        Tekstblok(naam="Fout", tekst="x", team=actor("Jan", "medewerker")).full_clean()
    assert "team" in fout.value.message_dict
    Tekstblok(naam="Goed", tekst="{{letterlijk}} {datum}", team=kcc).full_clean()


# -- where the answer goes (R7) -------------------------------------------------------------


def test_r7_a_letter_is_answered_by_letter_to_the_address_it_came_from(kcc, kanalen):
    taak = binnen(
        kcc,
        "Bezwaar",
        kanaal="post",
        deelnemer=Deelnemer(
            voornaam="Piet",
            achternaam="Pietersen",
            correspondentieadres={
                "straatnaam": "Dorpsstraat",
                "huisnummer": "5",
                "postcode": "1234 AB",
                "stad": "Ons Dorp",
            },
        ),
    )
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    pagina = sanne.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    assert "Brief: Dorpsstraat 5, 1234 AB Ons Dorp (opgegeven bij dit contact)" in pagina
    assert antwoord(sanne, taak, **{"antwoord-onderwerp": "Uw bezwaar"}).status_code == 302
    [brief] = opgesteld(kanalen, "post")
    assert (brief.adres, brief.naam) == ("Dorpsstraat 5\n1234 AB Ons Dorp", "Piet Pietersen")
    # A letter threads to nothing, and has no mailbox.
    assert (brief.antwoord_op_bericht_id, brief.afzender) == ("", "")
    kc = Verzending.objects.get().klantcontact
    assert Betrokkene.objects.get(had_klantcontact=kc).correspondentieadres_straatnaam == (
        "Dorpsstraat"
    )


def test_r7_only_channels_that_can_send_are_offered(kcc, kanalen):
    jan = persoon(
        "Jan",
        "Jansen",
        correspondentieadres_straatnaam="Kerkweg",
        correspondentieadres_huisnummer=1,
    )
    taak = binnen(
        kcc,
        "Parkeren",
        kanaal="app",
        deelnemer=Deelnemer(
            partij=jan, adressen=[Contactadres("telefoonnummer", "0612345678", "app")]
        ),
    )
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    pagina = sanne.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    assert "App:" not in pagina  # no app channel configured in this test
    assert "Brief: Kerkweg 1 (bij de klant bekend)" in pagina
    verzenden.registreer_opsteller("app", lambda b: Opgesteld(b.tekst.encode(), "app-1"))
    pagina = sanne.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    assert pagina.index("App: 0612345678 (opgegeven bij dit contact)") < pagina.index(
        "Brief: Kerkweg 1"
    )


# -- the writer is a known customer (C1199) -------------------------------------------------


def test_c1199_the_writer_is_linked_to_a_customer_once_their_identity_is_established(kcc):
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    taak = binnen(kcc, "Afvalkalender")
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    url = f"/werkplek/gesprekken/{taak.uuid}/klant/"
    onbekend = sanne.post(url, {"koppel-nummer": bsn(2), "koppel-vastgesteld": "controlevragen"})
    assert onbekend.status_code == 400
    assert "Geen klant met dit nummer" in onbekend.content.decode()
    zonder = sanne.post(url, {"koppel-nummer": bsn(1)})
    assert "Kies hoe de identiteit is vastgesteld" in zonder.content.decode()
    assert (
        Betrokkene.objects.get(had_klantcontact=taak.aanleidinggevend_klantcontact).was_partij
        is None
    )

    gekoppeld = sanne.post(url, {"koppel-nummer": bsn(1), "koppel-vastgesteld": "controlevragen"})
    assert gekoppeld.status_code == 302
    schrijver = Betrokkene.objects.get(had_klantcontact=taak.aanleidinggevend_klantcontact)
    assert schrijver.was_partij == jan
    # The address left with the message stays the contact's (R7).
    assert jan.digitale_adressen.count() == 0 and schrijver.digitale_adressen.count() == 1
    [log] = acties("Klant koppelen aan contact (identiteit: controlevragen aan de telefoon)")
    assert [o.object_id for o in log.verwerkte_objecten.all()] == [bsn(1)]
    pagina = sanne.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    assert "Afzender koppelen aan een klant" not in pagina
    assert f'href="/werkplek/klanten/{jan.uuid}/"' in pagina


# -- handing over and closing ---------------------------------------------------------------


def test_a_conversation_is_handed_over_or_closed_from_its_page(kcc):
    vergunningen = actor("Vergunningen", "organisatorische_eenheid")
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    taak = binnen(kcc, "Dakkapel")
    fout = sanne.post(f"/werkplek/gesprekken/{taak.uuid}/doorzetten/", {"door-reden": "x"})
    assert fout.status_code == 400 and "Kies aan wie de taak gaat" in fout.content.decode()
    assert "Gesprek: Dakkapel" in fout.content.decode()  # the conversation page again
    door = sanne.post(
        f"/werkplek/gesprekken/{taak.uuid}/doorzetten/",
        {"door-naar": str(vergunningen.pk), "door-reden": "Gaat over een vergunning"},
    )
    assert door.status_code == 302 and door["Location"] == "/werkplek/gesprekken/"
    nieuw = InterneTaak.objects.get(status="te_verwerken")
    assert list(nieuw.toegewezen_aan_actoren.all()) == [vergunningen]

    tweede = binnen(kcc, "Spam")
    af = sanne.post(
        f"/werkplek/gesprekken/{tweede.uuid}/afhandelen/", {"af-toelichting": "Reclame."}
    )
    assert af.status_code == 302
    tweede.refresh_from_db()
    assert (tweede.status, tweede.toelichting) == ("verwerkt", "Reclame.")
    assert len(acties("Taak doorzetten")) == 1 and len(acties("Interne taak afhandelen")) == 1


# -- documents ------------------------------------------------------------------------------


def test_a_document_is_shown_and_downloaded_through_the_workspace_and_logged(kcc, zgw: LocalZgw):
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    zaak = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=bsn(1))
    foto = zgw.add_document(
        zaak,
        "Foto van de stoep",
        inhoud=b"\x89PNG foto",
        bestandsnaam="stoep.png",
        formaat="image/png",
    )
    geheim = zgw.add_document(zaak, "Rapport", vertrouwelijkheid="vertrouwelijk")
    taak = binnen(kcc, "Stoeptegel", deelnemer=Deelnemer(partij=jan))
    kc = taak.aanleidinggevend_klantcontact
    for eio in (foto, geheim):
        Bijlage.objects.create(
            was_bijlage_van_klantcontact=kc,
            **{f"bijlageidentificator_{k}": v for k, v in DOCUMENT.items()},
            bijlageidentificator_object_id=eio["url"].rstrip("/").rsplit("/", 1)[-1],
        )
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    pagina = sanne.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    assert "Foto van de stoep</a> (stoep.png, 9\xa0bytes)" in pagina
    assert "Rapport" not in pagina  # beyond a kcc-medewerker's level
    [foto_bijlage, geheim_bijlage] = Bijlage.objects.order_by("pk")
    response = sanne.get(f"/werkplek/contacten/{kc.uuid}/documenten/{foto_bijlage.uuid}/")
    assert response.status_code == 200 and response.content == b"\x89PNG foto"
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="stoep.png"'
    assert "no-store" in response["Cache-Control"]
    [log] = acties("Document bij contact downloaden")
    assert [o.object_id for o in log.verwerkte_objecten.all()] == [bsn(1)]
    assert (
        sanne.get(f"/werkplek/contacten/{kc.uuid}/documenten/{geheim_bijlage.uuid}/").status_code
        == 404
    )
    ander = binnen(kcc, "Ander contact").aanleidinggevend_klantcontact
    assert (
        sanne.get(f"/werkplek/contacten/{ander.uuid}/documenten/{foto_bijlage.uuid}/").status_code
        == 404
    )
    assert len(acties("Document bij contact downloaden")) == 1


def test_in_english_the_queue_and_the_conversation_are_english(kcc, kanalen):
    from tests.workspace.test_taal import engels

    taak = binnen(kcc, "Afvalkalender", ontvangen=timezone.now() - datetime.timedelta(days=9))
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    sanne.post("/i18n/setlang/", {"language": "en", "next": "/werkplek/"})
    queue = sanne.get("/werkplek/gesprekken/").content.decode()
    assert engels("Gesprekken") in queue and engels("(te laat)") in queue
    pagina = sanne.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    for tekst in ("Versturen naar", "Taak afhandelen na versturen", "Versturen", "Berichten"):
        assert engels(tekst) in pagina


def test_an_answer_to_a_task_closed_meanwhile_is_not_sent_and_the_text_stays(kcc, kanalen):
    taak = binnen(kcc, "Afvalkalender")
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    pagina = sanne.get(f"/werkplek/gesprekken/{taak.uuid}/").content.decode()
    InterneTaak.objects.filter(pk=taak.pk).update(status="verwerkt", afgehandeld_op=timezone.now())
    token = re.search(r'name="antwoord-inzending" value="([^"]+)"', pagina)
    naar = re.search(r'name="antwoord-naar" id="[^"]+" value="([^"]+)" checked', pagina)
    assert token and naar
    response = sanne.post(
        f"/werkplek/gesprekken/{taak.uuid}/antwoord/",
        {
            "antwoord-inzending": token.group(1),
            "antwoord-naar": naar.group(1),
            "antwoord-onderwerp": "Re: Afvalkalender",
            "antwoord-tekst": "Een lang en zorgvuldig antwoord.",
        },
    )
    pagina = response.content.decode()
    assert response.status_code == 400
    assert f"Taak {taak.nummer} is al afgehandeld" in pagina
    assert "Een lang en zorgvuldig antwoord." in pagina
    assert not Verzending.objects.exists() and opgesteld(kanalen, "e-mail") == []


def test_the_queue_and_a_conversation_cost_the_same_queries_however_many_there_are(kcc):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lid(sanne, kcc)
    eerste = binnen(kcc, "Vraag 0")

    def kosten(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert sanne.get(url).status_code == 200
        return len(queries)

    queue_weinig = kosten("/werkplek/gesprekken/")
    gesprek_kort = kosten(f"/werkplek/gesprekken/{eerste.uuid}/")
    vorige = eerste.aanleidinggevend_klantcontact
    for i in range(1, 6):
        vorige = binnen(kcc, f"Vraag {i}", vervolg_op=vorige).aanleidinggevend_klantcontact
    assert kosten("/werkplek/gesprekken/") == queue_weinig
    # A thread of six: one query more per step along the links, nothing per message.
    assert kosten(f"/werkplek/gesprekken/{eerste.uuid}/") == gesprek_kort + 5


def test_the_administrator_keeps_text_modules_in_the_admin_and_a_wrong_placeholder_is_refused(
    kcc,
):
    from tests.beheer.test_persoonsgegevens import beheerder

    admin = beheerder()
    fout = admin.post(
        "/admin/workspace/tekstblok/add/",
        {"naam": "Afval", "team": str(kcc.pk), "tekst": "Geachte {klant},", "actief": "on"},
    )
    assert fout.status_code == 200
    assert "Onbekende plaatshouder(s): {klant}" in fout.content.decode()
    goed = admin.post(
        "/admin/workspace/tekstblok/add/",
        {"naam": "Afval", "team": str(kcc.pk), "tekst": "Geachte {naam},", "actief": "on"},
    )
    assert goed.status_code == 302
    assert Tekstblok.objects.get().team == kcc
