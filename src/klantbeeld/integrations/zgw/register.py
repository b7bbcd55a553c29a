"""The domain's ``Zakenregister`` over the ZGW APIs: zaken, rollen and documents created
in the configured Zaken and Documenten APIs."""

from __future__ import annotations

import base64
import datetime
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings

from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId, SoortDigitaalAdres, SoortPartij
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.zaken import (
    Bestand,
    Contactgegevens,
    Documentverwijzing,
    RegisterFout,
    Zaakverwijzing,
)
from klantbeeld.integrations.models import Soort
from klantbeeld.integrations.zgw.client import ZgwClient, ZgwError

# Where each identifier goes in a rol, per betrokkeneType.
_PERSOON: dict[str, str] = {CodeSoortObjectId.BSN: "inpBsn"}
_ORGANISATIE: dict[str, str] = {
    CodeSoortObjectId.KVK_NUMMER: "kvkNummer",
    CodeSoortObjectId.RSIN: "innNnpId",
    CodeSoortObjectId.VESTIGINGSNUMMER: "vestigingsNummer",
}


@dataclass(frozen=True)
class Documenttype:
    """An informatieobjecttype a zaaktype allows, with its direction (inkomend, intern,
    uitgaand) as the zaaktype-informatieobjecttype says."""

    url: str
    omschrijving: str
    richting: str
    vertrouwelijkheid: str
    volgnummer: int = 999


