"""A demo chatbot: a small rule-based "virtuele assistent" as a municipality runs beside
its chat, talking to Klantbeeld as a real one would (docs/chatbot.md).

It receives the visitor's messages Klantbeeld passes on (``POST /berichten``, signed as
Standard Webhooks prescribe with the shared secret; a bad or old signature is a 401,
a message seen before is answered 204 and not handled again) and answers through the
chatbot API with its token:

- opening hours and the waste calendar it answers itself, then asks whether there is
  more; "nee" closes the conversation (C1242), after which the widget asks the visitor's
  rating (C7352): asked before the close, the rating would be in the transcript and so in
  the klantcontact;
- "medewerker", or anything it does not know, hands over to the agents' queue with a
  summary (C9309);
- "terugbellen" asks a name and a phone number and files a call-back (C9476);
- "klacht" asks the KCC to read the chat and decide (C4374);
- "parkeervergunning" for a logged-in visitor asks the licence plate, stores the
  submission in the Objecten API (when given) and registers it on the chat (C5479).

    python -m standins.chatbot --port 8014 --api http://127.0.0.1:8000/chatbot/api/v1 \\
        --token-env BOT_TOKEN --secret-env KLANTBEELD_CHATBOT_SECRET
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import os
import queue
import threading
import time
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from standins.cli import command_parser, serve_until_stopped
from standins.http import LoopbackServer, Reply

TOLERANTIE = 300  # seconds a signature's timestamp may differ from the clock

AFVAL = (
    "Het oud papier wordt elke tweede woensdag van de maand opgehaald, de groene bak "
    "elke dinsdag. Kijk voor uw adres in de afvalkalender op de website."
)
OPENINGSTIJDEN = "Het gemeentehuis is open op werkdagen van 9.00 tot 17.00 uur."
NOG_IETS = "Kan ik u nog ergens anders mee helpen? (ja/nee)"


def verify(secret: str, headers: Mapping[str, str], body: bytes) -> bool:
    """The Standard Webhooks check: HMAC-SHA256 over ``id.timestamp.body`` with the
    secret's bytes (base64 after ``whsec_``; another text as its UTF-8 bytes)."""
    headers = {k.lower(): v for k, v in headers.items()}
    try:
        moment = int(headers["webhook-timestamp"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - moment) > TOLERANTIE:
        return False
    sleutel = (
        base64.b64decode(secret.removeprefix("whsec_"))
        if secret.startswith("whsec_")
        else secret.encode()
    )
    getekend = f"{headers.get('webhook-id', '')}.{moment}.".encode() + body
    verwacht = (
        "v1," + base64.b64encode(hmac.new(sleutel, getekend, hashlib.sha256).digest()).decode()
    )
    return any(
        hmac.compare_digest(verwacht, h) for h in headers.get("webhook-signature", "").split()
    )


@dataclass
class Gesprek:
    """What the bot remembers of one conversation."""

    stap: str = ""
    vraag: str = ""
    antwoord: str = ""
    naam: str = ""
    bekend: bool = False


@dataclass
class Objecten:
    """Where the bot stores a form's submission (an Objecten API)."""

    url: str
    token: str
    objecttype: str


@dataclass
class Chatbot:
    api: str
    token: str
    secret: str
    objecten: Objecten | None = None
    gesprekken: dict[str, Gesprek] = field(default_factory=dict)
    gezien: set[str] = field(default_factory=set)
    fouten: list[str] = field(default_factory=list)
    werk: queue.Queue[dict[str, Any] | None] = field(default_factory=queue.Queue)

    # -- receiving -------------------------------------------------------------------------

    def ontvang(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Reply:
        if method != "POST" or target.split("?")[0] != "/berichten":
            return Reply(404, b'{"detail": "Niet gevonden."}')
        if not verify(self.secret, headers, body):
            return Reply(401, b'{"detail": "Ongeldige handtekening."}')
        bericht = json.loads(body)
        if bericht["id"] not in self.gezien:  # Klantbeeld sends again after a failure
            self.gezien.add(bericht["id"])
            self.werk.put(bericht)
        return Reply(204, b"")

    def verwerk_alles(self) -> None:
        """One message after another, in the order they came (a thread of its own)."""
        while (bericht := self.werk.get()) is not None:
            try:
                self.antwoord_op(bericht)
            except Exception as fout:
                self.fouten.append(f"{type(fout).__name__}: {fout}")

    # -- deciding --------------------------------------------------------------------------

    def antwoord_op(self, bericht: dict[str, Any]) -> None:
        uuid_ = bericht["gesprek"]
        gesprek = self.gesprekken.setdefault(uuid_, Gesprek())
        gesprek.bekend = bool(bericht.get("bezoekerBekend"))
        tekst = str(bericht["bericht"]["tekst"]).strip()
        laag = tekst.lower()
        stap, gesprek.stap = gesprek.stap, ""
        if stap == "naam":
            gesprek.naam = tekst
            gesprek.stap = "nummer"
            return self.zeg(uuid_, "Op welk telefoonnummer kunnen we u terugbellen?")
        if stap == "nummer":
            return self.terugbellen(uuid_, gesprek, tekst)
        if stap == "kenteken":
            return self.formulier(uuid_, gesprek, tekst)
        if stap == "nog_iets" and laag in {"nee", "nee dank je", "nee, bedankt", "nee bedankt"}:
            return self.sluit(uuid_, gesprek)
        if "medewerker" in laag:
            return self.draag_over(uuid_, gesprek, tekst)
        if "terugbel" in laag:
            gesprek.vraag = gesprek.vraag or tekst
            gesprek.stap = "naam"
            return self.zeg(uuid_, "Dan bellen we u terug. Wat is uw naam?")
        if "klacht" in laag:
            return self.taak(uuid_, gesprek, tekst)
        if "parkeervergunning" in laag and gesprek.bekend and self.objecten is not None:
            gesprek.vraag = tekst
            gesprek.stap = "kenteken"
            return self.zeg(uuid_, "Ik vraag de vergunning voor u aan. Wat is het kenteken?")
        for woorden, antwoord in (
            (("openingstijd", "open", "geopend"), OPENINGSTIJDEN),
            (("afval", "oud papier", "container", "groene bak", "vuilnis"), AFVAL),
        ):
            if any(woord in laag for woord in woorden):
                gesprek.vraag, gesprek.antwoord, gesprek.stap = tekst, antwoord, "nog_iets"
                return self.zeg(uuid_, f"{antwoord} {NOG_IETS}")
        if stap == "nog_iets" and laag.startswith("ja"):
            return self.zeg(uuid_, "Wat wilt u nog weten?")
        if laag in {"hallo", "hoi", "goedemorgen", "goedemiddag", "goedenavond"}:
            return self.zeg(uuid_, "Hallo! Ik ben de virtuele assistent. Waarmee kan ik u helpen?")
        self.zeg(uuid_, "Dat weet ik helaas niet.")
        self.draag_over(uuid_, gesprek, tekst)

    # -- acting through the chatbot API --------------------------------------------------

    def zeg(self, gesprek: str, tekst: str) -> None:
        self.post(
            f"gesprekken/{gesprek}/berichten",
            {"afzender": "bot", "tekst": tekst, "clientId": uuid.uuid4().hex},
        )

    def draag_over(self, uuid_: str, gesprek: Gesprek, tekst: str) -> None:
        self.zeg(uuid_, "Ik verbind u door met een medewerker.")
        self.post(
            f"gesprekken/{uuid_}/overdracht",
            {"samenvatting": f"De bezoeker vroeg: {gesprek.vraag or tekst}"[:2000]},
        )

    def terugbellen(self, uuid_: str, gesprek: Gesprek, nummer: str) -> None:
        self.zeg(uuid_, f"Dank u, {gesprek.naam}. Een medewerker belt u zo snel mogelijk terug.")
        self.post(
            f"gesprekken/{uuid_}/terugbelverzoek",
            {
                "naam": gesprek.naam,
                "telefoonnummer": nummer,
                "vraag": gesprek.vraag[:1000] or "Terugbelverzoek uit de chat",
                "samenvatting": "De virtuele assistent kon de vraag niet beantwoorden.",
            },
        )
        self.gesprekken.pop(uuid_, None)

    def taak(self, uuid_: str, gesprek: Gesprek, tekst: str) -> None:
        self.post(f"gesprekken/{uuid_}/taak", {"vraag": tekst[:1000]})
        gesprek.vraag = tekst
        gesprek.antwoord = "Uw klacht is doorgezet naar het klantcontactcentrum."
        gesprek.stap = "nog_iets"
        self.zeg(uuid_, f"{gesprek.antwoord} Een medewerker bekijkt hem. {NOG_IETS}")

    def formulier(self, uuid_: str, gesprek: Gesprek, kenteken: str) -> None:
        assert self.objecten is not None
        inzending = self.bewaar_inzending(kenteken)
        gesprek.antwoord = f"Uw aanvraag voor een parkeervergunning ({kenteken}) is ingediend."
        self.post(
            f"gesprekken/{uuid_}/formulier",
            {
                "formulier": {"codeObjecttype": "productaanvraag", "objectId": inzending},
                "naam": "Aanvraag parkeervergunning",
                "vraag": gesprek.vraag[:1000],
                "antwoord": gesprek.antwoord,
            },
        )
        gesprek.stap = "nog_iets"
        self.zeg(uuid_, f"{gesprek.antwoord} {NOG_IETS}")

    def bewaar_inzending(self, kenteken: str) -> str:
        """The submission as the form engine stores it (an object of ``productaanvraag``)."""
        assert self.objecten is not None
        record = {
            "typeVersion": 1,
            "data": {
                "type": "Parkeervergunning",
                "data": {"kenteken": kenteken},
                "submission_id": str(uuid.uuid4()),
                "language_code": "nl",
            },
            "startAt": datetime.date.today().isoformat(),
        }
        antwoord = httpx.post(
            f"{self.objecten.url.rstrip('/')}/objects",
            json={"type": self.objecten.objecttype, "record": record},
            headers={"Authorization": f"Token {self.objecten.token}", "Content-Crs": "EPSG:4326"},
            timeout=10,
        )
        antwoord.raise_for_status()
        return str(antwoord.json()["uuid"])

    def sluit(self, uuid_: str, gesprek: Gesprek) -> None:
        self.zeg(uuid_, "Graag gedaan. Fijne dag!")
        self.post(
            f"gesprekken/{uuid_}/afsluiting",
            {"vraag": gesprek.vraag[:1000], "antwoord": gesprek.antwoord[:4000]},
        )
        self.gesprekken.pop(uuid_, None)

    def post(self, pad: str, body: dict[str, Any]) -> dict[str, Any]:
        antwoord = httpx.post(
            f"{self.api.rstrip('/')}/{pad}",
            json=body,
            headers={"Authorization": self.token},
            timeout=10,
        )
        if antwoord.status_code >= 400:
            raise RuntimeError(f"{pad}: HTTP {antwoord.status_code} {antwoord.text[:300]}")
        resultaat: dict[str, Any] = antwoord.json()
        return resultaat


@contextmanager
def chatbot(
    *,
    api: str,
    token: str,
    secret: str,
    objecten: Objecten | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
) -> Iterator[tuple[Chatbot, str]]:
    """The bot on ``host:port`` (0: a free port) for the block: itself and its URL for
    KLANTBEELD_CHATBOT_URL."""
    server = LoopbackServer(host, port)
    bot = Chatbot(
        api=api,
        token=token if " " in token else f"Token {token}",
        secret=secret,
        objecten=objecten,
    )
    verwerker = threading.Thread(target=bot.verwerk_alles, daemon=True)
    verwerker.start()
    try:
        with server.serving(
            bot.ontvang, lambda melding: Reply(500, json.dumps({"detail": melding}).encode())
        ):
            yield bot, f"{server.url}/berichten"
    finally:
        bot.werk.put(None)
        verwerker.join(5)


def main(argv: Sequence[str] | None = None) -> int:
    import standins.chatbot as package

    parser = command_parser(package, 8014)
    parser.add_argument("--api", required=True, help="the chatbot API, e.g. …/chatbot/api/v1")
    parser.add_argument("--token-env", required=True, metavar="VARIABLE")
    parser.add_argument("--secret-env", required=True, metavar="VARIABLE")
    parser.add_argument("--objecten", metavar="URL", help="Objecten API root for submissions")
    parser.add_argument("--objecten-token-env", metavar="VARIABLE")
    parser.add_argument("--objecttype", metavar="URL", help="the productaanvraag objecttype")
    options = parser.parse_args(argv)
    for variable in (options.token_env, options.secret_env):
        if not os.environ.get(variable):
            parser.error(f"environment variable {variable} is not set")
    objecten = None
    if options.objecten and options.objecten_token_env and options.objecttype:
        objecten = Objecten(
            options.objecten, os.environ.get(options.objecten_token_env, ""), options.objecttype
        )

    def ready(served: tuple[Chatbot, str]) -> None:
        print(f"Chatbot (demo) ontvangt op {served[1]}", flush=True)

    return serve_until_stopped(
        lambda: chatbot(
            api=options.api,
            token=os.environ[options.token_env],
            secret=os.environ[options.secret_env],
            objecten=objecten,
            host=options.host,
            port=options.port,
        ),
        ready,
    )


if __name__ == "__main__":
    raise SystemExit(main())
