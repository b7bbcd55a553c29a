from django.urls import path

from klantbeeld.workspace import contact, klantbeeld, taken, views, zoeken

app_name = "workspace"
urlpatterns = [
    path("", views.start, name="start"),
    path("inloggen/", views.inloggen, name="inloggen"),
    path("noodtoegang/", views.noodtoegang_inloggen, name="noodtoegang"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
    path("zoeken/", zoeken.zoeken, name="zoeken"),
    path("klanten/<uuid:partij>/", klantbeeld.klant, name="klant"),
    path("klanten/<uuid:partij>/contact/", contact.contact_vastleggen, name="contact"),
    path("taken/", taken.mijn_taken, name="taken"),
    path("taken/<uuid:taak>/afhandelen/", taken.afhandelen, name="afhandelen"),
]
