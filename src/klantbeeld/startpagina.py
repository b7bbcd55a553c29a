"""The server's root: where each kind of visitor goes (the start line of ``klantbeeld
serve`` points here)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def startpagina(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "klantbeeld/start.html",
        {
            "apis": [
                ("Klantinteracties", "/klantinteracties/api/v1/schema/docs"),
                ("Contactgegevens", "/contactgegevens/api/v1/schema/docs"),
                ("Verwerkingenlogging", "/verwerkingenlogging/api/v1/schema/docs"),
                ("Intake", "/intake/api/v1/schema/docs"),
                ("Chatbot", "/chatbot/api/v1/schema/docs"),
            ]
        },
    )
