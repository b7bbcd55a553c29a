"""Open Inwoner's "Mijn vragen" on Open Klant 2 (maykinmedia/open-inwoner).

Facts from ``src/open_inwoner/openklant/services.py`` (``OpenKlant2Service``: create_question,
create_answer, klantcontacten_for_partij, questions_for_partij, OpenKlant2Question /
OpenKlant2Answer) and ``src/openklant2`` (its copy of the Open Klant client, which, like
open-klant-client, refuses an answer whose Content-Type is not application/json),
summarised in /work/research/consumers.md. The configuration names a kanaal and an actor
(``mijn_vragen_kanaal``, ``mijn_vragen_actor``: the uuid of an actor the municipality made).

- a question: ``POST /klantcontacten`` (inhoud, onderwerp, taal ``nld``, the kanaal,
  vertrouwelijk false, plaatsgevondenOp now), ``POST /betrokkenen`` (klant, initiator,
  ``wasPartij``, organisatienaam "Open Inwoner Platform"), ``POST /internetaken``
  (status ``te_verwerken``, ``toegewezenAanActor`` the configured actor);
- an answer (made by the municipality's system): a klantcontact with a betrokkene and an
  onderwerpobject ``{klantcontact: answer, wasKlantcontact: question}`` (no identificator);
- the list: ``GET /klantcontacten?kanaal=…&expand=leiddeTotInterneTaken,
  gingOverOnderwerpobjecten,hadBetrokkenen,hadBetrokkenen.wasPartij``, every page, kept
  where ``_expand.hadBetrokkenen[*].wasPartij.uuid`` holds the partij; a row with
  ``gingOverOnderwerpobjecten`` is an answer, whose question is found with
  ``GET /onderwerpobjecten/{uuid}`` → ``wasKlantcontact.uuid``; from each row it reads
  ``uuid``, ``url``, ``inhoud``, ``onderwerp``, ``kanaal``, ``taal``, ``nummer`` and
  ``plaatsgevondenOp`` (``datetime.fromisoformat``).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.consumers.conftest import Server, json_answer

EXPAND = "leiddeTotInterneTaken,gingOverOnderwerpobjecten,hadBetrokkenen,hadBetrokkenen.wasPartij"


class OpenInwoner:
    """The calls of OpenKlant2Service, with one configured kanaal and actor."""

    def __init__(self, server: Server, kanaal: str) -> None:
        self.root = server.klantinteracties
        self.http = server.session()
        self.kanaal = kanaal
        self.actor = self._post(
            "actoren",
            {
                "naam": "KCC Mijn vragen",
                "soortActor": "organisatorische_eenheid",
                "indicatieActief": True,
                "actoridentificator": {
                    "objectId": "kcc",
                    "codeObjecttype": "afd",
                    "codeRegister": "obj",
                    "codeSoortObjectId": "idf",
                },
            },
        )["uuid"]

    def _get(self, path: str, params: dict[str, str] | None = None) -> Any:
        return json_answer(self.http.get(f"{self.root}/{path}", params=params, timeout=30), 200)

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        return json_answer(self.http.post(f"{self.root}/{path}", json=body, timeout=30), 201)

    def create_partij(self, voornaam: str, achternaam: str) -> dict[str, Any]:
        return self._post(  # type: ignore[no-any-return]
            "partijen",
            {
                "digitaleAdressen": None,
                "voorkeursDigitaalAdres": None,
                "rekeningnummers": None,
                "voorkeursRekeningnummer": None,
                "indicatieGeheimhouding": False,
                "indicatieActief": True,
                "voorkeurstaal": "nld",
                "soortPartij": "persoon",
                "partijIdentificatie": {
                    "contactnaam": {
                        "voornaam": voornaam,
                        "achternaam": achternaam,
                        "voorletters": "",
                        "voorvoegselAchternaam": "",
                    }
                },
            },
        )

    def _contact_with_klant(self, partij: str, inhoud: str, onderwerp: str) -> dict[str, Any]:
        """A klantcontact with the resident as initiating betrokkene: how Open Inwoner
        records both a question and an answer."""
        klantcontact = self._post(
            "klantcontacten",
            {
                "inhoud": inhoud,
                "onderwerp": onderwerp,
                "taal": "nld",
                "kanaal": self.kanaal,
                "vertrouwelijk": False,
                "plaatsgevondenOp": datetime.datetime.now(datetime.UTC).isoformat(),
            },
        )
        self._post(
            "betrokkenen",
            {
                "rol": "klant",
                "hadKlantcontact": {"uuid": klantcontact["uuid"]},
                "initiator": True,
                "wasPartij": {"uuid": partij},
                "organisatienaam": "Open Inwoner Platform",
            },
        )
        return klantcontact

    def create_question(self, partij: str, question: str, subject: str) -> dict[str, Any]:
        klantcontact = self._contact_with_klant(partij, question, subject)
        taak = self._post(
            "internetaken",
            {
                "aanleidinggevendKlantcontact": {"uuid": klantcontact["uuid"]},
                "toelichting": "Beantwoorden vraag",
                "gevraagdeHandeling": "Vraag beantwoorden in aanleiding gevend klant contact",
                "status": "te_verwerken",
                "toegewezenAanActor": {"uuid": self.actor},
            },
        )
        assert taak["aanleidinggevendKlantcontact"]["uuid"] == klantcontact["uuid"]
        return question_from(klantcontact)

    def create_answer(self, partij: str, question: str, answer: str) -> dict[str, Any]:
        asked = self._get(f"klantcontacten/{question}")
        klantcontact = self._contact_with_klant(partij, answer, asked["onderwerp"])
        self._post(
            "onderwerpobjecten",
            {"klantcontact": {"uuid": klantcontact["uuid"]}, "wasKlantcontact": {"uuid": question}},
        )
        return klantcontact  # type: ignore[no-any-return]

    def klantcontacten_for_partij(self, partij: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        page = self._get("klantcontacten", {"expand": EXPAND, "kanaal": self.kanaal})
        while True:
            rows.extend(page["results"])
            if not page["next"]:
                break
            page = json_answer(self.http.get(page["next"], timeout=30), 200)
        # glom(row, ("_expand.hadBetrokkenen", ["wasPartij.uuid"])): a KeyError (or a
        # None) anywhere on that path breaks the page.
        return [
            row
            for row in rows
            if partij
            in [betrokkene["wasPartij"]["uuid"] for betrokkene in row["_expand"]["hadBetrokkenen"]]
        ]

    def questions_for_partij(self, partij: str) -> list[dict[str, Any]]:
        by_uuid: dict[str, dict[str, Any]] = {}
        answers: dict[str, str] = {}
        questions: list[str] = []
        for row in self.klantcontacten_for_partij(partij):
            by_uuid[row["uuid"]] = row
            if onderwerpobjecten := row["gingOverOnderwerpobjecten"]:
                onderwerpobject = self._get(f"onderwerpobjecten/{onderwerpobjecten[0]['uuid']}")
                if not onderwerpobject["wasKlantcontact"]:
                    continue
                answers[onderwerpobject["wasKlantcontact"]["uuid"]] = row["uuid"]
            else:
                questions.append(row["uuid"])
        result = []
        for question in questions:
            answer = by_uuid.get(answers.get(question, ""))
            result.append(question_from(by_uuid[question], answer))
        return sorted(result, key=lambda q: q["plaatsgevonden_op"])


def question_from(
    klantcontact: dict[str, Any], answer: dict[str, Any] | None = None
) -> dict[str, Any]:
    """OpenKlant2Question.from_klantcontact_and_answer (+ OpenKlant2Answer)."""
    assert klantcontact["inhoud"] is not None
    return {
        "question": klantcontact["inhoud"],
        "question_kcm_uuid": klantcontact["uuid"],
        "onderwerp": klantcontact["onderwerp"],
        "kanaal": klantcontact["kanaal"],
        "taal": klantcontact["taal"],
        "nummer": klantcontact["nummer"],
        "plaatsgevonden_op": datetime.datetime.fromisoformat(klantcontact["plaatsgevondenOp"]),
        "url": klantcontact["url"],
        "answer": None
        if answer is None
        else {
            "answer": answer["inhoud"],
            "answer_kcm_uuid": answer["uuid"],
            "nummer": answer["nummer"],
            "plaatsgevonden_op": datetime.datetime.fromisoformat(answer["plaatsgevondenOp"]),
        },
    }


@pytest.fixture
def open_inwoner(server: Server) -> Iterator[OpenInwoner]:
    # A kanaal of its own: the served database is shared by every flow of the session.
    open_inwoner = OpenInwoner(server, kanaal=f"mijn-vragen-{uuid.uuid4().hex[:8]}")
    yield open_inwoner
    open_inwoner.http.close()  # before the live server's database goes


def test_mijn_vragen_question_task_and_answer(open_inwoner: OpenInwoner) -> None:
    partij = open_inwoner.create_partij("Anna", "Vries")["uuid"]
    other = open_inwoner.create_partij("Piet", "Jansen")["uuid"]

    asked = open_inwoner.create_question(partij, "Wanneer wordt mijn container geleegd?", "Afval")
    open_inwoner.create_question(other, "Hoe vraag ik een parkeervergunning aan?", "Parkeren")
    assert asked["nummer"] and asked["kanaal"] == open_inwoner.kanaal

    (listed,) = open_inwoner.questions_for_partij(partij)
    assert listed["question_kcm_uuid"] == asked["question_kcm_uuid"]
    assert listed["answer"] is None

    row = open_inwoner.klantcontacten_for_partij(partij)[0]
    (taak,) = row["_expand"]["leiddeTotInterneTaken"]
    assert taak["status"] == "te_verwerken"
    assert taak["toegewezenAanActor"]["uuid"] == open_inwoner.actor

    open_inwoner.create_answer(partij, asked["question_kcm_uuid"], "Elke dinsdag.")
    (answered,) = open_inwoner.questions_for_partij(partij)
    assert answered["question_kcm_uuid"] == asked["question_kcm_uuid"]
    assert answered["answer"]["answer"] == "Elke dinsdag."


def test_non_json_answer_is_refused_like_open_inwoner_does(open_inwoner: OpenInwoner) -> None:
    """Open Inwoner's client raises on anything but application/json, errors included;
    a refused task must come back as a JSON error it can log."""
    response = open_inwoner.http.post(
        f"{open_inwoner.root}/internetaken",
        json={
            "gevraagdeHandeling": "x",
            "status": "te_verwerken",
            "toegewezenAanActor": {"uuid": open_inwoner.actor},
        },
        timeout=30,
    )
    body = json_answer(response, 400)
    assert {"type", "code", "title", "status", "detail", "instance", "invalidParams"} <= body.keys()
    assert "aanleidinggevendKlantcontact" in [p["name"] for p in body["invalidParams"]]
