"""Django settings, read from environment variables (see docs/configuration.md)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SRC_DIR = Path(__file__).resolve().parent
# The checkout (or the working directory of an installed copy) holds var/ for local state.
HOME_DIR = Path(os.environ.get("KLANTBEELD_HOME", SRC_DIR.parent.parent)).resolve()
VAR_DIR = HOME_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _local_secret_key() -> str:
    """A per-checkout key for trying Klantbeeld out; production sets SECRET_KEY."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or _local_secret_key()
# The host names this server answers to. By default only this machine's own names (and
# the host of KLANTBEELD_BASE_URL): absolute URLs are built from the Host header, so "*"
# would let any request choose them; the checks refuse "*" when DEBUG is off (checks.py).
_BASE_HOST = urlsplit(os.environ.get("KLANTBEELD_BASE_URL", "")).hostname or ""
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", f"localhost,127.0.0.1,[::1],{_BASE_HOST}")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Django's admin with Klantbeeld's site: a second factor, confidentiality, logging.
    "klantbeeld.beheer.apps.AdminSiteConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "klantbeeld.domain",
    "klantbeeld.api.clients",
    "klantbeeld.events",
    "klantbeeld.integrations",
    "klantbeeld.channels.apps.ChannelsConfig",
    "klantbeeld.channels.email.apps.EmailConfig",
    "klantbeeld.channels.post.apps.PostConfig",
    "klantbeeld.channels.meldingen.apps.ZaakmeldingenConfig",
    "klantbeeld.channels.sms.apps.SmsConfig",
    "klantbeeld.channels.app.apps.AppberichtenConfig",
    "klantbeeld.channels.sociaal.apps.SociaalConfig",
    "klantbeeld.workspace",
    "klantbeeld.privacy",
    "klantbeeld.beheer",
    "klantbeeld",
    "ninja",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "mozilla_django_oidc",
    "klantbeeld.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP and Permissions-Policy, which Django 5.2 does not send itself.
    "klantbeeld.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The workspace's session, or under /mijn/ the portal's own (cookie, idle timeout).
    "klantbeeld.portal.sessies.SessieMiddleware",
    # Dutch everywhere; in the workspace the employee may choose English.
    "klantbeeld.workspace.taal.WerkplekTaalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "klantbeeld.workspace.oidc.Hercontrole",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "klantbeeld.api.common.middleware.ApiConventionsMiddleware",
    # Last: turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "klantbeeld.urls"
WSGI_APPLICATION = "klantbeeld.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "klantbeeld.portal.context.portaal",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    default_sqlite = f"sqlite:///{VAR_DIR / 'klantbeeld.sqlite3'}"
    url = os.environ.get("DATABASE_URL", default_sqlite)
    if url.startswith("sqlite"):
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    config: dict[str, Any] = dict(
        dj_database_url.parse(
            url,
            conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
            conn_health_checks=env_bool("DB_CONN_HEALTH_CHECKS", True),
        )
    )
    if config["ENGINE"] == "django.db.backends.postgresql":
        # JIT compilation pays off for long analytical queries, not for the short ones of
        # an API: when an estimate runs high it added hundreds of milliseconds to a query
        # that takes one (docs/performance.md).
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the worker and the web server read while the other writes.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        config["CONN_MAX_AGE"] = 0
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# The front-end packages bin/_install puts in node_modules (package.json), served as static
# files under vendor/.
NODE_MODULES = Path(
    os.environ.get("KLANTBEELD_NODE_MODULES", SRC_DIR.parent.parent / "node_modules")
)
STATICFILES_DIRS = [
    (f"vendor/{name}", NODE_MODULES / package / "dist")
    for name, package in (
        ("utrecht-css", "@utrecht/component-library-css"),
        ("utrecht-tokens", "@utrecht/design-tokens"),
        ("htmx", "htmx.org"),
    )
    if (NODE_MODULES / package / "dist").is_dir()
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("USE_X_FORWARDED_PROTO", False) else None
)
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Security headers (docs/configuration.md). HSTS is sent on https answers only (behind a
# proxy that ends TLS, with USE_X_FORWARDED_PROTO); 0 switches it off.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The Content-Security-Policy; unset: security.default_csp() (everything from this
# server, forms also to the OpenID Connect provider).
KLANTBEELD_CSP = os.environ.get("KLANTBEELD_CSP")
KLANTBEELD_PERMISSIONS_POLICY = os.environ.get(
    "KLANTBEELD_PERMISSIONS_POLICY",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # httpx logs every request at INFO: the worker's deliveries and every ZGW read would
    # drown the log. Failures are reported by Klantbeeld itself.
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "httpx": {"level": "WARNING"},
        # axes announces itself at INFO in every process and command.
        "axes": {"level": "WARNING"},
    },
}

# --- Klantbeeld --------------------------------------------------------------------------
# Absolute URLs in API responses are built from the request unless this is set
# (for a server behind a proxy that rewrites the host), e.g. "https://klanten.example.nl".
KLANTBEELD_BASE_URL = os.environ.get("KLANTBEELD_BASE_URL", "").rstrip("/")
# ZGW JWT tokens older than this (seconds, from their "iat" claim) are refused; 0 switches
# the check off for clients whose clocks cannot be trusted.
KLANTBEELD_JWT_LEEWAY = int(os.environ.get("KLANTBEELD_JWT_LEEWAY", "300"))
KLANTBEELD_JWT_MAX_AGE = int(os.environ.get("KLANTBEELD_JWT_MAX_AGE", "3600"))
# Seconds an API client found for a token or JWT client id is remembered per worker
# process; a change to a client reaches the other processes within this time. 0: no cache.
KLANTBEELD_API_CLIENT_CACHE_SECONDS = int(
    os.environ.get("KLANTBEELD_API_CLIENT_CACHE_SECONDS", "10")
)
# Where `klantbeeld serve` listens by default; also the root of URLs in messages when
# KLANTBEELD_BASE_URL is not set.
KLANTBEELD_HOST = os.environ.get("KLANTBEELD_HOST", "127.0.0.1")
KLANTBEELD_PORT = int(os.environ.get("KLANTBEELD_PORT", "8000"))

