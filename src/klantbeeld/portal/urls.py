from django.urls import path

from klantbeeld.portal import (
    berichten,
    chat,
    contacten,
    downloaden,
    gegevens,
    inloggen,
    inzage,
    producten,
    taken,
    views,
    vraag,
    waardering,
    zaken,
)

app_name = "portal"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("inloggen/", inloggen.inloggen, name="inloggen"),
    path("inloggen/<str:middel>/", inloggen.start, name="start"),
    path("inloggen/<str:middel>/terug/", inloggen.terug, name="terug"),
    path("uitloggen/", inloggen.uitloggen, name="uitloggen"),
    path("uitgelogd/", inloggen.uitgelogd, name="uitgelogd"),
    path("taken/", taken.taken, name="taken"),
    path("taken/<uuid:taak_uuid>/", taken.taak, name="taak"),
    path("taken/<uuid:taak_uuid>/gedaan/", taken.afronden, name="taak_afronden"),
    path("producten/", producten.producten, name="producten"),
    path("inzage/", inzage.inzage, name="inzage"),
    path("downloaden/", downloaden.downloaden, name="downloaden"),
    path("downloaden/mijn-gegevens.json", downloaden.als_json, name="downloaden_json"),
    path("downloaden/mijn-gegevens.pdf", downloaden.als_pdf, name="downloaden_pdf"),
    path("contacten/", contacten.lijst, name="contacten"),
    path("contacten/<uuid:sleutel>/", contacten.contact, name="contact"),
    path(
        "contacten/<uuid:sleutel>/documenten/<uuid:bijlage>/",
        contacten.document,
        name="contact_document",
    ),
    path("berichten/", berichten.lijst, name="berichten"),
    path("vraag/", vraag.vraag, name="vraag"),
    path("chat/ticket/", chat.ticket, name="chat_ticket"),
    path("zaken/", zaken.lijst, name="zaken"),
    path("zaken/lijst/", zaken.lijst_deel, name="zaken_lijst"),
    path("zaken/<uuid:zaak>/", zaken.zaak, name="zaak"),
    path("zaken/<uuid:zaak>/aanvullen/", zaken.aanvullen, name="zaak_aanvullen"),
    path("zaken/<uuid:zaak>/intrekken/", zaken.intrekken, name="zaak_intrekken"),
    path("zaken/<uuid:zaak>/documenten/<uuid:document>/", zaken.document, name="zaak_document"),
    path("gegevens/", gegevens.gegevens, name="gegevens"),
    path("gegevens/adres/", gegevens.adres_toevoegen, name="gegevens_adres"),
    path(
        "gegevens/adres/<uuid:adres>/verwijderen/",
        gegevens.adres_verwijderen,
        name="gegevens_adres_verwijderen",
    ),
    path(
        "gegevens/adres/<uuid:adres>/voorkeur/", gegevens.voorkeur_kiezen, name="gegevens_voorkeur"
    ),
    path(
        "gegevens/adres/<uuid:adres>/opnieuw/",
        gegevens.opnieuw_versturen,
        name="gegevens_opnieuw",
    ),
    path("gegevens/bevestigen/<str:sleutel>/", gegevens.bevestigen, name="gegevens_bevestigen"),
    path("gegevens/verhuizing/", gegevens.verhuizing, name="gegevens_verhuizing"),
    path(
        "gegevens/verhuizing/<uuid:wijziging>/intrekken/",
        gegevens.verhuizing_intrekken,
        name="gegevens_intrekken",
    ),
    path("waardering/bedankt/", waardering.bedankt, name="waardering_bedankt"),
    path(
        "waardering/uitnodiging/<uuid:uitnodiging>/",
        waardering.in_portaal,
        name="waardering_portaal",
    ),
    path("waardering/<str:sleutel>/", waardering.met_link, name="waardering"),
    path("gegevens/onderwerpen/", gegevens.onderwerpen, name="gegevens_onderwerpen"),
]
