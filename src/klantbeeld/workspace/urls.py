from django.urls import path

from klantbeeld.workspace import (
    contact,
    contacten,
    documenten,
    gesprek,
    gesprekken,
    klantbeeld,
    klanten,
    taken,
    views,
    zaken,
    zoeken,
)

app_name = "workspace"
urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", views.inloggen, name="inloggen"),
    path("noodtoegang/", views.noodtoegang_inloggen, name="noodtoegang"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("zoeken/", zoeken.zoeken, name="zoeken"),
    path("klanten/nieuw/", klanten.nieuwe_klant, name="nieuwe_klant"),
    path("klanten/<uuid:partij>/", klantbeeld.klant, name="klant"),
    path("klanten/<uuid:partij>/contact/", contact.contact_vastleggen, name="contact"),
    path("contact/", contact.onbekende_beller, name="onbekende_beller"),
    path("contacten/<uuid:klantcontact>/", contacten.contact, name="contact_detail"),
    path(
        "contacten/<uuid:klantcontact>/documenten/<uuid:bijlage>/",
        documenten.download,
        name="document",
    ),
    path("taken/", taken.werkvoorraad, name="taken"),
    path("taken/<uuid:taak>/", taken.taak, name="taak"),
    path("taken/<uuid:taak>/oppakken/", taken.oppakken, name="oppakken"),
    path("taken/<uuid:taak>/contact/", taken.contact_vastleggen, name="taakcontact"),
    path("taken/<uuid:taak>/doorzetten/", taken.doorzetten, name="doorzetten"),
    path("taken/<uuid:taak>/zaak/", taken.zaak_aanmaken, name="taakzaak"),
    path("taken/<uuid:taak>/afhandelen/", taken.afhandelen, name="afhandelen"),
    path("zaken/<int:register>/<uuid:zaak>/", zaken.zaak, name="zaak"),
    path("zaken/<int:register>/<uuid:zaak>/contact/", zaken.contact_toevoegen, name="zaakcontact"),
    path(
        "zaken/<int:register>/<uuid:zaak>/document/",
        zaken.document_toevoegen,
        name="nagekomen_stuk",
    ),
    path(
        "zaken/<int:register>/<uuid:zaak>/documenten/<uuid:document>/",
        zaken.document_downloaden,
        name="zaakdocument",
    ),
    path("gesprekken/", gesprekken.werkvoorraad, name="gesprekken"),
    path("gesprekken/<uuid:taak>/", gesprek.gesprek, name="gesprek"),
    path("gesprekken/<uuid:taak>/antwoord/", gesprek.beantwoorden, name="beantwoorden"),
    path("gesprekken/<uuid:taak>/klant/", gesprek.klant_koppelen, name="klant_koppelen"),
    path("gesprekken/<uuid:taak>/doorzetten/", gesprek.doorzetten, name="gesprek_doorzetten"),
    path("gesprekken/<uuid:taak>/afhandelen/", gesprek.afhandelen, name="gesprek_afhandelen"),
]