# --- Events (docs/events.md) -----------------------------------------------------------
# The notification router (NRC) to publish to; publishing is off while the URL is empty.
KLANTBEELD_NRC_URL = os.environ.get("KLANTBEELD_NRC_URL", "").rstrip("/")
KLANTBEELD_NRC_CLIENT_ID = os.environ.get("KLANTBEELD_NRC_CLIENT_ID", "klantbeeld")
KLANTBEELD_NRC_SECRET = os.environ.get("KLANTBEELD_NRC_SECRET", "")
# Who sends the notifications ("source"; at most 100 characters), e.g. the organisation.
KLANTBEELD_NRC_SOURCE = os.environ.get("KLANTBEELD_NRC_SOURCE", "klantbeeld")[:100]
# The Authorization value the NRC must send to /notificaties/callback (the abonnement's
# "auth"), e.g. "Bearer <long random text>"; the callback refuses everything while empty.
KLANTBEELD_NRC_CALLBACK_AUTH = os.environ.get("KLANTBEELD_NRC_CALLBACK_AUTH", "")
# Zaaktypen (URLs, comma-separated) whose zaken notifications to subscribe to; empty: all.
KLANTBEELD_NRC_ZAAKTYPEN = env_list("KLANTBEELD_NRC_ZAAKTYPEN", "")
# Delivery: tries before a message is given up ("dead"), and the backoff between tries
# (first wait, doubling up to the maximum), in seconds.
KLANTBEELD_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("KLANTBEELD_OUTBOX_MAX_ATTEMPTS", "10"))
KLANTBEELD_OUTBOX_BACKOFF = float(os.environ.get("KLANTBEELD_OUTBOX_BACKOFF", "5"))
KLANTBEELD_OUTBOX_MAX_BACKOFF = float(os.environ.get("KLANTBEELD_OUTBOX_MAX_BACKOFF", "3600"))
KLANTBEELD_DELIVERY_TIMEOUT = float(os.environ.get("KLANTBEELD_DELIVERY_TIMEOUT", "10"))

# ZGW registers (docs/zgw.md): the services themselves are configured in the admin or
# loaded from a file with `klantbeeld zgw-services load`.
KLANTBEELD_ZGW_CONFIG = os.environ.get("KLANTBEELD_ZGW_CONFIG", "")
# The most a partij's zaken overview waits for all registers together, in seconds.
KLANTBEELD_ZGW_DEADLINE = float(os.environ.get("KLANTBEELD_ZGW_DEADLINE", "8"))
# Objecten API (Open Object / Objects API 2.x, docs/configuration.md): klanttaken and
# productaanvragen for the portal. Off while the API root is empty.
KLANTBEELD_OBJECTEN_API_ROOT = os.environ.get("KLANTBEELD_OBJECTEN_API_ROOT", "")
KLANTBEELD_OBJECTEN_TOKEN = os.environ.get("KLANTBEELD_OBJECTEN_TOKEN", "")
KLANTBEELD_OBJECTEN_KLANTTAAK_TYPE = os.environ.get("KLANTBEELD_OBJECTEN_KLANTTAAK_TYPE", "")
KLANTBEELD_OBJECTEN_PRODUCTAANVRAAG_TYPE = os.environ.get(
    "KLANTBEELD_OBJECTEN_PRODUCTAANVRAAG_TYPE", ""
)
# The most a portal page waits for the Objecten API, in seconds.
KLANTBEELD_OBJECTEN_DEADLINE = float(os.environ.get("KLANTBEELD_OBJECTEN_DEADLINE", "5"))

# The knowledge search's external sources (docs/kennisbank.md), read by
# `klantbeeld kennis-bijwerken`: the website's sitemaps (comma-separated URLs) and the SDG
# product catalogue's objecttype in the Objecten API above.
KLANTBEELD_KENNIS_SITEMAPS = os.environ.get("KLANTBEELD_KENNIS_SITEMAPS", "")
KLANTBEELD_KENNIS_WEBSITE_MAX_PAGINAS = int(
    os.environ.get("KLANTBEELD_KENNIS_WEBSITE_MAX_PAGINAS", "5000")
)
KLANTBEELD_KENNIS_WEBSITE_TIMEOUT = float(os.environ.get("KLANTBEELD_KENNIS_WEBSITE_TIMEOUT", "10"))
KLANTBEELD_KENNIS_SDG_TYPE = os.environ.get("KLANTBEELD_KENNIS_SDG_TYPE", "")
KLANTBEELD_KENNIS_SDG_DEADLINE = float(os.environ.get("KLANTBEELD_KENNIS_SDG_DEADLINE", "120"))
# Appointment system (Qmatic Orchestra's calendar, integrations/afspraken): off while empty.
KLANTBEELD_AFSPRAKEN_API_ROOT = os.environ.get("KLANTBEELD_AFSPRAKEN_API_ROOT", "")
KLANTBEELD_AFSPRAKEN_API_KEY = os.environ.get("KLANTBEELD_AFSPRAKEN_API_KEY", "")
# Where a resident changes or cancels an appointment; its publicId is appended.
KLANTBEELD_AFSPRAKEN_BEHEER_URL = os.environ.get("KLANTBEELD_AFSPRAKEN_BEHEER_URL", "")
KLANTBEELD_AFSPRAKEN_DEADLINE = float(os.environ.get("KLANTBEELD_AFSPRAKEN_DEADLINE", "5"))
# BRP (Haal Centraal BRP API Personen, docs/brp-kvk.md): looking up and verifying persons in
# the workspace. Off (and out of sight) while the API root is empty.
KLANTBEELD_BRP_API_ROOT = os.environ.get("KLANTBEELD_BRP_API_ROOT", "")
KLANTBEELD_BRP_API_KEY = os.environ.get("KLANTBEELD_BRP_API_KEY", "")
KLANTBEELD_BRP_API_KEY_HEADER = os.environ.get("KLANTBEELD_BRP_API_KEY_HEADER", "X-API-KEY")
# The protocol headers a municipality's BRP gateway asks (x-doelbinding, x-origin-oin);
# x-verwerking (the purpose) and x-gebruiker (the employee) are set per look-up.
KLANTBEELD_BRP_DOELBINDING = os.environ.get("KLANTBEELD_BRP_DOELBINDING", "")
KLANTBEELD_BRP_ORIGIN_OIN = os.environ.get("KLANTBEELD_BRP_ORIGIN_OIN", "")
# The municipality's code (four digits): a search by name without a birth date looks there.
KLANTBEELD_BRP_GEMEENTECODE = os.environ.get("KLANTBEELD_BRP_GEMEENTECODE", "")
# A client certificate (PKIoverheid) and its key, and the CA bundle to trust; files.
KLANTBEELD_BRP_CERTIFICAAT = os.environ.get("KLANTBEELD_BRP_CERTIFICAAT", "")
KLANTBEELD_BRP_SLEUTEL = os.environ.get("KLANTBEELD_BRP_SLEUTEL", "")
KLANTBEELD_BRP_CA_BUNDLE = os.environ.get("KLANTBEELD_BRP_CA_BUNDLE", "")
KLANTBEELD_BRP_TIMEOUT = float(os.environ.get("KLANTBEELD_BRP_TIMEOUT", "5"))
# KVK's APIs (Zoeken, Basisprofiel, Vestigingsprofiel): the root before v2/zoeken, e.g.
# https://api.kvk.nl/api/. Off while empty. KVK's chain ends in the Staat der Nederlanden
# Private Root CA - G1, which is not in the usual bundles: KLANTBEELD_KVK_CA_BUNDLE.
KLANTBEELD_KVK_API_ROOT = os.environ.get("KLANTBEELD_KVK_API_ROOT", "")
KLANTBEELD_KVK_API_KEY = os.environ.get("KLANTBEELD_KVK_API_KEY", "")
KLANTBEELD_KVK_CA_BUNDLE = os.environ.get("KLANTBEELD_KVK_CA_BUNDLE", "")
KLANTBEELD_KVK_TIMEOUT = float(os.environ.get("KLANTBEELD_KVK_TIMEOUT", "5"))
# TOPdesk (docs/topdesk.md): the address before /tas/api, e.g. https://gemeente.topdesk.net,
# and an operator's login name with an application password (HTTP Basic). Off while empty.
KLANTBEELD_TOPDESK_URL = os.environ.get("KLANTBEELD_TOPDESK_URL", "")
KLANTBEELD_TOPDESK_GEBRUIKER = os.environ.get("KLANTBEELD_TOPDESK_GEBRUIKER", "")
KLANTBEELD_TOPDESK_WACHTWOORD = os.environ.get("KLANTBEELD_TOPDESK_WACHTWOORD", "")
KLANTBEELD_TOPDESK_TIMEOUT = float(os.environ.get("KLANTBEELD_TOPDESK_TIMEOUT", "10"))
# Escalating to TOPdesk from the workspace (docs/topdesk.md): the categories offered
# ("Categorie" or "Categorie/Subcategorie", as named in TOPdesk), the operator groups
# ("id=Naam"), the roles that may escalate, the secret TOPdesk's action sequence sends
# (Authorization: Bearer …), and seconds between polls of changed incidents (0: none).
KLANTBEELD_TOPDESK_CATEGORIEEN = env_list("KLANTBEELD_TOPDESK_CATEGORIEEN", "")
KLANTBEELD_TOPDESK_OPERATORGROEPEN = env_list("KLANTBEELD_TOPDESK_OPERATORGROEPEN", "")
KLANTBEELD_TOPDESK_ROLLEN = env_list(
    "KLANTBEELD_TOPDESK_ROLLEN", "kcc-medewerker,teamleider,behandelaar"
)
KLANTBEELD_TOPDESK_TERUGMELD_SLEUTEL = os.environ.get("KLANTBEELD_TOPDESK_TERUGMELD_SLEUTEL", "")
KLANTBEELD_TOPDESK_PEILEN = float(os.environ.get("KLANTBEELD_TOPDESK_PEILEN", "300"))
# The channels a contact can be registered on in the workspace (cases.md §3; add e.g.
# "sociale media" when the organisation uses it).
KLANTBEELD_KANALEN = env_list(
    "KLANTBEELD_KANALEN",
    "telefoon,balie,e-mail,post,chat,app,e-formulier,mijngemeente,omgevingsloket,sociale media",
)
# Hours a contact in progress (the workspace's call panel) is kept when it is not finished:
# it holds notes about a person, so an abandoned one does not linger.
KLANTBEELD_BELPANEEL_BEWAREN_UUR = int(os.environ.get("KLANTBEELD_BELPANEEL_BEWAREN_UUR", "12"))
# The Catalogi API URL of the informatieobjecttype a document attached to a contact about
# no zaak gets (a contact about a zaak takes a type its zaaktype allows); empty: the
# workspace accepts attachments only on contacts about a zaak.
KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = os.environ.get(
    "KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE", ""
)
KLANTBEELD_BIJLAGE_MAX_MB = int(os.environ.get("KLANTBEELD_BIJLAGE_MAX_MB", "20"))
# The kinds of file accepted as attachment (MIME types, judged by the file name's extension).
KLANTBEELD_BIJLAGE_TYPEN = env_list(
    "KLANTBEELD_BIJLAGE_TYPEN",
    "application/pdf,image/jpeg,image/png,image/gif,image/tiff,text/plain,message/rfc822,"
    "application/msword,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "application/vnd.ms-excel,"
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,"
    "application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet",
)
# How a zaak records a klantcontact about it (integrations/zgw/koppelingen.py):
# zaakobject, zaakcontactmoment or geen.
KLANTBEELD_ZGW_KLANTCONTACT_RELATIE = os.environ.get(
    "KLANTBEELD_ZGW_KLANTCONTACT_RELATIE", "zaakobject"
)
if KLANTBEELD_ZGW_KLANTCONTACT_RELATIE not in ("zaakobject", "zaakcontactmoment", "geen"):
    raise ImproperlyConfigured(
        "KLANTBEELD_ZGW_KLANTCONTACT_RELATIE must be zaakobject, zaakcontactmoment or geen."
    )
