"""Follow-up in the workspace (C9167, C2984, C7300, C6114, C9761, C2716; R1, R7, R8):
asking for it when registering a contact, the queues of me and my teams, one task with
the customer's contact data and history, and every step through the screens, checked
through the Klantinteracties API."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact, Partij, Teamlid
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.medewerkers import actor_van
from klantbeeld.workspace.roles import Rol
from standins.zgw import LocalZgw
from tests.domain.test_zoeken import adres, nummer, persoon
from tests.integrations.conftest import drain
from tests.support.client import ApiClient
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan() -> Partij:
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    adres(jan, "email", "jan@example.nl")
    return jan


@pytest.fixture
def vergunningen() -> Actor:
    return Actor.objects.create(
        naam="Vergunningen", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )


def lid(client: Any, team: Actor) -> Actor:
    """Make the signed-in employee a member of ``team``."""
    user = User.objects.get(pk=client.session["_auth_user_id"])
    actor = actor_van(user)
    Teamlid.objects.create(team=team, medewerker=actor)
    return actor


def verslag(tekst: str, uitkomst: str) -> dict[str, str]:
    return {"contact-kanaal": "telefoon", "contact-verslag": tekst, "contact-uitkomst": uitkomst}


def terugbelverzoek(kcc: Any, jan: Partij, team: Actor, **extra: str) -> Any:
    return kcc.post(
        f"/werkplek/klanten/{jan.uuid}/contact/",
        {
            "kanaal": "telefoon",
            "onderwerp": "Dakkapel",
            "vraag": "Mag ik een dakkapel bouwen?",
            "gelukt": "ja",
            "toegewezen_aan": str(team.pk),
            "gevraagde_handeling": "Terugbellen",
            "toelichting": "Alleen maandag 14-16 uur",
            "prioriteit": "3",
            "uiterlijk_op": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
            "terugbelnummer": "06 1234 5678",
            **extra,
        },
    )


def test_c9167_a_call_back_request_for_a_team_is_registered_with_the_contact(
    jan, vergunningen, ki: ApiClient
):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    response = terugbelverzoek(kcc, jan, vergunningen)
    assert response.status_code == 302
    [kc] = ki.get("klantcontacten", params={"expand": "leiddeTotInterneTaken"}).json()["results"]
    [taak] = kc["_expand"]["leiddeTotInterneTaken"]
    assert (taak["gevraagdeHandeling"], taak["status"], taak["toelichting"]) == (
        "Terugbellen",
        "te_verwerken",
        "Alleen maandag 14-16 uur",
    )
    queue = ki.get(
        "internetaken",
        params={"status": "te_verwerken", "toegewezenAanActor__uuid": str(vergunningen.pk)},
    ).json()
    assert [t["uuid"] for t in queue["results"]] == [taak["uuid"]]
    # R7: the deviating number is the betrokkene's, not written onto the partij.
    [betrokkene] = ki.get("betrokkenen", params={"hadKlantcontact__uuid": kc["uuid"]}).json()[
        "results"
    ]
    adressen = ki.get(
        "digitaleadressen", params={"verstrektDoorBetrokkene__uuid": betrokkene["uuid"]}
    ).json()["results"]
    assert [(a["soortDigitaalAdres"], a["adres"]) for a in adressen] == [
        ("telefoonnummer", "06 1234 5678")
    ]
    lokaal = InterneTaak.objects.get()
    assert (lokaal.prioriteit, lokaal.uiterlijk_op) == (
        3,
        timezone.localdate() + datetime.timedelta(days=2),
    )


def test_follow_up_details_without_anyone_to_do_it_are_refused_and_nothing_is_kept(jan):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    response = terugbelverzoek(kcc, jan, Actor(), toegewezen_aan="", uiterlijk_op="morgen")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kies wie de opvolging doet" in page and "Vul een datum in" in page
    assert 'href="#id_toegewezen_aan"' in page  # the summary links to the field
    assert 'value="Dakkapel"' in page  # what was typed is kept
    assert not Klantcontact.objects.exists()


def test_a_deadline_in_the_past_is_shown_on_its_field(jan, vergunningen):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    gisteren = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = terugbelverzoek(kcc, jan, vergunningen, uiterlijk_op=gisteren)
    assert response.status_code == 400
    assert "De termijn ligt in het verleden" in response.content.decode()
    assert not Klantcontact.objects.exists() and not InterneTaak.objects.exists()


def test_r1_an_unknown_caller_is_registered_only_with_follow_up(vergunningen, ki: ApiClient):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert kcc.get("/werkplek/contact/").status_code == 200
    zonder = kcc.post(
        "/werkplek/contact/",
        {"kanaal": "telefoon", "onderwerp": "Afval", "gelukt": "ja", "achternaam": "Pietersen"},
    )
    page = zonder.content.decode()
    assert zonder.status_code == 400
    assert "alleen iets vastgelegd als er opvolging nodig is" in page
    assert "Vul een telefoonnummer of een e-mailadres in" in page
    assert not Klantcontact.objects.exists()

    met = kcc.post(
        "/werkplek/contact/",
        {
            "kanaal": "telefoon",
            "onderwerp": "Afval niet opgehaald",
            "gelukt": "ja",
            "voornaam": "Piet",
            "achternaam": "Pietersen",
            "terugbelnummer": "0201112233",
            "toegewezen_aan": str(vergunningen.pk),
            "gevraagde_handeling": "Terugbellen",
        },
    )
    assert met.status_code == 302
    [kc] = ki.get("klantcontacten").json()["results"]
    [b] = ki.get("betrokkenen", params={"hadKlantcontact__uuid": kc["uuid"]}).json()["results"]
    assert b.get("wasPartij") is None
    assert (b["contactnaam"]["voornaam"], b["contactnaam"]["achternaam"]) == ("Piet", "Pietersen")
    assert Partij.objects.count() == 0
    assert ki.get("internetaken").json()["count"] == 1


def test_team_queue_pick_up_call_back_and_close(jan, vergunningen, ki: ApiClient):
    """C2984 through the screens: the team's task, picked up, the customer called on the
    number they left (R7: shown first), the result recorded as a linked follow-up contact."""
    terugbelverzoek(medewerker(Rol.KCC_MEDEWERKER, naam="sanne"), jan, vergunningen)
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, vergunningen)
    taak = InterneTaak.objects.get()

    queue = lisa.get("/werkplek/taken/").content.decode()
    assert "Team Vergunningen (1)" in queue and "Mijn taken (0)" in queue
    assert "Hoog" in queue and "Jan Jansen" in queue

    detail = lisa.get(f"/werkplek/taken/{taak.uuid}/").content.decode()
    assert detail.index("06 1234 5678") < detail.index("jan@example.nl")
    assert "opgegeven bij dit contact" in detail and "Oppakken" in detail
    assert Verwerkingsactie.objects.filter(handeling_naam="Taak bekijken").count() == 1

    assert lisa.post(f"/werkplek/taken/{taak.uuid}/oppakken/").status_code == 302
    assert "Mijn taken (1)" in lisa.get("/werkplek/taken/").content.decode()

    done = lisa.post(
        f"/werkplek/taken/{taak.uuid}/contact/",
        {
            "contact-kanaal": "telefoon",
            "contact-verslag": "Dakkapel aan de achterkant is vergunningvrij.",
            "contact-uitkomst": "afgerond",
        },
    )
    assert done.status_code == 302
    api_taak = ki.get(f"internetaken/{taak.uuid}").json()
    assert api_taak["status"] == "verwerkt" and api_taak["afgehandeldOp"]
    original = api_taak["aanleidinggevendKlantcontact"]["uuid"]
    [link] = ki.get("onderwerpobjecten", params={"wasKlantcontact__uuid": original}).json()[
        "results"
    ]
    nieuw = ki.get(f"klantcontacten/{link['klantcontact']['uuid']}").json()
    assert (nieuw["indicatieContactGelukt"], nieuw["inhoud"]) == (
        True,
        "Dakkapel aan de achterkant is vergunningvrij.",
    )
    geschiedenis = lisa.get(f"/werkplek/taken/{taak.uuid}/").content.decode()
    for stap in ("Aangemaakt", "Opgepakt", "Contact gehad", "Afgehandeld"):
        assert stap in geschiedenis


def test_c7300_no_answer_keeps_the_task_open(jan, vergunningen, ki: ApiClient):
    terugbelverzoek(medewerker(Rol.KCC_MEDEWERKER, naam="sanne"), jan, vergunningen)
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, vergunningen)
    taak = InterneTaak.objects.get()
    response = lisa.post(
        f"/werkplek/taken/{taak.uuid}/contact/",
        verslag("Geen gehoor", "niet_bereikt"),
    )
    assert response.status_code == 302
    taak.refresh_from_db()
    assert taak.status == "te_verwerken"
    poging = ki.get("klantcontacten", params={"indicatieContactGelukt": "false"}).json()
    [kc] = poging["results"]
    assert kc["verdereActieOndernomen"] is True
    assert "Niet bereikt" in lisa.get(f"/werkplek/taken/{taak.uuid}/").content.decode()


def test_c6114_a_misrouted_task_goes_back_to_the_kcc(jan, vergunningen, ki: ApiClient):
    kcc_team = Actor.objects.create(
        naam="Klantcontactcentrum", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )
    terugbelverzoek(medewerker(Rol.KCC_MEDEWERKER, naam="sanne"), jan, vergunningen)
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, vergunningen)
    taak = InterneTaak.objects.get()
    leeg = lisa.post(
        f"/werkplek/taken/{taak.uuid}/doorzetten/", {"door-naar": "", "door-reden": ""}
    )
    assert leeg.status_code == 400
    assert "Kies aan wie de taak gaat" in leeg.content.decode()
    response = lisa.post(
        f"/werkplek/taken/{taak.uuid}/doorzetten/",
        {
            "door-naar": str(kcc_team.pk),
            "door-reden": "Gaat over bijstand, niet over vergunningen",
            "door-opnieuw_routeren": "on",
        },
    )
    assert response.status_code == 302
    kc = ki.get(
        "klantcontacten", params={"expand": "leiddeTotInterneTaken", "onderwerp": "Dakkapel"}
    ).json()["results"][0]
    taken = {t["status"]: t for t in kc["_expand"]["leiddeTotInterneTaken"]}
    assert set(taken) == {"verwerkt", "te_verwerken"}
    assert taken["verwerkt"]["afgehandeldOp"]
    assert taken["te_verwerken"]["gevraagdeHandeling"] == "Opnieuw routeren"
    assert taken["te_verwerken"]["toegewezenAanActoren"][0]["uuid"] == str(kcc_team.pk)
    # Lisa can still read the old task's history; the new one is not hers.
    nieuw = InterneTaak.objects.get(status="te_verwerken")
    assert lisa.get(f"/werkplek/taken/{nieuw.uuid}/").status_code == 403


def test_only_assignees_act_and_a_teamleader_may_look(jan, vergunningen):
    terugbelverzoek(medewerker(Rol.KCC_MEDEWERKER, naam="sanne"), jan, vergunningen)
    taak = InterneTaak.objects.get()
    kees = medewerker(Rol.BEHANDELAAR, naam="kees")
    assert kees.get(f"/werkplek/taken/{taak.uuid}/").status_code == 403
    for actie, data in (
        ("oppakken", {}),
        ("afhandelen", {"af-toelichting": "Klaar"}),
        ("contact", verslag("x", "afgerond")),
        ("doorzetten", {"door-naar": str(vergunningen.pk), "door-reden": "x"}),
    ):
        assert kees.post(f"/werkplek/taken/{taak.uuid}/{actie}/", data).status_code == 403
    taak.refresh_from_db()
    assert taak.status == "te_verwerken" and Klantcontact.objects.count() == 1
    leider = medewerker(Rol.TEAMLEIDER, naam="ruud")
    page = leider.get(f"/werkplek/taken/{taak.uuid}/").content.decode()
    assert "Dakkapel" in page and "Oppakken" not in page


def test_a_confidential_task_is_not_there_for_a_kcc_employee_even_by_url(jan, vergunningen):
    sanne = medewerker(Rol.KCC_MEDEWERKER, naam="sanne")
    lid(sanne, vergunningen)
    ahmed = medewerker(Rol.BEHANDELAAR, naam="ahmed")
    terugbelverzoek(ahmed, jan, vergunningen, vertrouwelijk="on", onderwerp="Schuldhulp")
    taak = InterneTaak.objects.get()
    assert "Schuldhulp" not in sanne.get("/werkplek/taken/").content.decode()
    assert sanne.get(f"/werkplek/taken/{taak.uuid}/").status_code == 404
    assert sanne.post(f"/werkplek/taken/{taak.uuid}/oppakken/").status_code == 404


def test_a_task_closed_in_another_tab_is_not_closed_twice(jan, vergunningen):
    terugbelverzoek(medewerker(Rol.KCC_MEDEWERKER, naam="sanne"), jan, vergunningen)
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, vergunningen)
    taak = InterneTaak.objects.get()
    url = f"/werkplek/taken/{taak.uuid}/afhandelen/"
    assert lisa.post(url, {"af-toelichting": "Per brief beantwoord"}).status_code == 302
    again = lisa.post(url, {"af-toelichting": "Nog eens"}, follow=True)
    assert "is al afgehandeld" in again.content.decode()
    taak.refresh_from_db()
    assert taak.toelichting == "Per brief beantwoord"


def test_c9761_a_call_back_reveals_work_and_a_zaak_is_made_from_the_task(
    jan, vergunningen, zgw: LocalZgw, ki: ApiClient
):
    terugbelverzoek(medewerker(Rol.KCC_MEDEWERKER, naam="sanne"), jan, vergunningen)
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, vergunningen)
    taak = InterneTaak.objects.get()
    lisa.post(
        f"/werkplek/taken/{taak.uuid}/contact/",
        verslag("Wil een melding doen", "open"),
    )
    page = lisa.get(f"/werkplek/taken/{taak.uuid}/").content.decode()
    assert "Melding openbare ruimte" in page  # zaaktypen from the Catalogi API

    zaaktype = zgw.zaaktype("MOR")["url"]
    geen = lisa.post(f"/werkplek/taken/{taak.uuid}/zaak/", {"zaak-zaaktype": zaaktype})
    assert geen.status_code == 400 and "korte omschrijving" in geen.content.decode()
    assert zgw.objects("zaken") == []

    response = lisa.post(
        f"/werkplek/taken/{taak.uuid}/zaak/",
        {"zaak-zaaktype": zaaktype, "zaak-omschrijving": "Losse stoeptegel"},
    )
    assert response.status_code == 302
    [zaak] = zgw.objects("zaken")
    assert zaak["omschrijving"] == "Losse stoeptegel"
    [rol] = zgw.objects("rollen")
    assert rol["betrokkeneIdentificatie"]["inpBsn"] == bsn(1)
    taak.refresh_from_db()
    assert taak.status == "verwerkt" and zaak["identificatie"] in taak.toelichting
    gevonden = ki.get(
        "klantcontacten",
        params={"onderwerpobject__onderwerpobjectidentificatorObjectId": zaak["uuid"]},
    ).json()["results"]
    assert [kc["inhoud"] for kc in gevonden] == ["Wil een melding doen"]  # the call-back
    drain()
    assert len(zgw.objects("zaakobjecten")) == 1


def test_c2716_a_zaak_from_a_task_links_the_original_contact(
    jan, vergunningen, zgw: LocalZgw, ki: ApiClient
):
    terugbelverzoek(
        medewerker(Rol.KCC_MEDEWERKER, naam="sanne"),
        jan,
        vergunningen,
        gevraagde_handeling="Zaak aanmaken",
    )
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, vergunningen)
    taak = InterneTaak.objects.get()
    response = lisa.post(
        f"/werkplek/taken/{taak.uuid}/zaak/",
        {"zaak-zaaktype": zgw.zaaktype("MOR")["url"], "zaak-omschrijving": "Dakkapel"},
    )
    assert response.status_code == 302
    [zaak] = zgw.objects("zaken")
    [kc] = ki.get(
        "klantcontacten",
        params={"onderwerpobject__onderwerpobjectidentificatorObjectId": zaak["uuid"]},
    ).json()["results"]
    assert kc["uuid"] == str(taak.aanleidinggevend_klantcontact_id)
    assert kc["hoofdOnderwerpType"] == zgw.zaaktype("MOR")["url"]


def test_c3155_a_departments_questions_go_with_the_call_back_request(jan, vergunningen, ki):
    from klantbeeld.workspace.models import Vragenset

    Vragenset.objects.create(
        code="vergunningen-dakkapel",
        naam="Vergunningen: dakkapel",
        vragen="adres: Op welk adres komt de dakkapel?\nzijde: Voor- of achterkant?",
    )
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    # Without JavaScript: asking for the questions shows the form again, as typed.
    shown = kcc.post(
        f"/werkplek/klanten/{jan.uuid}/contact/",
        {"onderwerp": "Dakkapel", "vragenset": "vergunningen-dakkapel", "toon_vragen": "1"},
    )
    page = shown.content.decode()
    assert shown.status_code == 200 and "Op welk adres komt de dakkapel?" in page
    assert 'value="Dakkapel"' in page and "Fout:" not in page
    assert not Klantcontact.objects.exists()

    response = terugbelverzoek(
        kcc,
        jan,
        vergunningen,
        vragenset="vergunningen-dakkapel",
        antwoord_adres="Dorpsstraat 5",
        antwoord_zijde="Achterkant",
    )
    assert response.status_code == 302
    [kc] = ki.get("klantcontacten", params={"expand": "leiddeTotInterneTaken"}).json()["results"]
    assert kc["metadata"] == {
        "vragenset": "vergunningen-dakkapel",
        "adres": "Dorpsstraat 5",
        "zijde": "Achterkant",
    }
    [taak] = kc["_expand"]["leiddeTotInterneTaken"]
    assert taak["toelichting"] == (
        "Alleen maandag 14-16 uur\nOp welk adres komt de dakkapel? Dorpsstraat 5\n"
        "Voor- of achterkant? Achterkant"
    )


def test_a_question_set_needs_unique_keys(db):
    from django.core.exceptions import ValidationError

    from klantbeeld.workspace.models import Vragenset

    with pytest.raises(ValidationError, match="één keer"):
        Vragenset(code="x", naam="X", vragen="a: Een?\na: Twee?").full_clean()
    with pytest.raises(ValidationError, match="minstens één vraag"):
        Vragenset(code="y", naam="Y", vragen="\n  \n").full_clean()
    assert Vragenset(code="z", naam="Z", vragen="Wat is uw adres?").vragenlijst() == [
        ("wat-is-uw-adres", "Wat is uw adres?")
    ]


def test_a_long_toelichting_with_answers_is_shortened_not_refused(jan, vergunningen, ki):
    from klantbeeld.workspace.models import Vragenset

    Vragenset.objects.create(code="x", naam="X", vragen="a: Vraag A?\nb: Vraag B?")
    response = terugbelverzoek(
        medewerker(Rol.KCC_MEDEWERKER),
        jan,
        vergunningen,
        toelichting="t" * 990,
        vragenset="x",
        antwoord_a="a" * 200,
        antwoord_b="b" * 200,
    )
    assert response.status_code == 302
    taak = InterneTaak.objects.get()
    assert len(taak.toelichting) == 1000 and taak.toelichting.endswith("…")
    kc = taak.aanleidinggevend_klantcontact
    assert kc.metadata == {"vragenset": "x", "a": "a" * 200, "b": "b" * 200}


def test_a_representatives_call_back_keeps_the_customer_and_the_zaak_is_theirs(
    vergunningen, zgw, ki
):
    marie = persoon("Marie", "de Wit")
    nummer(marie, "bsn", bsn(2))
    zoon = persoon("Peter", "de Wit")
    nummer(zoon, "bsn", bsn(3))
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    kcc.post(
        f"/werkplek/klanten/{marie.uuid}/contact/",
        {
            "kanaal": "balie",
            "onderwerp": "Parkeren",
            "gelukt": "ja",
            "vertegenwoordiger_nummer": bsn(3),
            "toegewezen_aan": str(vergunningen.pk),
            "gevraagde_handeling": "Terugbellen",
        },
    )
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, vergunningen)
    taak = InterneTaak.objects.get()
    lisa.post(f"/werkplek/taken/{taak.uuid}/contact/", verslag("Gebeld", "open"))
    vervolg = Klantcontact.objects.exclude(pk=taak.aanleidinggevend_klantcontact_id).get()
    assert {(b.was_partij, b.rol, b.initiator) for b in vervolg.betrokkenen.all()} == {
        (zoon, "vertegenwoordiger", False),
        (marie, "klant", False),
    }
    lisa.post(
        f"/werkplek/taken/{taak.uuid}/zaak/",
        {"zaak-zaaktype": zgw.zaaktype("MOR")["url"], "zaak-omschrijving": "Parkeren"},
    )
    [rol] = zgw.objects("rollen")
    assert rol["betrokkeneIdentificatie"]["inpBsn"] == bsn(2)  # Marie, not her son


def test_a_call_back_recorded_twice_by_a_double_click_is_recorded_once(jan, vergunningen):
    import uuid

    terugbelverzoek(medewerker(Rol.KCC_MEDEWERKER, naam="sanne"), jan, vergunningen)
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, vergunningen)
    taak = InterneTaak.objects.get()
    body = {**verslag("Geen gehoor", "niet_bereikt"), "contact-inzending": str(uuid.uuid4())}
    assert lisa.post(f"/werkplek/taken/{taak.uuid}/contact/", body).status_code == 302
    tweede = lisa.post(f"/werkplek/taken/{taak.uuid}/contact/", body, follow=True)
    assert "Dit formulier was al verzonden" in tweede.content.decode()
    assert Klantcontact.objects.count() == 2  # the request and one attempt


def test_r7_the_kind_of_address_the_task_asks_for_comes_first(jan, vergunningen):
    terugbelverzoek(
        medewerker(Rol.KCC_MEDEWERKER, naam="sanne"),
        jan,
        vergunningen,
        gevraagde_handeling="Beantwoorden per e-mail",
    )
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    lid(lisa, vergunningen)
    page = lisa.get(f"/werkplek/taken/{InterneTaak.objects.get().uuid}/").content.decode()
    # The number left for this contact, but the task asks for an answer by e-mail.
    assert page.index("jan@example.nl") < page.index("06 1234 5678")
