"""C0322: a zaak reaches a status its catalogue says to tell the customer about; the
notification comes through the NRC callback, and each person involved gets one message on
their channel (R7), registered as an outbound klantcontact about the zaak by the automated
actor "Notificatieservice". Nothing for a status that does not inform, nothing twice (R14),
nothing for the chain partner (R13)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client

from klantbeeld.channels.meldingen.models import Meldingtekst
from klantbeeld.demo.numbers import bsn, kvk_nummer
from klantbeeld.domain.models import Klantcontact, Partij, Verzending, Zaakmelding
from klantbeeld.domain.services.zaken import Contactgegevens, Zaakverwijzing
from klantbeeld.events import handlers
from klantbeeld.events.models import InboxNotification, OutboxStatus
from klantbeeld.events.nrc import now_text
from klantbeeld.events.worker import handle_next
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from standins.zgw import LocalZgw
from tests.domain.test_zoeken import adres, nummer, persoon
from tests.integrations.conftest import drain
from tests.integrations.conftest import zgw as zgw_register  # noqa: F401 (the fixture)
from tests.support.beheer import beheer_login
from tests.support.kanalen import Testkanalen, testkanalen, zonder_kanalen

pytestmark = pytest.mark.django_db


@pytest.fixture
def zgw(zgw_register: LocalZgw) -> LocalZgw:  # noqa: F811 (the imported fixture)
    """The local ZGW register configured as Klantbeeld's (tests/integrations/conftest.py)."""
    return zgw_register


CALLBACK_AUTH = "Bearer callback-geheim-dat-alleen-de-nrc-kent"


@pytest.fixture
def kanalen() -> Iterator[Testkanalen]:
    """E-mail and SMS kept by the test; letters are the real ones."""
    with testkanalen("e-mail", "sms") as kanaal:
        yield kanaal


@pytest.fixture
def alleen_post() -> Iterator[None]:
    with zonder_kanalen(("e-mail", "sms", "app")):
        yield


@pytest.fixture(autouse=True)
def _instellingen(settings, tmp_path: Path) -> None:
    settings.KLANTBEELD_NRC_CALLBACK_AUTH = CALLBACK_AUTH
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Zoetermeer"
    settings.KLANTBEELD_PRINTSTRAAT_MAP = str(tmp_path)