class ZgwZakenregister:
    """Use as a context manager (or pass a client) to close its connections when done.
    ``by`` names the employee in the register's audit trail (the JWT's user claims)."""

    def __init__(self, client: ZgwClient | None = None, *, by: ChangeContext | None = None) -> None:
        self.zgw = client or ZgwClient(user=gebruiker(by))

    def __enter__(self) -> ZgwZakenregister:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zgw.__exit__(*exc)

    # -- zaken -------------------------------------------------------------------------------

    def zaak(self, zaak: str) -> Zaakverwijzing:
        return _verwijzing(self._find(Soort.ZAKEN, "zaken", zaak, "Zaak"))

    def document(self, document: str) -> Documentverwijzing:
        """The document with this URL or uuid, in any configured Documenten API."""
        eio = self._find(Soort.DOCUMENTEN, "enkelvoudiginformatieobjecten", document, "Document")
        return Documentverwijzing(url=eio["url"], uuid=_uuid_of(eio))

    def _find(self, soort: str, collection: str, ref: str, wat: str) -> dict[str, Any]:
        """A resource by its URL in a service of ``soort``, or by uuid in each such service
        in turn. Nothing else is asked for: a reference comes from data any API client may
        write, and the request carries Klantbeeld's credentials."""
        if ref.startswith(("http://", "https://")):
            service = self.zgw.service_for(ref, soort)
            if _uuid(ref.removeprefix(f"{service.api_root}{collection}/").rstrip("/")) is None:
                raise RegisterFout(f"{ref} is geen {wat.lower()} van {service.naam}.")
            return self.zgw.get(ref)
        key = _uuid(ref)
        if key is None:
            raise RegisterFout(f"{wat} {ref!r} is geen URL of uuid.")
        for service in self.zgw.of_kind(soort):
            try:
                return self.zgw.get(f"{service.api_root}{collection}/{key}")
            except ZgwError as error:
                if error.status != 404:
                    raise
        raise RegisterFout(f"{wat} {ref} is in geen enkel ingesteld register gevonden.")

    def maak_zaak(
        self, *, zaaktype: str, omschrijving: str, toelichting: str, kanaal: str
    ) -> Zaakverwijzing:
        rsin = _organisatie_rsin()
        body = {
            "zaaktype": zaaktype,
            "bronorganisatie": rsin,
            "verantwoordelijkeOrganisatie": rsin,
            "startdatum": datetime.date.today().isoformat(),
            "omschrijving": omschrijving[:80],
            "toelichting": toelichting[:1000],
            "communicatiekanaalNaam": kanaal[:250],
        }
        return _verwijzing(self.zgw.post(f"{self._zaken_root_for(zaaktype)}zaken", body))

    def verwijder_zaak(self, zaak: Zaakverwijzing) -> None:
        self.zgw.delete(zaak.url)

    def voeg_rol_toe(
        self,
        zaak: Zaakverwijzing,
        *,
        omschrijving_generiek: str,
        partij: Partij | None,
        contact: Contactgegevens | None,
    ) -> None:
        roltype = self._roltype(zaak, omschrijving_generiek)
        body: dict[str, Any] = {"zaak": zaak.url, "roltype": roltype, "roltoelichting": ""}
        if partij is not None:
            body.update(_betrokkene(partij))
            contact = contact or _contact_van(partij)
        else:
            assert contact is not None
            body.update(
                betrokkeneType="natuurlijk_persoon",
                betrokkeneIdentificatie=_naam_in_delen(contact),
            )
        if contact is not None:
            body["contactpersoonRol"] = _contactpersoon(contact)
        root = self.zgw.service_for(zaak.url).api_root
        self.zgw.post(f"{root}rollen", body)

    def is_betrokkene(self, zaak: Zaakverwijzing, partij: Partij) -> bool:
        eigen = _identificatoren(_als_betrokkene(partij))
        root = self.zgw.service_for(zaak.url).api_root
        for rol in self.zgw.get_list(f"{root}rollen", {"zaak": zaak.url}):
            identificatie = rol.get("betrokkeneIdentificatie") or {}
            for veld in (*_PERSOON.values(), *_ORGANISATIE.values()):
                waarde = identificatie.get(veld)
                if waarde and waarde in eigen.get(veld, ()):
                    return True
        return False

    # -- documenten --------------------------------------------------------------------------

    def maak_document(
        self,
        zaak: Zaakverwijzing | None,
        *,
        titel: str,
        bestand: Bestand,
        beschrijving: str,
        vertrouwelijkheid: str,
        auteur: str,
        informatieobjecttype: str = "",
    ) -> Documentverwijzing:
        if zaak is not None:
            informatieobjecttype = self._informatieobjecttype(zaak, informatieobjecttype)
        documenten = self._beside(zaak.url if zaak else informatieobjecttype, Soort.DOCUMENTEN)
        body: dict[str, Any] = {
            "bronorganisatie": _organisatie_rsin(),
            "creatiedatum": datetime.date.today().isoformat(),
            "titel": titel[:200],
            "auteur": auteur[:200] or "Klantbeeld",
            "taal": "dut",
            "formaat": bestand.formaat[:255],
            "bestandsnaam": bestand.naam[:255],
            "inhoud": base64.b64encode(bestand.inhoud).decode(),
            "beschrijving": beschrijving[:1000],
            "informatieobjecttype": informatieobjecttype,
            "indicatieGebruiksrecht": False,
        }
        if vertrouwelijkheid:
            body["vertrouwelijkheidaanduiding"] = vertrouwelijkheid
        eio = self.zgw.post(f"{documenten}enkelvoudiginformatieobjecten", body)
        return Documentverwijzing(url=eio["url"], uuid=_uuid_of(eio))

    # -- catalogi ----------------------------------------------------------------------------

    def zaaktypen(self) -> list[tuple[str, str]]:
        """The published zaaktypen of every Catalogi API, as (URL, omschrijving), sorted by
        name: what an employee may choose from when creating a zaak."""
        gevonden: dict[str, str] = {}
        for service in self.zgw.of_kind(Soort.CATALOGI):
            for zaaktype in self.zgw.get_list(
                f"{service.api_root}zaaktypen", {"status": "definitief"}
            ):
                url = zaaktype.get("url")
                if isinstance(url, str):
                    naam = zaaktype.get("omschrijving") or zaaktype.get("identificatie") or url
                    gevonden[url] = str(naam)
        return sorted(gevonden.items(), key=lambda item: (item[1].lower(), item[0]))

    def _zaaktype(self, zaak: Zaakverwijzing) -> dict[str, Any]:
        zaaktype: dict[str, Any] = self.zgw.get(zaak.zaaktype)
        return zaaktype

    def _roltype(self, zaak: Zaakverwijzing, omschrijving_generiek: str) -> str:
        catalogus = self.zgw.service_for(zaak.zaaktype).api_root
        roltypen = self.zgw.get_list(
            f"{catalogus}roltypen",
            {"zaaktype": zaak.zaaktype, "omschrijvingGeneriek": omschrijving_generiek},
        )
        if not roltypen:
            raise RegisterFout(
                f"Het zaaktype van {zaak.identificatie} kent geen roltype "
                f"'{omschrijving_generiek}'."
            )
        url: str = roltypen[0]["url"]
        return url

    def documenttypen(self, zaak: Zaakverwijzing) -> list[Documenttype]:
        """The document types a document of ``zaak`` may have: the zaaktype's
        informatieobjecttypen in the Catalogi API (its zaaktype-informatieobjecttypen,
        which also say the direction), published and valid today; incoming ones first.
        A register refuses to relate a document of any other type to the zaak
        (``missing-zaaktype-informatieobjecttype-relation``)."""
        catalogus = self.zgw.service_for(zaak.zaaktype, Soort.CATALOGI).api_root
        relaties = self.zgw.get_list(
            f"{catalogus}zaaktype-informatieobjecttypen", {"zaaktype": zaak.zaaktype}
        )
        richting = {
            str(r.get("informatieobjecttype")): (str(r.get("richting") or ""), r.get("volgnummer"))
            for r in relaties
            if isinstance(r, dict) and r.get("zaaktype") in (None, zaak.zaaktype)
        }
        if not richting:  # a register that keeps the relation on the zaaktype only
            for url in self._zaaktype(zaak).get("informatieobjecttypen") or []:
                richting[str(url)] = ("", None)
        vandaag = datetime.date.today().isoformat()
        typen = []
        for url, (kant, volgnummer) in richting.items():
            iot = self.zgw.get(url)
            begin = str(iot.get("beginGeldigheid") or "")
            einde = str(iot.get("eindeGeldigheid") or "")
            if iot.get("concept") or (begin and begin > vandaag) or (einde and einde < vandaag):
                continue
            typen.append(
                Documenttype(
                    url=url,
                    omschrijving=str(iot.get("omschrijving") or url),
                    richting=kant,
                    vertrouwelijkheid=str(iot.get("vertrouwelijkheidaanduiding") or ""),
                    volgnummer=volgnummer if isinstance(volgnummer, int) else 999,
                )
            )
        return sorted(typen, key=lambda t: (t.richting != "inkomend", t.volgnummer, t.omschrijving))

    def _informatieobjecttype(self, zaak: Zaakverwijzing, gekozen: str = "") -> str:
        """``gekozen`` when the zaaktype allows it; without a choice the zaaktype's incoming
        type whose name says 'bijlage', else its first incoming one, else its first."""
        typen = self.documenttypen(zaak)
        if not typen:
            raise RegisterFout(f"Het zaaktype van {zaak.identificatie} staat geen documenten toe.")
        if gekozen:
            if gekozen not in {t.url for t in typen}:
                raise RegisterFout(
                    f"Dit documenttype hoort niet bij het zaaktype van {zaak.identificatie}."
                )
            return gekozen
        bijlage = [t for t in typen if "bijlage" in t.omschrijving.lower()]
        return (bijlage or typen)[0].url

    def _zaken_root_for(self, zaaktype: str) -> str:
        return self._beside(zaaktype, Soort.ZAKEN)

    def _beside(self, url: str, soort: str) -> str:
        """The API root of ``soort`` on the host of ``url`` (Open Zaak serves all four APIs
        on one host), else of the first such service by name."""
        services = self.zgw.of_kind(soort)
        if not services:
            raise RegisterFout(f"Er is geen {Soort(soort).label} ingesteld.")
        host = urlsplit(url).netloc
        for service in services:
            if urlsplit(service.api_root).netloc == host:
                return service.api_root
        return sorted(services, key=lambda s: s.naam)[0].api_root


