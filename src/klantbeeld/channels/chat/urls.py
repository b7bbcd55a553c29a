from django.urls import path

from klantbeeld.channels.chat import views

app_name = "chat"

urlpatterns = [
    path("stand", views.stand, name="stand"),
    path("gesprekken", views.open_chat, name="open"),
    path("gesprekken/<uuid:gesprek_uuid>/bestanden", views.stuur_bestand, name="stuur_bestand"),
    path(
        "gesprekken/<uuid:gesprek_uuid>/bestanden/<int:volgnummer>",
        views.haal_bestand,
        name="haal_bestand",
    ),
]