# The organisation's general phone number: the phone number of the employees' actors.
KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = os.environ.get("KLANTBEELD_ORGANISATIE_TELEFOONNUMMER", "")
# The organisation's RSIN: bronorganisatie of the zaken and documents Klantbeeld creates.
KLANTBEELD_ORGANISATIE_RSIN = os.environ.get("KLANTBEELD_ORGANISATIE_RSIN", "")

# --- Mail out (docs/berichten.md) -------------------------------------------------------------
# The SMTP server answers, confirmations and zaakmeldingen are sent through; "" sends no mail
# (messages wait in the outbox). KLANTBEELD_SMTP_BEVEILIGING: starttls, ssl or geen.
KLANTBEELD_SMTP_HOST = os.environ.get("KLANTBEELD_SMTP_HOST", "")
KLANTBEELD_SMTP_PORT = int(os.environ.get("KLANTBEELD_SMTP_PORT", "587"))
KLANTBEELD_SMTP_BEVEILIGING = os.environ.get("KLANTBEELD_SMTP_BEVEILIGING", "starttls")
if KLANTBEELD_SMTP_BEVEILIGING not in ("starttls", "ssl", "geen"):
    raise ImproperlyConfigured("KLANTBEELD_SMTP_BEVEILIGING must be starttls, ssl or geen.")
KLANTBEELD_SMTP_GEBRUIKER = os.environ.get("KLANTBEELD_SMTP_GEBRUIKER", "")
KLANTBEELD_SMTP_WACHTWOORD = os.environ.get("KLANTBEELD_SMTP_WACHTWOORD", "")
KLANTBEELD_SMTP_TIMEOUT = float(os.environ.get("KLANTBEELD_SMTP_TIMEOUT", "30"))
# The From of mail to customers, e.g. "Gemeente Voorbeeld <info@voorbeeld.nl>"; its domain
# names our Message-IDs. Bounces go to KLANTBEELD_EMAIL_RETOURADRES (the envelope sender;
# default the From address): let a mailbox Klantbeeld reads receive them.
KLANTBEELD_EMAIL_AFZENDER = os.environ.get("KLANTBEELD_EMAIL_AFZENDER", "")
KLANTBEELD_EMAIL_RETOURADRES = os.environ.get("KLANTBEELD_EMAIL_RETOURADRES", "")