def _organisatie_rsin() -> str:
    rsin: str = settings.KLANTBEELD_ORGANISATIE_RSIN
    if not rsin:
        raise RegisterFout(
            "KLANTBEELD_ORGANISATIE_RSIN is niet ingesteld: het RSIN van de organisatie is "
            "nodig als bronorganisatie van zaken en documenten."
        )
    return rsin


def _verwijzing(data: dict[str, Any]) -> Zaakverwijzing:
    return Zaakverwijzing(
        url=data["url"],
        uuid=_uuid_of(data),
        identificatie=data.get("identificatie") or "",
        zaaktype=data.get("zaaktype") or "",
    )


def _uuid_of(data: dict[str, Any]) -> str:
    uuid: str = data.get("uuid") or data["url"].rstrip("/").rsplit("/", 1)[-1]
    return uuid


def _identificatoren(partij: Partij) -> dict[str, set[str]]:
    """The partij's identifiers by the rol field they would be in."""
    found: dict[str, set[str]] = {}
    for soort, waarde in partij.partij_identificatoren.values_list(
        "partij_identificator_code_soort_object_id", "partij_identificator_object_id"
    ):
        veld = _PERSOON.get(soort) or _ORGANISATIE.get(soort)
        if veld:
            found.setdefault(veld, set()).add(waarde)
    return found