def notify(zaak: dict[str, Any], status: dict[str, Any], aanmaakdatum: str = "") -> None:
    response = Client().post(
        "/notificaties/callback",
        {
            "kanaal": "zaken",
            "hoofdObject": zaak["url"],
            "resource": "status",
            "resourceUrl": status["url"],
            "actie": "create",
            "aanmaakdatum": aanmaakdatum or now_text(),
            "kenmerken": {"zaaktype": zaak["zaaktype"]},
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=CALLBACK_AUTH,
    )
    assert response.status_code == 204, response.content
    while handle_next():
        pass


def inwoner(n: int, voornaam: str, achternaam: str, **velden: Any) -> Partij:
    partij = persoon(voornaam, achternaam, **velden)
    nummer(partij, "bsn", bsn(n))
    return partij


def verwijzing(zaak: dict[str, Any]) -> Zaakverwijzing:
    return Zaakverwijzing(zaak["url"], zaak["uuid"], zaak["identificatie"], zaak["zaaktype"])


# -- C0322 -----------------------------------------------------------------------------------


def test_c0322_an_informing_status_reaches_the_resident_once_as_a_contact_about_the_zaak(
    zgw: LocalZgw, ki, kanalen: Testkanalen
):
    jan = inwoner(1, "Jan", "Jansen")
    adres(jan, "email", "jan@example.nl")
    zaak = zgw.add_zaak("MOR", omschrijving="Losliggende stoeptegel", bsn=bsn(1))
    status = zgw.add_status(zaak, "Afgehandeld", datum="2026-11-03T10:00:00Z")

    notify(zaak, status)

    [verzending] = Verzending.objects.all()
    assert (verzending.kanaal, verzending.adres) == ("e-mail", "jan@example.nl")
    [bericht] = kanalen.opgesteld
    assert bericht.onderwerp == f"Uw zaak {zaak['identificatie']}: Afgehandeld"
    assert bericht.tekst.startswith("Beste Jan Jansen,\n\n")
    assert "is op 3 november 2026 gewijzigd in: Afgehandeld." in bericht.tekst
    assert "Uw melding is afgehandeld." in bericht.tekst  # the catalogue's statustekst
    assert bericht.tekst.endswith("Met vriendelijke groet,\nGemeente Zoetermeer")
    drain()
    assert [v.pk for v in kanalen.verstuurd] == [verzending.pk]

    contact = ki.get(
        f"klantcontacten/{verzending.klantcontact_id}",
        {"expand": "hadBetrokkenen,gingOverOnderwerpobjecten"},
    ).json()
    assert contact["kanaal"] == "e-mail"
    assert contact["onderwerp"] == f"Nieuwe status van zaak {zaak['identificatie']}: Afgehandeld"
    assert contact["indicatieContactGelukt"] is None
    [betrokkene] = contact["_expand"]["hadBetrokkenen"]
    assert betrokkene["initiator"] is False and betrokkene["wasPartij"]["uuid"] == str(jan.uuid)
    [onderwerp] = contact["_expand"]["gingOverOnderwerpobjecten"]
    assert onderwerp["onderwerpobjectidentificator"]["objectId"] == zaak["uuid"]
    [actor] = contact["hadBetrokkenActoren"]
    actor = ki.get(f"actoren/{actor['uuid']}").json()
    assert (actor["naam"], actor["soortActor"]) == ("Notificatieservice", "geautomatiseerde_actor")
    [melding] = Zaakmelding.objects.all()
    assert (melding.partij, melding.verzending, melding.reden) == (jan, verzending, "")
    assert melding.status_omschrijving == "Afgehandeld"

    # The NRC delivers the same status again (a new aanmaakdatum: a new notification), and
    # the handler runs once more: nobody hears of it twice.
    notify(zaak, status, aanmaakdatum="2026-11-03T10:05:00Z")
    handlers.handle(InboxNotification.objects.order_by("id").first().payload)
    assert Verzending.objects.count() == 1 and Klantcontact.objects.count() == 1
    assert Zaakmelding.objects.count() == 1 and len(kanalen.opgesteld) == 1


def test_a_status_the_catalogue_does_not_inform_about_tells_nobody(
    zgw: LocalZgw, kanalen: Testkanalen
):
    jan = inwoner(1, "Jan", "Jansen")
    adres(jan, "email", "jan@example.nl")
    zaak = zgw.add_zaak("MOR", omschrijving="Losliggende stoeptegel", bsn=bsn(1))
    tussenstap = zgw.add_status(zaak, "In behandeling")
    assert zgw.statustype("MOR", "In behandeling")["informeren"] is False

    notify(zaak, tussenstap)

    assert InboxNotification.objects.get().status == OutboxStatus.DELIVERED
    assert not Zaakmelding.objects.exists() and not Verzending.objects.exists()
    assert not Klantcontact.objects.exists() and kanalen.opgesteld == []


def test_the_preferred_digital_address_decides_the_channel(zgw: LocalZgw, kanalen: Testkanalen):
    jan = inwoner(1, "Jan", "Jansen")
    adres(jan, "email", "jan@example.nl")
    adres(jan, "telefoonnummer", "0612345678")
    jan.voorkeurs_digitaal_adres = jan.digitale_adressen.get(soort_digitaal_adres="telefoonnummer")
    jan.save()
    zaak = zgw.add_zaak("MOR", omschrijving="Losliggende stoeptegel", bsn=bsn(1))

    notify(zaak, zgw.add_status(zaak, "Afgehandeld"))

    [verzending] = Verzending.objects.all()
    assert (verzending.kanaal, verzending.adres) == ("sms", "0612345678")
    [bericht] = kanalen.opgesteld
    assert bericht.tekst.startswith("Gemeente Zoetermeer: uw zaak ")  # the short SMS text


def test_without_a_digital_address_a_letter_goes_to_the_print_street(
    zgw: LocalZgw, kanalen: Testkanalen, settings
):
    inwoner(
        1,
        "Zoë",
        "Ĳzendoorn",
        correspondentieadres_straatnaam="Dorpsstraat",
        correspondentieadres_huisnummer=12,
        correspondentieadres_postcode="2712 AB",
        correspondentieadres_stad="Zoetermeer",
    )
    zaak = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning", bsn=bsn(1))

    notify(zaak, zgw.add_status(zaak, "Afgehandeld"))
    drain()

    [verzending] = Verzending.objects.all()
    assert (verzending.kanaal, verzending.adres) == ("post", "Dorpsstraat 12\n2712 AB  ZOETERMEER")
    map_ = Path(settings.KLANTBEELD_PRINTSTRAAT_MAP)
    assert sorted(p.name for p in map_.iterdir()) == [
        f"{verzending.uuid}.json",
        f"{verzending.uuid}.pdf",
    ]
    beschrijving = json.loads((map_ / f"{verzending.uuid}.json").read_text(encoding="utf-8"))
    assert beschrijving["ontvanger"]["naam"] == "Zoë Ĳzendoorn"
    [document] = zgw.objects("enkelvoudiginformatieobjecten")
    assert zgw.content_of(document) == bytes(verzending.inhoud)
    assert any(zio["zaak"] == zaak["url"] for zio in zgw.objects("zaakinformatieobjecten"))


def test_a_reporter_without_bsn_is_told_through_the_rols_contact_details(
    zgw: LocalZgw, ki, kanalen: Testkanalen
):
    """C4390's reporter who did not log in: the zaak knows them by name and address only."""
    zaak = zgw.add_zaak("MOR", omschrijving="Zwerfvuil")
    with ZgwZakenregister() as register:
        register.voeg_rol_toe(
            verwijzing(zaak),
            omschrijving_generiek="initiator",
            partij=None,
            contact=Contactgegevens("Piet Melder", "piet@example.nl", "0687654321"),
        )
    status = zgw.add_status(zaak, "Afgehandeld")

    notify(zaak, status)
    notify(zaak, status, aanmaakdatum="2026-11-03T10:05:00Z")

    [verzending] = Verzending.objects.all()
    assert (verzending.kanaal, verzending.adres) == ("e-mail", "piet@example.nl")
    assert kanalen.opgesteld[0].tekst.startswith("Beste Piet Melder,")
    contact = ki.get(
        f"klantcontacten/{verzending.klantcontact_id}",
        {"expand": "hadBetrokkenen,hadBetrokkenen.digitaleAdressen"},
    ).json()
    [betrokkene] = contact["_expand"]["hadBetrokkenen"]
    assert betrokkene["wasPartij"] is None and betrokkene["initiator"] is False
    assert betrokkene["contactnaam"]["achternaam"] == "Piet Melder"
    assert [a["adres"] for a in betrokkene["_expand"]["digitaleAdressen"]] == ["piet@example.nl"]
    [melding] = Zaakmelding.objects.all()
    assert melding.partij is None and melding.contactpersoon == "Piet Melder"
    assert melding.rol.startswith(zgw.zaken_root) and melding.verzending == verzending
    assert not Partij.objects.exists()  # R7: contact data stays on the betrokkene


def test_the_chain_partner_handling_the_zaak_is_not_told(zgw: LocalZgw, kanalen: Testkanalen):
    """R13: a partner in a rol of its own (here the behandelaar) is no customer."""
    jan = inwoner(1, "Jan", "Jansen")
    adres(jan, "email", "jan@example.nl")
    partner = Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Aannemer De Stoep BV"
    )
    nummer(partner, "kvk_nummer", kvk_nummer(9), "niet_natuurlijk_persoon")
    adres(partner, "email", "planning@destoep.example")
    zaak = zgw.add_zaak("MOR", omschrijving="Losliggende stoeptegel", bsn=bsn(1))
    with ZgwZakenregister() as register:
        register.voeg_rol_toe(
            verwijzing(zaak), omschrijving_generiek="behandelaar", partij=partner, contact=None
        )

    notify(zaak, zgw.add_status(zaak, "Afgehandeld"))

    assert [m.partij for m in Zaakmelding.objects.all()] == [jan]
    assert [v.adres for v in Verzending.objects.all()] == ["jan@example.nl"]


