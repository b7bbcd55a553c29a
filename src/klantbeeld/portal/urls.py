from django.urls import path

from klantbeeld.portal import inloggen, views, zaken

app_name = "portal"

urlpatterns = [
    path("", views.overzicht, name="overzicht"),
    path("inloggen/", inloggen.inloggen, name="inloggen"),
    path("inloggen/<str:middel>/", inloggen.start, name="start"),
    path("inloggen/<str:middel>/terug/", inloggen.terug, name="terug"),
    path("uitloggen/", inloggen.uitloggen, name="uitloggen"),
    path("uitgelogd/", inloggen.uitgelogd, name="uitgelogd"),
    path("zaken/", zaken.lijst, name="zaken"),
    path("zaken/lijst/", zaken.lijst_deel, name="zaken_lijst"),
    path("zaken/<uuid:zaak>/", zaken.zaak, name="zaak"),
    path("zaken/<uuid:zaak>/aanvullen/", zaken.aanvullen, name="zaak_aanvullen"),
    path("zaken/<uuid:zaak>/intrekken/", zaken.intrekken, name="zaak_intrekken"),
    path("zaken/<uuid:zaak>/documenten/<uuid:document>/", zaken.document, name="zaak_document"),
]
