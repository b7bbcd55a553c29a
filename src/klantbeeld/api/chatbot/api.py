"""The chatbot API 1.0.0: Klantbeeld's own API through which a chatbot (a municipality's
virtual assistant) holds live conversations, hands them to an agent with what was said,
and has them registered by the cases' rules. Authorised and answering like the other
APIs; see docs/chatbot.md."""

from __future__ import annotations

from typing import Any

from klantbeeld.api.chatbot import gesprekken
from klantbeeld.api.common.api import StandardApi

API_PATH = gesprekken.API_PATH
VERSION = "1.0.0"
_CONFLICT = (
    "De toestand van het gesprek staat dit niet toe (afgesloten, bij een medewerker, "
    "al gewaardeerd)."
)
_NIET_INGESTELD = (
    "Geen team ingesteld voor de opvolging, of het documentenregister is niet bereikbaar."
)
# The statuses an operation answers besides those of every operation (describe_errors).
EXTRA_ERRORS: dict[str, dict[str, str]] = {
    "bericht_create": {"409": _CONFLICT},
    "gesprek_overdracht": {"409": _CONFLICT},
    "gesprek_terugbelverzoek": {"409": _CONFLICT, "503": _NIET_INGESTELD},
    "gesprek_taak": {"409": _CONFLICT, "503": _NIET_INGESTELD},
    "gesprek_formulier": {
        "409": _CONFLICT + " Of de bezoeker is niet ingelogd.",
        "503": _NIET_INGESTELD,
    },
    "gesprek_afsluiting": {"503": _NIET_INGESTELD},
    "gesprek_waardering": {"409": _CONFLICT},
}


class ChatbotApi(StandardApi):
    def _document(self) -> dict[str, Any]:
        document = super()._document()
        schemes = document["components"]["securitySchemes"]
        scheme = schemes.pop("ChatbotAuth")
        schemes["tokenAuth"] = {**scheme, "description": "'Token <sleutel>' of 'Bearer <ZGW JWT>'"}
        for path in document["paths"].values():
            for operation in path.values():
                operation["security"] = [{"tokenAuth": []}]
                for status, description in EXTRA_ERRORS.get(operation["operationId"], {}).items():
                    operation["responses"][status] = {
                        "description": description,
                        "headers": _version_header(),
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}
                        },
                    }
        return document


def _version_header() -> dict[str, Any]:
    return {
        "API-version": {
            "description": "Geeft een specifieke API-versie aan in de context van een "
            f"specifieke aanroep. Voorbeeld: {VERSION}.",
            "required": True,
            "schema": {"type": "string", "example": VERSION},
        }
    }


api = ChatbotApi(
    api_path=API_PATH,
    scope="chatbot",
    title="chatbot",
    version=VERSION,
    description="Chatbot-API van Klantbeeld: gesprekken voeren, overdragen aan een "
    "medewerker met het verloop, terugbelverzoeken, taken en formulieren vastleggen, en "
    "afsluiten met een waardering. Berichten van bezoekers in de widget krijgt de chatbot "
    "ondertekend op KLANTBEELD_CHATBOT_URL (zie docs/chatbot.md).",
    urls_namespace="chatbot",
)
api.add_router("", gesprekken.router)

__all__ = ["api"]