def test_nobody_to_reach_is_recorded_with_the_reason_and_shown_in_the_admin(
    zgw: LocalZgw, alleen_post: None
):
    jan = inwoner(1, "Jan", "Jansen")
    adres(jan, "email", "jan@example.nl")  # e-mail is not set up here
    zaak = zgw.add_zaak("MOR", omschrijving="Losliggende stoeptegel", bsn=bsn(1))

    notify(zaak, zgw.add_status(zaak, "Afgehandeld"))

    assert not Verzending.objects.exists() and not Klantcontact.objects.exists()
    [melding] = Zaakmelding.objects.all()
    assert melding.verzending is None
    assert melding.reden == (
        "Niet verstuurd: geen kanaal om Jan Jansen te bereiken (e-mail: kanaal niet "
        "ingesteld, sms: geen adres bekend, brief: geen adres bekend)."
    )
    user = User.objects.create_superuser("beheer", "beheer@example.nl", "een-lang-wachtwoord")
    beheer = beheer_login(Client(), user)
    pagina = beheer.get("/admin/domain/zaakmelding/?verstuurd=nee").content.decode()
    assert "geen kanaal om Jan Jansen te bereiken" in pagina and "Niet verstuurd" in pagina


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_handling_the_same_status_at_once_tell_once(
    zgw: LocalZgw, kanalen: Testkanalen
):
    """R14 under concurrency: each worker handles its own copy of the notification; the
    second claim of the zaakmelding waits for the first and then finds it."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks on a unique key are PostgreSQL's")
    jan = inwoner(1, "Jan", "Jansen")
    adres(jan, "email", "jan@example.nl")
    zaak = zgw.add_zaak("MOR", omschrijving="Losliggende stoeptegel", bsn=bsn(1))
    status = zgw.add_status(zaak, "Afgehandeld")
    notificatie = {
        "kanaal": "zaken",
        "hoofdObject": zaak["url"],
        "resource": "status",
        "resourceUrl": status["url"],
        "actie": "create",
        "aanmaakdatum": now_text(),
        "kenmerken": {"zaaktype": zaak["zaaktype"]},
    }
    start = threading.Barrier(3)
    fouten: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            with transaction.atomic():
                handlers.handle(notificatie)
        except BaseException as fout:  # reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert fouten == []
    assert Zaakmelding.objects.count() == 1 and Verzending.objects.count() == 1
    assert Klantcontact.objects.count() == 1 and len(kanalen.opgesteld) == 1


# -- the texts ---------------------------------------------------------------------------


def test_the_most_specific_text_in_the_admin_is_used(zgw: LocalZgw, kanalen: Testkanalen):
    jan = inwoner(1, "Jan", "Jansen")
    adres(jan, "email", "jan@example.nl")
    zaak = zgw.add_zaak("MOR", omschrijving="Losliggende stoeptegel", bsn=bsn(1))
    Meldingtekst.objects.create(onderwerp="Algemeen", tekst="Algemene tekst voor {naam}.")
    Meldingtekst.objects.create(
        zaaktype="mor",
        statustype="Afgehandeld",
        onderwerp="Uw melding {zaak} is klaar",
        tekst="Beste {naam},\n\nUw melding '{zaakomschrijving}' ({zaaktype}) is {status}.\n\n"
        "{organisatie}",
    )
    Meldingtekst.objects.create(
        zaaktype="MOR", statustype="Afgehandeld", kanaal="sms", onderwerp="-", tekst="Kort."
    )
    Meldingtekst.objects.create(
        zaaktype=zaak["zaaktype"], statustype="Ontvangen", onderwerp="-", tekst="Ontvangen."
    )

    notify(zaak, zgw.add_status(zaak, "Afgehandeld"))

    [bericht] = kanalen.opgesteld
    assert bericht.onderwerp == f"Uw melding {zaak['identificatie']} is klaar"
    assert bericht.tekst == (
        "Beste Jan Jansen,\n\nUw melding 'Losliggende stoeptegel' (Melding openbare ruimte) "
        "is Afgehandeld.\n\nGemeente Zoetermeer"
    )


def test_the_admin_refuses_an_unknown_placeholder_and_previews_the_text(db):
    user = User.objects.create_superuser("beheer", "beheer@example.nl", "een-lang-wachtwoord")
    beheer = beheer_login(Client(), user)
    formulier = {
        "zaaktype": "MOR",
        "statustype": "Afgehandeld",
        "kanaal": "",
        "onderwerp": "Uw zaak {zaak}",
        "tekst": "Beste {naam},\n\nUw zaak is {status} op {datum}. Groet, {afzender}",
        "actief": "on",
    }
    leeg = beheer.get("/admin/zaakmeldingen/meldingtekst/add/").content.decode()
    assert "{zaakomschrijving}" in leeg and "Sla de tekst op om een voorbeeld te zien." in leeg
    fout = beheer.post("/admin/zaakmeldingen/meldingtekst/add/", formulier)
    assert fout.status_code == 200
    assert "Onbekende plaatshouder(s): {afzender}" in fout.content.decode()
    assert not Meldingtekst.objects.exists()

    formulier["tekst"] = "Beste {naam},\n\nUw zaak is {status} op {datum}. Groet, {organisatie}"
    opgeslagen = beheer.post("/admin/zaakmeldingen/meldingtekst/add/", formulier)
    assert opgeslagen.status_code == 302
    tekst = Meldingtekst.objects.get()
    pagina = beheer.get(f"/admin/zaakmeldingen/meldingtekst/{tekst.pk}/change/").content.decode()
    assert "Uw zaak ZAAK-2026-0000000042" in pagina
    assert "Beste Jan de Vries," in pagina and "In behandeling op 3 november 2026" in pagina


# -- C0322 through the real channels (standins/mail, standins/sms) --------------------------


def test_c0322_by_mail_through_a_real_smtp_server(zgw: LocalZgw, settings):
    """The zaakmelding as the resident receives it: a mail from the organisation, marked
    automatic, with the sent mail kept on the contact about the zaak."""
    from standins.mail.smtp import smtp_server

    jan = inwoner(1, "Jan", "Jansen")
    adres(jan, "email", "jan@example.nl")
    zaak = zgw.add_zaak("MOR", omschrijving="Losliggende stoeptegel", bsn=bsn(1))
    status = zgw.add_status(zaak, "Afgehandeld", datum="2026-11-03T10:00:00Z")
    with smtp_server() as smtp:
        settings.KLANTBEELD_SMTP_HOST, settings.KLANTBEELD_SMTP_PORT = smtp.host, smtp.port
        settings.KLANTBEELD_SMTP_BEVEILIGING = "geen"
        settings.KLANTBEELD_EMAIL_AFZENDER = "Gemeente Zoetermeer <info@zoetermeer.example>"
        notify(zaak, status)
        drain()
        mail = smtp.wait_for(lambda m: "jan@example.nl" in m.rcpt_tos).message
    assert mail["Subject"] == f"Uw zaak {zaak['identificatie']}: Afgehandeld"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert "Uw melding is afgehandeld." in mail.get_content()
    [verzending] = Verzending.objects.all()
    assert verzending.bericht_id == mail["Message-ID"] and verzending.status == "verstuurd"
    [eml] = [
        e for e in zgw.objects("enkelvoudiginformatieobjecten") if e["formaat"] == "message/rfc822"
    ]
    assert zgw.content_of(eml).startswith(b"From: Gemeente Zoetermeer")


def test_c0322_by_sms_through_a_real_provider(zgw: LocalZgw, settings, live_server):
    """A resident whose preferred address is a phone number gets an SMS; the provider's
    delivery report marks it delivered."""
    from standins.sms import sms_provider

    jan = inwoner(1, "Jan", "Jansen")
    adres(jan, "telefoonnummer", "0612345678")
    jan.voorkeurs_digitaal_adres = jan.digitale_adressen.get()
    jan.save()
    zaak = zgw.add_zaak("MOR", omschrijving="Losliggende stoeptegel", bsn=bsn(1))
    status = zgw.add_status(zaak, "Afgehandeld", datum="2026-11-03T10:00:00Z")
    account, token = "AC" + "0" * 31 + "1", "sms-token-van-de-test"
    with sms_provider({account: token}, senders=["Gemeente"], automatic_reports=False) as provider:
        settings.KLANTBEELD_BASE_URL = live_server.url
        settings.KLANTBEELD_SMS_URL = provider.url
        settings.KLANTBEELD_SMS_ACCOUNT_SID = account
        settings.KLANTBEELD_SMS_AUTH_TOKEN = token
        settings.KLANTBEELD_SMS_SENDER = "Gemeente"
        notify(zaak, status)
        drain()
        [sms] = provider.wait_for()
        provider.post_reports()
        drain()
    assert sms.to == "+31612345678" and "Afgehandeld" in sms.body
    [verzending] = Verzending.objects.all()
    assert (verzending.kanaal, verzending.status) == ("sms", "afgeleverd")
    assert provider.violations == []
