"""``klantbeeld bench-inzicht``: the dashboards, their exports and the BI API timed on a
register of the given size, and what keeping the figures current costs a klantcontact
write (docs/performance.md)."""

from __future__ import annotations

import datetime
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.test import Client
from django.utils import timezone

from klantbeeld.api.clients.models import ApiClient
from klantbeeld.domain.models import Actor, Partij
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services import changes
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Contactaanmelding, Deelnemer, registreer_contact
from klantbeeld.insight import cijfers, markeren
from klantbeeld.workspace.roles import Rol

BY = ChangeContext(applicatie="bench-inzicht")


@dataclass
class Meting:
    naam: str
    tijden: list[float]

    def regel(self) -> str:
        tijden = sorted(self.tijden)
        p95 = tijden[min(len(tijden) - 1, round(0.95 * (len(tijden) - 1)))]
        return (
            f"| {self.naam} | {len(tijden)} | {statistics.median(tijden) * 1000:.0f} | "
            f"{p95 * 1000:.0f} | {tijden[-1] * 1000:.0f} |"
        )


def meet(naam: str, keren: int, doe: Callable[[], object]) -> Meting:
    tijden = []
    for _ in range(keren):
        begin = time.perf_counter()
        doe()
        tijden.append(time.perf_counter() - begin)
    return Meting(naam, tijden)


def werkplek() -> Client:
    user, _ = User.objects.get_or_create(username="bench-management")
    user.groups.add(Group.objects.get(name=Rol.MANAGEMENT.value))
    client = Client(HTTP_HOST="localhost")
    client.force_login(user, backend="klantbeeld.workspace.oidc.OidcBackend")
    session = client.session
    session["oidc_id_token_expiration"] = time.time() + 24 * 3600
    session.save()
    return client


def bi_sleutel() -> str:
    client = ApiClient.objects.filter(client_id="bench-inzicht").first() or ApiClient(
        naam="bench-inzicht", client_id="bench-inzicht", scopes=["inzicht"]
    )
    token = client.new_token()
    client.save()
    return f"Token {token}"


def _ok(antwoord: object) -> None:
    status = getattr(antwoord, "status_code", 0)
    if status != 200:
        raise RuntimeError(f"Antwoord {status}: {getattr(antwoord, 'content', b'')[:300]!r}")


def _get(client: Client, pad: str, params: dict[str, str], **headers: Any) -> Callable[[], None]:
    def vraag() -> None:
        _ok(client.get(pad, params, **headers))

    return vraag


def dashboards(keren: int) -> list[Meting]:
    client = werkplek()
    team = Actor.objects.filter(soort_actor=SoortActor.ORGANISATORISCHE_EENHEID).first()
    vragen = {
        "Dashboard, 7 days": {"periode": "7"},
        "Dashboard, 30 days (default)": {},
        "Dashboard, 90 days": {"periode": "90"},
        "Dashboard, 365 days": {"periode": "365"},
        "Dashboard, 365 days, one team": {"periode": "365", "team": str(team.pk) if team else ""},
        "Dashboard, 365 days, channel telefoon": {"periode": "365", "kanaal": "telefoon"},
    }
    metingen = []
    for naam, params in vragen.items():
        _ok(client.get("/werkplek/inzicht/", params))  # warm
        metingen.append(meet(naam, keren, _get(client, "/werkplek/inzicht/", params)))
    for sectie in cijfers.SECTIES:
        for formaat in ("csv", "xlsx"):
            pad = f"/werkplek/inzicht/{sectie}.{formaat}"
            metingen.append(
                meet(
                    f"Export {sectie}.{formaat}, 365 days",
                    max(3, keren // 3),
                    _get(client, pad, {"periode": "365"}),
                )
            )
    return metingen


def api(keren: int) -> list[Meting]:
    client = Client(HTTP_HOST="localhost")
    sleutel = bi_sleutel()
    vandaag = timezone.localdate()
    vanaf = (vandaag - datetime.timedelta(days=364)).isoformat()
    metingen = []
    for sectie in cijfers.SECTIES:
        pad = f"/inzicht/api/v1/secties/{sectie}"
        metingen.append(
            meet(
                f"API {sectie}, 365 days",
                keren,
                _get(client, pad, {"vanaf": vanaf}, HTTP_AUTHORIZATION=sleutel),
            )
        )
    return metingen


def registerkosten(keren: int, seed: int = 7) -> list[Meting]:
    """One klantcontact registered (a call, a known customer), in a transaction as a
    request does, with and without the insight listener."""
    rng = random.Random(seed)
    actor = Actor.objects.filter(soort_actor=SoortActor.MEDEWERKER).first()
    aantal = Partij.objects.count()
    partijen = list(
        Partij.objects.order_by("pk").values_list("pk", flat=True)[
            rng.randint(0, max(0, aantal - 1000)) :
        ][:1000]
    )

    def schrijf() -> None:
        partij = Partij.objects.get(pk=rng.choice(partijen))
        with transaction.atomic():
            registreer_contact(
                Contactaanmelding(
                    kanaal="telefoon",
                    onderwerp="Afvalkalender",
                    inhoud="Bench",
                    deelnemers=[Deelnemer(partij=partij)],
                    actoren=[actor] if actor else [],
                ),
                BY,
            )

    luisteraar = markeren.bij_wijziging
    metingen = []
    changes._listeners.remove(luisteraar)
    try:
        meet("warm", 20, schrijf)
        metingen.append(meet("Klantcontact write, without the insight listener", keren, schrijf))
    finally:
        changes.listen(luisteraar)
    metingen.append(meet("Klantcontact write, with the insight listener", keren, schrijf))
    begin = time.perf_counter()
    dagen = markeren.werk_markeringen_bij()
    metingen.append(
        Meting(f"Worker: recompute the {dagen} marked day(s)", [time.perf_counter() - begin])
    )
    return metingen


def tabel(metingen: list[Meting], titel: str) -> str:
    regels = [
        f"### {titel}",
        "",
        "| Request | n | p50 ms | p95 ms | max ms |",
        "|---|---|---|---|---|",
    ]
    return "\n".join(regels + [m.regel() for m in metingen])
