"""Domain models, named after the resources of the Klantinteracties and Contactgegevens APIs.

Field names are the snake_case form of the API's attribute names, so that a validation
error on a field can be reported under the API's own name.
"""

from klantbeeld.domain.models.actoren import Actor, Teamlid
from klantbeeld.domain.models.audit import AuditTrail
from klantbeeld.domain.models.collegas import Afwezigheid, Gidsvermelding, Vaardigheid, Werktijd
from klantbeeld.domain.models.contactgegevens import Organisatie, Persoon
from klantbeeld.domain.models.eigen_gegevens import (
    Adresverificatie,
    GeplandeAdreswijziging,
    Onderwerpvoorkeur,
)
from klantbeeld.domain.models.gesprekken import Afzender, Gesprek, Gespreksbericht, Gespreksstatus
from klantbeeld.domain.models.intake import Bronbericht, Verzending
from klantbeeld.domain.models.internetaken import InterneTaak, InterneTaakActor, Taakgebeurtenis
from klantbeeld.domain.models.kennis import (
    Artikel,
    Artikelfeedback,
    Artikelversie,
    Kennisdocument,
    Sectie,
    Synoniemgroep,
    Zoekwoord,
)
from klantbeeld.domain.models.klachten import Klacht, Klachtgebeurtenis
from klantbeeld.domain.models.klantcontacten import (
    ActorKlantcontact,
    Betrokkene,
    Bijlage,
    Klantcontact,
    Onderwerpobject,
)
from klantbeeld.domain.models.meldingen import Zaakmelding
from klantbeeld.domain.models.nummers import Nummerreeks
from klantbeeld.domain.models.partijen import (
    Categorie,
    CategorieRelatie,
    DigitaalAdres,
    Partij,
    PartijIdentificator,
    Rekeningnummer,
    Vertegenwoordigden,
)
from klantbeeld.domain.models.tellingen import Rijtelling
from klantbeeld.domain.models.tevredenheid import Uitnodiging, Vragenlijst, Waardering

__all__ = [
    "Actor",
    "ActorKlantcontact",
    "Adresverificatie",
    "Afwezigheid",
    "Afzender",
    "Artikel",
    "Artikelfeedback",
    "Artikelversie",
    "AuditTrail",
    "Betrokkene",
    "Bijlage",
    "Bronbericht",
    "Categorie",
    "CategorieRelatie",
    "DigitaalAdres",
    "GeplandeAdreswijziging",
    "Gesprek",
    "Gespreksbericht",
    "Gespreksstatus",
    "Gidsvermelding",
    "InterneTaak",
    "InterneTaakActor",
    "Kennisdocument",
    "Klacht",
    "Klachtgebeurtenis",
    "Klantcontact",
    "Nummerreeks",
    "Onderwerpobject",
    "Onderwerpvoorkeur",
    "Organisatie",
    "Partij",
    "PartijIdentificator",
    "Persoon",
    "Rekeningnummer",
    "Rijtelling",
    "Sectie",
    "Synoniemgroep",
    "Taakgebeurtenis",
    "Teamlid",
    "Uitnodiging",
    "Vaardigheid",
    "Vertegenwoordigden",
    "Verzending",
    "Vragenlijst",
    "Waardering",
    "Werktijd",
    "Zaakmelding",
    "Zoekwoord",
]