# --- MijnGemeente, the residents' and companies' portal (docs/portaal.md) -------------------
# Each login means (DigiD, eHerkenning) is an OpenID Connect client of the municipality's
# broker, found through the broker's discovery document; a means is on when its client ID
# is set. Claim names differ per broker: each is a claim name, or a dotted path into a
# nested claim ("aanvrager.bsn") when no claim has that exact name.
KLANTBEELD_DIGID_OIDC_DISCOVERY = os.environ.get("KLANTBEELD_DIGID_OIDC_DISCOVERY", "")
KLANTBEELD_DIGID_OIDC_CLIENT_ID = os.environ.get("KLANTBEELD_DIGID_OIDC_CLIENT_ID", "")
KLANTBEELD_DIGID_OIDC_CLIENT_SECRET = os.environ.get("KLANTBEELD_DIGID_OIDC_CLIENT_SECRET", "")
KLANTBEELD_DIGID_OIDC_SCOPES = os.environ.get("KLANTBEELD_DIGID_OIDC_SCOPES", "openid")
KLANTBEELD_DIGID_CLAIM_BSN = os.environ.get("KLANTBEELD_DIGID_CLAIM_BSN", "bsn")
KLANTBEELD_DIGID_CLAIM_NIVEAU = os.environ.get("KLANTBEELD_DIGID_CLAIM_NIVEAU", "authsp_level")
# DigiD Machtigen: the person acted for, and the person acting (the authorised one).
KLANTBEELD_DIGID_CLAIM_VERTEGENWOORDIGDE = os.environ.get(
    "KLANTBEELD_DIGID_CLAIM_VERTEGENWOORDIGDE", "urn:nl-eid-gdi:1.0:LegalSubjectID"
)
KLANTBEELD_DIGID_CLAIM_GEMACHTIGDE = os.environ.get(
    "KLANTBEELD_DIGID_CLAIM_GEMACHTIGDE", "urn:nl-eid-gdi:1.0:ActingSubjectID"
)
KLANTBEELD_DIGID_CLAIM_DIENST = os.environ.get(
    "KLANTBEELD_DIGID_CLAIM_DIENST", "urn:nl-eid-gdi:1.0:ServiceUUID"
)
KLANTBEELD_EHERKENNING_OIDC_DISCOVERY = os.environ.get("KLANTBEELD_EHERKENNING_OIDC_DISCOVERY", "")
KLANTBEELD_EHERKENNING_OIDC_CLIENT_ID = os.environ.get("KLANTBEELD_EHERKENNING_OIDC_CLIENT_ID", "")
KLANTBEELD_EHERKENNING_OIDC_CLIENT_SECRET = os.environ.get(
    "KLANTBEELD_EHERKENNING_OIDC_CLIENT_SECRET", ""
)
KLANTBEELD_EHERKENNING_OIDC_SCOPES = os.environ.get("KLANTBEELD_EHERKENNING_OIDC_SCOPES", "openid")
KLANTBEELD_EHERKENNING_CLAIM_KVK = os.environ.get(
    "KLANTBEELD_EHERKENNING_CLAIM_KVK", "urn:etoegang:core:LegalSubjectID"
)
KLANTBEELD_EHERKENNING_CLAIM_VESTIGING = os.environ.get(
    "KLANTBEELD_EHERKENNING_CLAIM_VESTIGING", "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr"
)
KLANTBEELD_EHERKENNING_CLAIM_HANDELENDE = os.environ.get(
    "KLANTBEELD_EHERKENNING_CLAIM_HANDELENDE", "urn:etoegang:core:ActingSubjectID"
)
KLANTBEELD_EHERKENNING_CLAIM_NIVEAU = os.environ.get(
    "KLANTBEELD_EHERKENNING_CLAIM_NIVEAU", "urn:etoegang:core:LevelOfAssurance"
)
# eHerkenning ketenmachtiging: the intermediary organisation that acts for the company.
KLANTBEELD_EHERKENNING_CLAIM_INTERMEDIAIR = os.environ.get(
    "KLANTBEELD_EHERKENNING_CLAIM_INTERMEDIAIR", "urn:etoegang:1.9:IntermediateEntityID:KvKnr"
)
# The lowest level of assurance per function: basis, midden, substantieel or hoog
# (eHerkenning: EH2 = basis, EH2+ = midden, EH3 = substantieel, EH4 = hoog).
KLANTBEELD_MIJN_NIVEAU_INZIEN = os.environ.get("KLANTBEELD_MIJN_NIVEAU_INZIEN", "basis")
KLANTBEELD_MIJN_NIVEAU_WIJZIGEN = os.environ.get("KLANTBEELD_MIJN_NIVEAU_WIJZIGEN", "midden")
KLANTBEELD_MIJN_NIVEAU_AANVRAGEN = os.environ.get("KLANTBEELD_MIJN_NIVEAU_AANVRAGEN", "midden")
KLANTBEELD_MIJN_NIVEAU_DOWNLOADEN = os.environ.get("KLANTBEELD_MIJN_NIVEAU_DOWNLOADEN", "midden")
# The portal's session: its own cookie (path /mijn/), ended after this many idle minutes.
KLANTBEELD_MIJN_SESSIE_COOKIE = "mijn_sessie"
KLANTBEELD_MIJN_SESSIE_MINUTEN = int(os.environ.get("KLANTBEELD_MIJN_SESSIE_MINUTEN", "15"))
# The municipality's NL Design System theme (docs/portaal.md): a design-tokens CSS file (an
# https URL, a path on this server, or a path among the static files), loaded after the
# default tokens; the class on <html> that its tokens are scoped to; and a logo (URL or
# static path). Another origin is added to the Content-Security-Policy.
KLANTBEELD_MIJN_THEMA_CSS = os.environ.get("KLANTBEELD_MIJN_THEMA_CSS", "")
KLANTBEELD_MIJN_THEMA_KLASSE = os.environ.get("KLANTBEELD_MIJN_THEMA_KLASSE", "utrecht-theme")
KLANTBEELD_MIJN_LOGO = os.environ.get("KLANTBEELD_MIJN_LOGO", "")
# Questions asked in the portal (/mijn/vraag/): the team (an actor's uuid or name, e.g.
# "KCC") whose queue gets the task to answer them, and the task's gevraagdeHandeling.
# Empty team: asking a question is refused with a message to call instead.
KLANTBEELD_MIJN_TEAM = os.environ.get("KLANTBEELD_MIJN_TEAM", "")
KLANTBEELD_MIJN_HANDELING = os.environ.get("KLANTBEELD_MIJN_HANDELING", "Opvolgen klantcontact")
# The most confidential vertrouwelijkheidaanduiding of a document a resident may see and
# download with their own klantcontacten (ZGW levels: openbaar … zeer_geheim). A document
# of a confidential contact is stored as "vertrouwelijk"; the customer sees it (C6278).
KLANTBEELD_MIJN_DOCUMENT_VERTROUWELIJKHEID = os.environ.get(
    "KLANTBEELD_MIJN_DOCUMENT_VERTROUWELIJKHEID", "vertrouwelijk"
)
# Mijn zaken: the most confidential zaken and documents a resident sees of their own (a ZGW
# vertrouwelijkheidaanduiding), and the team (an organisatorische eenheid's uuid or name)
# that gets the task when a resident adds to or withdraws a zaak whose register names no
# handling team (a behandelaar rol of an organisatorische eenheid known in Klantbeeld).
KLANTBEELD_MIJN_MAX_VERTROUWELIJKHEID = os.environ.get(
    "KLANTBEELD_MIJN_MAX_VERTROUWELIJKHEID", "zaakvertrouwelijk"
)
KLANTBEELD_MIJN_ZAAK_TEAM = os.environ.get("KLANTBEELD_MIJN_ZAAK_TEAM", "")
# The topics a resident can choose a channel for (C1924), separated by ";": a name, "=",
# and the words that recognise the topic in a contact's onderwerp or a task's requested
# action, separated by "|" (a word starting with http is a zaaktype URL, matched against
# the contact's hoofdOnderwerpType).
KLANTBEELD_MIJN_ONDERWERPEN = os.environ.get(
    "KLANTBEELD_MIJN_ONDERWERPEN",
    "Belastingen=belasting|aanslag|woz;Vergunningen=vergunning;Afval=afval|container|grofvuil;"
    "Parkeren=parkeer;Zorg en ondersteuning=wmo|zorg|ondersteuning",
)
# How long a link to verify an e-mail address works, in hours.
KLANTBEELD_MIJN_VERIFICATIE_UREN = int(os.environ.get("KLANTBEELD_MIJN_VERIFICATIE_UREN", "24"))