def _betrokkene(partij: Partij) -> dict[str, Any]:
    """The rol's betrokkene: a person by BSN, an organisation by its numbers; a contact
    person stands for the organisation they work for (the rol's contact data name them)."""
    partij = _als_betrokkene(partij)
    identificatoren = {veld: sorted(w)[0] for veld, w in _identificatoren(partij).items()}
    if partij.soort_partij == SoortPartij.ORGANISATIE:
        identificatie = {k: v for k, v in identificatoren.items() if k in _ORGANISATIE.values()}
        identificatie["statutaireNaam"] = partij.naam[:500]
        return {
            "betrokkeneType": "niet_natuurlijk_persoon",
            "betrokkeneIdentificatie": identificatie,
        }
    identificatie = {k: v for k, v in identificatoren.items() if k in _PERSOON.values()}
    identificatie.update(
        geslachtsnaam=partij.contactnaam_achternaam[:200],
        voorvoegselGeslachtsnaam=partij.contactnaam_voorvoegsel_achternaam[:80],
        voornamen=partij.contactnaam_voornaam[:200],
    )
    return {"betrokkeneType": "natuurlijk_persoon", "betrokkeneIdentificatie": identificatie}


def _als_betrokkene(partij: Partij) -> Partij:
    if partij.soort_partij == SoortPartij.CONTACTPERSOON and partij.werkte_voor_partij:
        return partij.werkte_voor_partij
    return partij


def _contact_van(partij: Partij) -> Contactgegevens | None:
    """The partij's own addresses, so the handler of the zaak can reach them."""
    adressen: dict[str, str] = {}
    voorkeur = partij.voorkeurs_digitaal_adres_id
    for pk, soort, adres in partij.digitale_adressen.values_list(
        "pk", "soort_digitaal_adres", "adres"
    ).order_by("pk"):
        if soort not in adressen or pk == voorkeur:
            adressen[soort] = adres
    naam = partij.volledige_naam
    if not naam or not adressen:
        return None
    return Contactgegevens(
        naam=naam,
        emailadres=adressen.get(SoortDigitaalAdres.EMAIL, ""),
        telefoonnummer=adressen.get(SoortDigitaalAdres.TELEFOONNUMMER, ""),
    )


def _naam_in_delen(contact: Contactgegevens) -> dict[str, str]:
    """Someone not identified as a natuurlijk persoon: first names, prefix and surname in
    their own fields where they were recorded apart, else the whole name as surname."""
    if not contact.achternaam:
        return {"geslachtsnaam": contact.naam[:200]}
    delen = {
        "voornamen": contact.voornaam[:200],
        "voorvoegselGeslachtsnaam": contact.voorvoegsel[:80],
        "geslachtsnaam": contact.achternaam[:200],
    }
    return {veld: waarde for veld, waarde in delen.items() if waarde}


def _contactpersoon(contact: Contactgegevens) -> dict[str, str]:
    """Addresses longer than the API allows are left out rather than cut (a shortened phone
    number or e-mail address would be a wrong one)."""
    gegevens = {"naam": contact.naam[:200]}
    if contact.emailadres and len(contact.emailadres) <= 254:
        gegevens["emailadres"] = contact.emailadres
    if contact.telefoonnummer and len(contact.telefoonnummer) <= 20:
        gegevens["telefoonnummer"] = contact.telefoonnummer
    return gegevens


def gebruiker(by: ChangeContext | None) -> tuple[str, str]:
    """The JWT's user_id and user_representation for a change made by ``by``."""
    if by is None or not (by.gebruikers_id or by.applicatie):
        return "klantbeeld", "Klantbeeld"
    return (
        by.gebruikers_id or by.applicatie,
        by.gebruikers_weergave or by.gebruikers_id or by.applicatie,
    )


def _uuid(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None
