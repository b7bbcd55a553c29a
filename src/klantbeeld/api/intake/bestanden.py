"""Files sent to the intake API: the request as a whole (a form with files, not too large
to receive at all) and each file (size and kind as the workspace accepts them)."""

from __future__ import annotations

import functools
import mimetypes
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponseBase

from klantbeeld.api.common.problems import ApiProblem, InvalidParam, problem_response
from klantbeeld.domain.services.intake import Document
from klantbeeld.domain.services.zaken import Bestand

FORM_DATA = "multipart/form-data"
MB = 1024 * 1024

Run = Callable[..., HttpResponseBase]


def formulier_met_bestanden(aantal: Callable[[], int]) -> Callable[[Run], Run]:
    """For ``decorate_view``: refuse a body that is no multipart/form-data (415), or is
    larger than ``aantal()`` files of the largest size and the form's fields together (413),
    before anything of it is read."""

    def decorator(run: Run) -> Run:
        @functools.wraps(run)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.content_type != FORM_DATA:
                return problem_response(
                    request,
                    415,
                    detail=f'Ongeldige media type "{request.content_type}" in aanvraag: '
                    f"stuur {FORM_DATA} met de gegevens als JSON-deel en de bestanden als "
                    "delen van hun eigen.",
                )
            grens = aantal() * settings.KLANTBEELD_BIJLAGE_MAX_MB * MB + (
                settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
            )
            if _lengte(request) > grens:
                return problem_response(
                    request,
                    413,
                    detail=f"De aanvraag is groter dan deze API aanneemt ({grens} bytes; een "
                    f"bestand is hoogstens {settings.KLANTBEELD_BIJLAGE_MAX_MB} MB).",
                )
            return run(request, *args, **kwargs)

        return guarded

    return decorator


def _lengte(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def bestandstype(naam: str) -> str:
    """Judged by the file's name (checked against the accepted kinds), not by what the
    sender says it is."""
    return mimetypes.guess_type(naam)[0] or "application/octet-stream"


def als_documenten(bestanden: Sequence[UploadedFile], veld: str) -> list[Document]:
    """Each file as a document for the contact, or 400 naming each one refused."""
    fouten = [
        InvalidParam(f"{veld}.{index}" if len(bestanden) > 1 else veld, code, reden)
        for index, bestand in enumerate(bestanden)
        for code, reden in _fouten(bestand)
    ]
    if fouten:
        raise ApiProblem(400, invalid_params=fouten)
    return [_document(bestand) for bestand in bestanden]


def _fouten(bestand: UploadedFile) -> list[tuple[str, str]]:
    maximum = settings.KLANTBEELD_BIJLAGE_MAX_MB
    naam = bestand.name or ""
    if not bestand.size:
        return [("empty", "Het bestand is leeg.")]
    if bestand.size > maximum * MB:
        return [("max_size", f"Een bestand is hoogstens {maximum} MB.")]
    if bestandstype(naam) not in settings.KLANTBEELD_BIJLAGE_TYPEN:
        return [
            (
                "invalid_type",
                f"Dit soort bestand ({naam or 'zonder naam'}) wordt niet aangenomen; "
                "gebruik bijvoorbeeld PDF, een afbeelding (JPEG, PNG, TIFF) of een Word- of "
                "tekstbestand.",
            )
        ]
    return []


def _document(bestand: UploadedFile) -> Document:
    naam = (bestand.name or "bestand")[:255]
    inhoud = b"".join(bestand.chunks())
    return Document(
        bestand=Bestand(naam=naam, inhoud=inhoud, formaat=bestandstype(naam)), titel=naam[:200]
    )