# --- Staff login (docs/workspace.md) ---------------------------------------------------------
LOGIN_URL = "workspace:inloggen"
LOGIN_REDIRECT_URL = "workspace:start"
LOGIN_REDIRECT_URL_FAILURE = "/werkplek/inloggen/?mislukt=1"
LOGOUT_REDIRECT_URL = "workspace:inloggen"
# A working day; the workspace also ends an emergency session when the emergency login closes.
SESSION_COOKIE_AGE = int(float(os.environ.get("KLANTBEELD_SESSIE_UREN", "9")) * 3600)
# OpenID Connect: on when a client ID is set. mozilla-django-oidc reads no discovery
# document, so the provider's endpoints are given one by one.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile roles")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_TOKEN_USE_BASIC_AUTH = env_bool("OIDC_TOKEN_USE_BASIC_AUTH", False)
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))
# Kept for signing out at the provider without its confirmation question (id_token_hint).
OIDC_STORE_ID_TOKEN = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
OIDC_CALLBACK_CLASS = "klantbeeld.workspace.oidc.Callback"
OIDC_OP_LOGOUT_URL_METHOD = "klantbeeld.workspace.oidc.logout_url"
# After this many seconds a workspace page first asks the provider, without showing
# anything (prompt=none), whether the employee is still signed in there, and takes their
# roles again: a role or account taken away at the provider is gone here within this time.
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = int(
    os.environ.get("KLANTBEELD_OIDC_HERCONTROLE_SECONDEN", "900")
)
# The claim carrying the roles, and which claim value grants which Klantbeeld role
# ("value=role,…"; roles: kcc-medewerker, teamleider, behandelaar, functioneel-beheerder,
# kennisbeheerder, klachtbehandelaar, management).
KLANTBEELD_OIDC_ROLES_CLAIM = os.environ.get("KLANTBEELD_OIDC_ROLES_CLAIM", "roles")
KLANTBEELD_OIDC_ROLLEN = os.environ.get(
    "KLANTBEELD_OIDC_ROLLEN",
    "kcc-medewerker=kcc-medewerker,teamleider=teamleider,behandelaar=behandelaar,"
    "functioneel-beheerder=functioneel-beheerder,kennisbeheerder=kennisbeheerder,"
    "klachtbehandelaar=klachtbehandelaar,management=management",
)
# The claims the directory of colleagues is kept from at each sign-in (workspace/oidc.py,
# docs/workspace.md): a claim's name, or a dotted path into a nested claim; empty: not
# read. A claim the provider does not send leaves what the admin holds; teams are matched
# by name to existing teams (a group path's last part: "/Afdelingen/Vergunningen").
KLANTBEELD_OIDC_CLAIM_NAAM = os.environ.get("KLANTBEELD_OIDC_CLAIM_NAAM", "name")
KLANTBEELD_OIDC_CLAIM_EMAIL = os.environ.get("KLANTBEELD_OIDC_CLAIM_EMAIL", "email")
KLANTBEELD_OIDC_CLAIM_TELEFOON = os.environ.get("KLANTBEELD_OIDC_CLAIM_TELEFOON", "phone_number")
KLANTBEELD_OIDC_CLAIM_TOESTEL = os.environ.get("KLANTBEELD_OIDC_CLAIM_TOESTEL", "")
KLANTBEELD_OIDC_CLAIM_FUNCTIE = os.environ.get("KLANTBEELD_OIDC_CLAIM_FUNCTIE", "job_title")
KLANTBEELD_OIDC_CLAIM_TEAMS = os.environ.get("KLANTBEELD_OIDC_CLAIM_TEAMS", "teams")
KLANTBEELD_OIDC_CLAIM_VAARDIGHEDEN = os.environ.get("KLANTBEELD_OIDC_CLAIM_VAARDIGHEDEN", "")
AUTHENTICATION_BACKENDS = [
    # First: counts failed attempts and refuses locked-out ones before any other backend.
    "axes.backends.AxesStandaloneBackend",
    "klantbeeld.workspace.oidc.OidcBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The emergency login (username + password + TOTP) is open while this is true or while an
# administrator has opened it in the admin for a limited time.
KLANTBEELD_NOODTOEGANG = env_bool("KLANTBEELD_NOODTOEGANG", False)
OTP_TOTP_ISSUER = "Klantbeeld"
# A TOTP device's key (and its QR code) is never shown in the admin after it is made:
# `klantbeeld totp-apparaat` shows it once.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Failed password sign-ins (admin, emergency login) lock out a username from an address
# after AXES_FAILURE_LIMIT, and an address, whatever usernames it tries, after
# AXES_ADDRESS_FAILURE_LIMIT (guessing across accounts); both for AXES_COOLOFF_HOURS.
KLANTBEELD_AXES_PER_GEBRUIKER = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
KLANTBEELD_AXES_PER_ADRES = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "10"))
AXES_FAILURE_LIMIT = "klantbeeld.workspace.aanmeldingen.failure_limit"
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# The emergency form's own field names: never stored with a failed attempt.
AXES_PASSWORD_FORM_FIELD = "wachtwoord"
AXES_SENSITIVE_PARAMETERS = ["wachtwoord", "code", "password"]
# OpenID Connect callbacks carry no username: counting them would lock out a whole office.
AXES_WHITELIST_CALLABLE = "klantbeeld.workspace.aanmeldingen.niet_door_axes"
# Behind a reverse proxy: how many proxies add themselves to X-Forwarded-For (0: none, the
# client is REMOTE_ADDR). Used for lock-outs and the record of sign-ins.
KLANTBEELD_PROXY_COUNT = int(os.environ.get("KLANTBEELD_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "klantbeeld.workspace.aanmeldingen.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "workspace/geblokkeerd.html"
AXES_HTTP_RESPONSE_CODE = 429

# --- Letters and zaakmeldingen (docs/berichten.md) ----------------------------------------
# The organisation as letters and zaakmelding texts name it ({organisatie}), and the return
# address printed above the addressee ("Postbus 1,1000 AA  Amsterdam": lines, comma-separated).
KLANTBEELD_ORGANISATIE_NAAM = os.environ.get("KLANTBEELD_ORGANISATIE_NAAM", "")
KLANTBEELD_ORGANISATIE_POSTADRES = env_list("KLANTBEELD_ORGANISATIE_POSTADRES", "")
# The folder the print street takes letters from (a PDF and a JSON per letter); empty: no
# print street, and letters wait in the outbox until one is set.
KLANTBEELD_PRINTSTRAAT_MAP = os.environ.get("KLANTBEELD_PRINTSTRAAT_MAP", "")
# A TrueType font for letters (its bold variant is found beside it by name); empty: DejaVu
# Sans, Liberation Sans or Noto Sans from the system, else Helvetica (Latin-1 only).
KLANTBEELD_BRIEF_LETTERTYPE = os.environ.get("KLANTBEELD_BRIEF_LETTERTYPE", "")
# Printed under a letter's text after "Met vriendelijke groet," (lines separated by "|");
# empty: no signature (the text ends the letter).
KLANTBEELD_BRIEF_ONDERTEKENING = os.environ.get("KLANTBEELD_BRIEF_ONDERTEKENING", "").replace(
    "|", "\n"
)
# fontTools reports every glyph of every letter's font subset at INFO.
LOGGING["loggers"]["fontTools"] = {"level": "WARNING"}  # type: ignore[index]

# --- Written conversations in the workspace (docs/workspace.md, "Conversations") -------------
# The channels whose contacts are written messages, answered from the conversation queue.
KLANTBEELD_SCHRIFTELIJKE_KANALEN = env_list(
    "KLANTBEELD_SCHRIFTELIJKE_KANALEN",
    "e-mail,post,app,e-formulier,mijngemeente,omgevingsloket,sociale media",
)


def _reactietermijnen(waarde: str) -> dict[str, int]:
    """``kanaal=werkdagen,…`` as a dict; a malformed entry stops the start, not a queue."""
    termijnen: dict[str, int] = {}
    for deel in (d.strip() for d in waarde.split(",") if d.strip()):
        kanaal, _, dagen = deel.partition("=")
        if not kanaal.strip() or not dagen.strip().isdigit():
            raise ImproperlyConfigured(
                f"KLANTBEELD_REACTIETERMIJNEN: {deel!r} is not kanaal=working days (e-mail=2)."
            )
        termijnen[kanaal.strip()] = int(dagen)
    return termijnen


# How many working days (Monday to Friday) after receipt a written message is answered, per
# channel; a channel not named has no deadline of its own.
KLANTBEELD_REACTIETERMIJNEN = _reactietermijnen(
    os.environ.get("KLANTBEELD_REACTIETERMIJNEN", "e-mail=2,app=1,post=5,e-formulier=2")
)

# --- Intake API (docs/intake-api.md) -----------------------------------------------------------
# Klantbeeld's own API for letters from a scan street or DMS and for websites' contact forms.
INSTALLED_APPS += ["klantbeeld.api.intake"]
# The team (an actor's uuid or name, e.g. "KCC") asked to act on a letter or form when the
# source names nobody; empty: every letter and form must name one.
KLANTBEELD_INTAKE_TEAM = os.environ.get("KLANTBEELD_INTAKE_TEAM", "")
KLANTBEELD_INTAKE_HANDELING = os.environ.get(
    "KLANTBEELD_INTAKE_HANDELING", "Lezen en bepalen benodigde actie"
)
# The Catalogi API URL of the informatieobjecttype of a scanned letter; empty:
# KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE.
KLANTBEELD_INTAKE_BRIEF_INFORMATIEOBJECTTYPE = os.environ.get(
    "KLANTBEELD_INTAKE_BRIEF_INFORMATIEOBJECTTYPE", ""
)
# Attachments a contact form may carry (each within KLANTBEELD_BIJLAGE_MAX_MB and _TYPEN).
KLANTBEELD_INTAKE_MAX_BIJLAGEN = int(os.environ.get("KLANTBEELD_INTAKE_MAX_BIJLAGEN", "5"))
# Spam protection of contact forms: a form token is good from this many seconds after it
# was issued until the second number (a person takes a few seconds, a bot none).
KLANTBEELD_INTAKE_TOKEN_MIN_SECONDEN = int(
    os.environ.get("KLANTBEELD_INTAKE_TOKEN_MIN_SECONDEN", "3")
)
KLANTBEELD_INTAKE_TOKEN_MAX_SECONDEN = int(
    os.environ.get("KLANTBEELD_INTAKE_TOKEN_MAX_SECONDEN", "7200")
)
# At most this many submissions per submitter's IP address and per application in each
# period of KLANTBEELD_INTAKE_LIMIET_SECONDEN (counted in Django's cache, per process
# unless a shared cache is configured); 0: no limit.
KLANTBEELD_INTAKE_LIMIET_PER_IP = int(os.environ.get("KLANTBEELD_INTAKE_LIMIET_PER_IP", "10"))
KLANTBEELD_INTAKE_LIMIET_PER_CLIENT = int(
    os.environ.get("KLANTBEELD_INTAKE_LIMIET_PER_CLIENT", "500")
)
KLANTBEELD_INTAKE_LIMIET_SECONDEN = int(os.environ.get("KLANTBEELD_INTAKE_LIMIET_SECONDEN", "3600"))
# A message with more links than this is refused.
KLANTBEELD_INTAKE_MAX_LINKS = int(os.environ.get("KLANTBEELD_INTAKE_MAX_LINKS", "3"))

# --- SMS and app messages (docs/app-en-sms.md) --------------------------------------------
# The SMS provider (Twilio Programmable Messaging or a service with its API): SMS is offered
# once the account SID, auth token and sender are set. The sender: a number in E.164, an
# alphanumeric sender ID (at most 11 characters) or a Messaging Service SID (MG…).
# Delivery reports come to KLANTBEELD_BASE_URL + /kanalen/sms/status.
KLANTBEELD_SMS_URL = os.environ.get("KLANTBEELD_SMS_URL", "https://api.twilio.com")
KLANTBEELD_SMS_ACCOUNT_SID = os.environ.get("KLANTBEELD_SMS_ACCOUNT_SID", "")
KLANTBEELD_SMS_AUTH_TOKEN = os.environ.get("KLANTBEELD_SMS_AUTH_TOKEN", "")
KLANTBEELD_SMS_SENDER = os.environ.get("KLANTBEELD_SMS_SENDER", "")
KLANTBEELD_SMS_TIMEOUT = float(os.environ.get("KLANTBEELD_SMS_TIMEOUT", "10"))
# The messaging gateway (WhatsApp Business Platform Cloud API) for one business number:
# answers go out once the phone number id and access token are set. Meta posts webhooks
# to KLANTBEELD_BASE_URL + /kanalen/whatsapp/webhook, signed with the app secret; the
# verify token is what the subscription handshake must show.
KLANTBEELD_WHATSAPP_URL = os.environ.get("KLANTBEELD_WHATSAPP_URL", "https://graph.facebook.com")
KLANTBEELD_WHATSAPP_VERSION = os.environ.get("KLANTBEELD_WHATSAPP_VERSION", "v23.0")
KLANTBEELD_WHATSAPP_PHONE_NUMBER_ID = os.environ.get("KLANTBEELD_WHATSAPP_PHONE_NUMBER_ID", "")
KLANTBEELD_WHATSAPP_TOKEN = os.environ.get("KLANTBEELD_WHATSAPP_TOKEN", "")
KLANTBEELD_WHATSAPP_APP_SECRET = os.environ.get("KLANTBEELD_WHATSAPP_APP_SECRET", "")
KLANTBEELD_WHATSAPP_VERIFY_TOKEN = os.environ.get("KLANTBEELD_WHATSAPP_VERIFY_TOKEN", "")
KLANTBEELD_WHATSAPP_TIMEOUT = float(os.environ.get("KLANTBEELD_WHATSAPP_TIMEOUT", "10"))
# The team (organisatorische eenheid: its name or uuid) that gets the task for each new
# app conversation, e.g. "Klantcontactcentrum".
KLANTBEELD_APP_TEAM = os.environ.get("KLANTBEELD_APP_TEAM", "")

# --- Mail in (docs/email.md) ---------------------------------------------------------------
# The mailboxes the worker reads are configured in the admin or loaded from a TOML file with
# `klantbeeld postvakken load`; this file is the one it reads when given none.
KLANTBEELD_POSTVAKKEN = os.environ.get("KLANTBEELD_POSTVAKKEN", "")

# --- Live connections: chat, screen-pop (docs/live.md) ---------------------------------------
# The live server (`klantbeeld serve-live`, an ASGI server for WebSockets) and every web
# process and worker reach each other's windows through a Redis channel layer. Empty:
# an in-memory layer, which only works when everything runs in one process (tests).
KLANTBEELD_REDIS_URL = os.environ.get("KLANTBEELD_REDIS_URL", "redis://127.0.0.1:6379/0")
# Keeps two installations on one Redis apart.
KLANTBEELD_LIVE_PREFIX = os.environ.get("KLANTBEELD_LIVE_PREFIX", "klantbeeld")
CHANNEL_LAYERS: dict[str, Any] = (
    {
        "default": {
            # Its pool waits for a free connection rather than refusing (live/laag.py).
            "BACKEND": "klantbeeld.live.laag.Kanaallaag",
            "CONFIG": {
                # redis-py reads with a 5 s timeout unless told otherwise, the same as the
                # layer's blocking receive (BZPOPMIN, 5 s): an idle window then lost the race
                # now and again and its connection died. Reads wait longer than a receive.
                "hosts": [
                    {
                        "address": KLANTBEELD_REDIS_URL,
                        "socket_timeout": 15,
                        "socket_connect_timeout": 5,
                    }
                ],
                "prefix": KLANTBEELD_LIVE_PREFIX,
                # A window that stops reading (a laptop lid closed) is dropped, not waited for.
                "capacity": 200,
                "expiry": 30,
            },
        }
    }
    if KLANTBEELD_REDIS_URL
    else {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
)
# Where pages open their WebSocket: empty is the page's own host under /live/ (a reverse
# proxy sends /live/ to the live server); otherwise the live server's base URL, e.g.
# ws://127.0.0.1:8011 or wss://live.gemeente.nl.
KLANTBEELD_LIVE_URL = os.environ.get("KLANTBEELD_LIVE_URL", "")
KLANTBEELD_LIVE_PORT = int(os.environ.get("KLANTBEELD_LIVE_PORT", "8011"))
# Seconds a stopping live server waits for open windows before it closes their sockets
# (they reconnect to the next one and catch up).
KLANTBEELD_LIVE_STOP_SECONDEN = int(os.environ.get("KLANTBEELD_LIVE_STOP_SECONDEN", "10"))
# How long a page's ticket for the live server is good for a resident's identity (seconds).
KLANTBEELD_LIVE_TICKET_SECONDEN = int(os.environ.get("KLANTBEELD_LIVE_TICKET_SECONDEN", "3600"))
# The chatbot (docs/chatbot.md): where Klantbeeld passes the visitor's messages of a chat
# the bot holds; empty: chats go straight to the queue. Its name is its actor's.
KLANTBEELD_CHATBOT_URL = os.environ.get("KLANTBEELD_CHATBOT_URL", "")
KLANTBEELD_CHATBOT_NAAM = os.environ.get("KLANTBEELD_CHATBOT_NAAM", "Chatbot")
# The team whose queue gets chats (an organisatorische eenheid: name or uuid); empty: the
# queue every agent sees.
KLANTBEELD_CHAT_TEAM = os.environ.get("KLANTBEELD_CHAT_TEAM", "")
# --- Social media (docs/sociale-media.md) --------------------------------------------------
# The accounts are configured in the admin (Sociale-media-accounts), each with the name of
# the environment variable holding its access token; this is the timeout of each request.
KLANTBEELD_SOCIAAL_TIMEOUT = float(os.environ.get("KLANTBEELD_SOCIAAL_TIMEOUT", "10"))

# --- Chatbot API (docs/chatbot.md) -------------------------------------------------------------
INSTALLED_APPS += ["klantbeeld.api.chatbot"]
# The key Klantbeeld signs the messages it passes to KLANTBEELD_CHATBOT_URL with
# (HMAC-SHA256, Standard Webhooks): "whsec_<base64>" or any long random text.
KLANTBEELD_CHATBOT_SECRET = os.environ.get("KLANTBEELD_CHATBOT_SECRET", "")
# Tries to reach the bot with a visitor's message before the chat goes to the agents' queue.
KLANTBEELD_CHATBOT_POGINGEN = int(os.environ.get("KLANTBEELD_CHATBOT_POGINGEN", "3"))
# The visitor's chat widget (docs/chat.md). The organisation's websites that may embed it
# (origins, e.g. https://www.gemeente.nl), besides Klantbeeld's own pages (the portal).
KLANTBEELD_CHAT_HERKOMSTEN = env_list("KLANTBEELD_CHAT_HERKOMSTEN", "")
# When agents answer chats, in TIME_ZONE: "ma-vr 08:30-17:00; za 10:00-12:00"; empty:
# always. Closed days (holidays) as dates, comma-separated: "2026-12-25,2026-12-26".
KLANTBEELD_CHAT_OPENINGSTIJDEN = os.environ.get("KLANTBEELD_CHAT_OPENINGSTIJDEN", "")
KLANTBEELD_CHAT_GESLOTEN_DAGEN = env_list("KLANTBEELD_CHAT_GESLOTEN_DAGEN", "")
# What the widget offers instead when chat is closed: the contact form's address and the
# phone number (empty: KLANTBEELD_ORGANISATIE_TELEFOONNUMMER).
KLANTBEELD_CHAT_CONTACTFORMULIER = os.environ.get("KLANTBEELD_CHAT_CONTACTFORMULIER", "")
KLANTBEELD_CHAT_TELEFOONNUMMER = os.environ.get("KLANTBEELD_CHAT_TELEFOONNUMMER", "")
# Abuse: at most this many chats opened and files sent per visitor's IP address in each
# period of KLANTBEELD_CHAT_LIMIET_SECONDEN (Django's cache); messages per connection
# per minute. 0: no limit.
KLANTBEELD_CHAT_LIMIET_PER_IP = int(os.environ.get("KLANTBEELD_CHAT_LIMIET_PER_IP", "20"))
KLANTBEELD_CHAT_LIMIET_SECONDEN = int(os.environ.get("KLANTBEELD_CHAT_LIMIET_SECONDEN", "3600"))
KLANTBEELD_CHAT_BERICHTEN_PER_MINUUT = int(
    os.environ.get("KLANTBEELD_CHAT_BERICHTEN_PER_MINUUT", "30")
)

# --- Telephony (docs/telefonie.md) -----------------------------------------------------------
# The platform posts its call notifications to KLANTBEELD_BASE_URL + /kanalen/telefonie/oproepen,
# proven with this shared secret (an HMAC-SHA256 signature of the body, or ?token=<secret> in
# the URL configured there). Empty: every notification is refused.
INSTALLED_APPS += ["klantbeeld.channels.telefonie.apps.TelefonieConfig"]
KLANTBEELD_TELEFONIE_GEHEIM = os.environ.get("KLANTBEELD_TELEFONIE_GEHEIM", "")
# The team (organisatorische eenheid: its name or uuid) that calls back a missed call.
KLANTBEELD_TELEFONIE_TEAM = os.environ.get("KLANTBEELD_TELEFONIE_TEAM", "")

# --- Customer satisfaction (docs/tevredenheid.md) ---------------------------------------------
# The key of the keyed hashes that recognise someone asked before (the rest rule) and of the
# sample; empty: SECRET_KEY. Changing it forgets who was asked recently.
KLANTBEELD_TEVREDENHEID_SLEUTEL = os.environ.get("KLANTBEELD_TEVREDENHEID_SLEUTEL", "")
# Minutes between registering a contact and deciding to invite (and sending the invitation).
KLANTBEELD_TEVREDENHEID_UITSTEL_MINUTEN = int(
    os.environ.get("KLANTBEELD_TEVREDENHEID_UITSTEL_MINUTEN", "0")
)

# --- Customer relations (docs/klantrelaties.md) ----------------------------------------------
# The preset of kinds of customer relation the demo loads (klantbeeld demo-data):
# "gemeente" (inwoner, ondernemer, …) or "woningcorporatie" (huurder, medebewoner, …).
KLANTBEELD_KLANTRELATIES_VOORBEELD = os.environ.get(
    "KLANTBEELD_KLANTRELATIES_VOORBEELD", "gemeente"
)

# --- Complaints (docs/klachten.md) -----------------------------------------------------------
# The calendar of legal terms (domain/services/termijnen.py): days the Crown designated equal
# to a holiday (Algemene termijnenwet art. 3 lid 3) and the organisation's own closing days
# (working days only), as ISO dates, comma-separated: "2027-05-07,2027-12-31".
KLANTBEELD_ATW_GELIJKGESTELDE_DAGEN = env_list("KLANTBEELD_ATW_GELIJKGESTELDE_DAGEN", "")
KLANTBEELD_SLUITINGSDAGEN = env_list("KLANTBEELD_SLUITINGSDAGEN", "")
# The terms in weeks (Awb 9:11 and 9:15: 6, 10 with a complaints committee, one extension of
# at most 4), and whether the end moves past weekends and holidays (Algemene termijnenwet).
# An organisation outside the Awb (a housing corporation) sets its own procedure's terms.
KLANTBEELD_KLACHT_TERMIJN_WEKEN = int(os.environ.get("KLANTBEELD_KLACHT_TERMIJN_WEKEN", "6"))
KLANTBEELD_KLACHT_COMMISSIE_TERMIJN_WEKEN = int(
    os.environ.get("KLANTBEELD_KLACHT_COMMISSIE_TERMIJN_WEKEN", "10")
)
KLANTBEELD_KLACHT_VERDAGING_MAX_WEKEN = int(
    os.environ.get("KLANTBEELD_KLACHT_VERDAGING_MAX_WEKEN", "4")
)
KLANTBEELD_KLACHT_TERMIJNENWET = env_bool("KLANTBEELD_KLACHT_TERMIJNENWET", True)
# Where a complainant can go next (Awb 9:12 lid 2): "ombudsman" (Nationale ombudsman) or
# "commissie" (the organisation's independent committee), and how to reach it, as the
# decision letter says it.
KLANTBEELD_KLACHT_VERVOLGINSTANTIE = os.environ.get(
    "KLANTBEELD_KLACHT_VERVOLGINSTANTIE", "ombudsman"
)
KLANTBEELD_KLACHT_VERVOLGINSTANTIE_GEGEVENS = os.environ.get(
    "KLANTBEELD_KLACHT_VERVOLGINSTANTIE_GEGEVENS",
    "Nationale ombudsman, Postbus 93122, 2509 AC Den Haag, www.nationaleombudsman.nl",
)
# Subjects of a contact that open a complaint when the contact is registered (any channel),
# comma-separated, compared without regard to case: "Klacht,Klacht over de dienstverlening".
KLANTBEELD_KLACHT_ONDERWERPEN = env_list("KLANTBEELD_KLACHT_ONDERWERPEN", "")
# Reminders to the handler this many working days before the term ends, comma-separated.
KLANTBEELD_KLACHT_HERINNERINGEN = [
    int(dagen) for dagen in env_list("KLANTBEELD_KLACHT_HERINNERINGEN", "5,1")
]
# The zaaktype (URL in the Catalogi API) of a zaak made for each complaint; empty: none.
KLANTBEELD_KLACHT_ZAAKTYPE = os.environ.get("KLANTBEELD_KLACHT_ZAAKTYPE", "")

# --- Management insight (insight/, docs/inzicht.md) ---
INSTALLED_APPS += ["klantbeeld.insight.apps.InsightConfig"]
# Groups smaller than this are shown as "minder dan N" and left out of exports and the BI
# API: satisfaction and complaint cells, and every figure of a team with fewer members.
KLANTBEELD_INZICHT_MINIMUM = int(os.environ.get("KLANTBEELD_INZICHT_MINIMUM", "5"))
# First-contact resolution: days after a contact in which a task or the customer's return
# about it makes it "not resolved at first contact".
KLANTBEELD_INZICHT_FCR_DAGEN = int(os.environ.get("KLANTBEELD_INZICHT_FCR_DAGEN", "7"))
# Seconds between a change and the worker recomputing its days (a burst is done once).
KLANTBEELD_INZICHT_VERTRAGING = float(os.environ.get("KLANTBEELD_INZICHT_VERTRAGING", "60"))
