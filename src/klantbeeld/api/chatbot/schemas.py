"""What the chatbot API takes and answers (camelCase, as Klantbeeld's other APIs)."""

from __future__ import annotations

import datetime
from typing import Literal
from uuid import UUID

from pydantic import Field

from klantbeeld.api.common.schemas import ApiSchema, ReferenceOut, Url
from klantbeeld.api.intake.schemas import ActorRef, Identiteit

Status = Literal["bot", "wachtrij", "actief", "afgesloten"]
LEZEN_EN_BEPALEN = "Lezen en bepalen benodigde actie"


class GesprekIn(ApiSchema):
    naam: str = Field("", max_length=200, description="De naam die de bezoeker opgaf.")
    pagina: str = Field("", max_length=1000, description="De pagina waarop de chat begon.")
    onderwerp: str = Field("", max_length=200)
    partij_ticket: str = Field(
        "",
        max_length=2000,
        description="Het ticket dat de widget op een pagina van MijnGemeente krijgt voor de "
        "ingelogde bezoeker (DigiD, eHerkenning): koppelt het gesprek aan diens partij.",
    )
    identiteit: Identiteit | None = Field(
        None,
        description="Een BSN of KVK-nummer dat de chatbot zelf door inloggen vaststelde; "
        "alleen met scope intake.identiteit.",
    )


class BijlageOut(ApiSchema):
    naam: str
    type: str


class BerichtOut(ApiSchema):
    volgnummer: int
    afzender: Literal["bezoeker", "bot", "medewerker", "systeem"]
    naam: str
    tekst: str
    client_id: str
    bijlage: BijlageOut | None
    verzonden_op: datetime.datetime
    gelezen: bool


class KlantcontactRef(ApiSchema):
    uuid: UUID
    url: Url
    referentienummer: str


class GesprekOut(ApiSchema):
    uuid: UUID
    url: Url
    kanaal: str
    status: Status
    onderwerp: str
    bezoeker_bekend: bool = Field(description="Of de bezoeker is ingelogd of geïdentificeerd.")
    positie: int | None = Field(description="Plaats in de wachtrij (1 is de volgende).")
    laatste_volgnummer: int
    waardering: int | None
    klantcontact: KlantcontactRef | None
    gestart_op: datetime.datetime
    afgesloten_op: datetime.datetime | None


class BerichtIn(ApiSchema):
    afzender: Literal["bot", "bezoeker"] = Field(
        description="bot: een beurt van de chatbot; bezoeker: een beurt van de bezoeker die "
        "een chatbot met een eigen venster doorgeeft."
    )
    tekst: str = Field(min_length=1, max_length=4000)
    client_id: str = Field(
        min_length=1,
        max_length=64,
        description="Uw eigen id van het bericht: nogmaals gestuurd wordt het één keer bewaard.",
    )
    naam: str = Field("", max_length=200, description="De naam naast het bericht.")


class BerichtenOut(ApiSchema):
    status: Status
    laatste_volgnummer: int
    berichten: list[BerichtOut]


class OverdrachtIn(ApiSchema):
    team: ActorRef | None = Field(
        None, description="Het team (actor) in wiens wachtrij; leeg: het chatteam."
    )
    samenvatting: str = Field(
        "", max_length=2000, description="Wat de medewerker moet weten (ook voor de bezoeker)."
    )
    onderwerp: str = Field("", max_length=200)


class Bezoekergegevens(ApiSchema):
    naam: str = Field("", max_length=200)
    telefoonnummer: str = Field("", max_length=80)
    emailadres: str = Field("", max_length=80)


class TerugbelverzoekIn(ApiSchema):
    naam: str = Field(min_length=1, max_length=200)
    telefoonnummer: str = Field(min_length=1, max_length=80)
    vraag: str = Field(min_length=1, max_length=1000)
    samenvatting: str = Field("", max_length=4000)
    team: ActorRef | None = Field(
        None, description="Wie terugbelt; leeg: KLANTBEELD_CHAT_TEAM, anders het intaketeam."
    )


class TaakIn(ApiSchema):
    vraag: str = Field(min_length=1, max_length=1000)
    gevraagde_handeling: str = Field(LEZEN_EN_BEPALEN, min_length=1, max_length=200)
    toelichting: str = Field("", max_length=1000)
    team: ActorRef | None = None
    bezoeker: Bezoekergegevens | None = Field(
        None, description="Contactgegevens voor de opvolging, als de bezoeker niet bekend is."
    )


class Objectverwijzing(ApiSchema):
    code_objecttype: str = Field(min_length=1, max_length=50, examples=["productaanvraag"])
    object_id: UUID


class FormulierIn(ApiSchema):
    formulier: Objectverwijzing = Field(
        description="De inzending in de Objecten API (codeRegister 'objecten', "
        "codeSoortObjectId 'uuid')."
    )
    naam: str = Field(min_length=1, max_length=200, description="De naam van het formulier.")
    vraag: str = Field("", max_length=1000)
    antwoord: str = Field("", max_length=4000)
    zaak: str = Field(
        "", max_length=1000, description="De zaak (URL of uuid) die de inzending opleverde."
    )


class AfsluitingIn(ApiSchema):
    vraag: str = Field("", max_length=1000, description="De vraag, of een samenvatting.")
    antwoord: str = Field("", max_length=4000, description="Het antwoord van de chatbot.")
    onderwerp: str = Field("", max_length=200)
    opgelost: bool = True


class RegistratieOut(ApiSchema):
    klantcontact: KlantcontactRef | None
    internetaak: ReferenceOut | None
    nieuw: bool = Field(description="false: het gesprek was al vastgelegd.")


class AfsluitingOut(ApiSchema):
    gesprek: GesprekOut
    registratie: RegistratieOut | None = Field(
        description="null: niets vastgelegd (anoniem en zonder opvolging, R1)."
    )


class WaarderingIn(ApiSchema):
    cijfer: int = Field(ge=1, le=5)
