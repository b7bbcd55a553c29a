"""What the BRP and the KVK pages of the workspace share: the register's side of a
verification, one compared line, and how a register's failure is shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.core.validators import RegexValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.models import Partij
from klantbeeld.domain.services.zoeken import partij_met_nummer
from klantbeeld.integrations.verbinding import Registerfout
from klantbeeld.privacy import verwerkingen
from klantbeeld.privacy.models import Verwerkingsactiviteit

F = TypeVar("F", bound=forms.Form)


@dataclass(frozen=True)
class Adres:
    """An address in the parts that are compared (street and place are shown, but spelled
    differently too often to compare)."""

    straat: str
    huisnummer: int | None
    toevoeging: str  # huisletter and huisnummertoevoeging together
    postcode: str
    plaats: str

    @property
    def tekst(self) -> str:
        nummer = f"{self.huisnummer or ''}{self.toevoeging}"
        regel = " ".join(deel for deel in (self.straat, nummer) if deel)
        postcode = _postcode(self.postcode)
        if len(postcode) == 6:
            postcode = f"{postcode[:4]} {postcode[4:]}"
        plaats = " ".join(deel for deel in (postcode, self.plaats) if deel)
        return ", ".join(deel for deel in (regel, plaats) if deel)

    @property
    def sleutel(self) -> tuple[str, int | None, str]:
        toevoeging = "".join(c for c in self.toevoeging if c.isalnum()).casefold()
        return _postcode(self.postcode), self.huisnummer, toevoeging


@dataclass(frozen=True)
class Regel:
    """One line of a verification: what the register has, what the source has, and whether
    they are the same (None when one side does not know)."""

    gegeven: str
    register: str
    bron: str
    gelijk: bool | None


def _postcode(waarde: str) -> str:
    return waarde.replace(" ", "").upper()


def register_adres(partij: Partij, soort: str) -> Adres | None:
    """The partij's ``soort`` address (bezoekadres, correspondentieadres), when it has one."""
    straat = getattr(partij, f"{soort}_straatnaam")
    postcode = getattr(partij, f"{soort}_postcode")
    if not (straat or postcode):
        return None
    return Adres(
        straat=straat,
        huisnummer=getattr(partij, f"{soort}_huisnummer"),
        toevoeging=getattr(partij, f"{soort}_huisnummertoevoeging"),
        postcode=postcode,
        plaats=getattr(partij, f"{soort}_stad"),
    )


def adresregel(gegeven: str, register: Adres | None, bron: Adres | None) -> Regel:
    gelijk = None if register is None or bron is None else register.sleutel == bron.sleutel
    return Regel(gegeven, register.tekst if register else "", bron.tekst if bron else "", gelijk)


def _zelfde(tekst: str) -> str:
    return " ".join(tekst.split()).casefold()


def tekstregel(gegeven: str, register: str, bron: str) -> Regel:
    gelijk = None if not register or not bron else _zelfde(register) == _zelfde(bron)
    return Regel(gegeven, register, bron, gelijk)


def in_register(nummer: str, soort: str) -> Partij | None:
    """The partij with this number that the viewer may see (a hidden one does not exist
    for them, also not here)."""
    return partij_met_nummer(nummer, soort) if nummer else None


def zoekstap(
    request: HttpRequest, template: str, form_class: type[F], context: dict[str, Any]
) -> tuple[Verwerkingsactiviteit, F] | HttpResponse:
    """What a register's search page does before it asks the register: the purpose chosen,
    the form shown, or checked. Returns the purpose and the valid form, or the page."""
    context["activiteiten"] = verwerkingen.activiteiten()
    try:
        activiteit = doel(request, "zoeken")
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        context["fout"] = str(error)
        return render(request, template, context, status=503)
    context["doel"] = activiteit
    if request.method != "POST":
        context["form"] = form_class()
        return render(request, template, context)
    form = context["form"] = form_class(request.POST)
    if not form.is_valid():
        return render(request, template, context, status=400)
    return activiteit, form


def nummer_van(partij: Partij, soort: str) -> str:
    """The partij's number of this kind (bsn, kvk_nummer), or empty."""
    return next(
        (
            i.partij_identificator_object_id
            for i in partij.partij_identificatoren.all()
            if i.partij_identificator_code_soort_object_id == soort
        ),
        "",
    )


def doel(request: HttpRequest, scherm: str) -> Verwerkingsactiviteit:
    """The purpose the employee chose (a form's or a link's ``doel``), else the screen's
    default; raises GeenVerwerkingsactiviteit when there is none."""
    gekozen = request.POST.get("doel") or request.GET.get("doel")
    return verwerkingen.kies_activiteit(scherm, gekozen)


def fout_status(fout: Registerfout) -> int:
    """A refused question is the employee's to change (400); anything else is the
    register's trouble (503)."""
    return 400 if fout.status == 400 else 503


def postcode_veld() -> forms.CharField:
    """A Dutch postcode as both registers take it (1234 AB, the space optional)."""
    return forms.CharField(
        label=_("Postcode"),
        max_length=7,
        required=False,
        validators=[
            RegexValidator(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$", _("Vul een postcode in zoals 3441 VC."))
        ],
    )


def huisnummer_veld() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Huisnummer"),
        min_value=1,
        max_value=99999,
        required=False,
        error_messages={"invalid": _("Vul een huisnummer in (alleen cijfers).")},
    )
