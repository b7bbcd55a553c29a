"""Top-level URL configuration: the standard APIs, the intake API, the admin, the workspace
(with its OpenID Connect sign-in), the residents' portal (MijnGemeente) and a health check."""

from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from klantbeeld.api.contactgegevens import api as contactgegevens_api
from klantbeeld.api.intake.api import api as intake_api
from klantbeeld.api.klantinteracties import api as klantinteracties_api
from klantbeeld.api.verwerkingenlogging import api as verwerkingenlogging_api
from klantbeeld.channels.app import webhook as app_webhook
from klantbeeld.channels.sms import status as sms_status
from klantbeeld.channels.telefonie import webhook as telefonie_webhook
from klantbeeld.events.callback import notificatie_callback
from klantbeeld.integrations.topdesk.terugmelding import terugmelding as topdesk_terugmelding
from klantbeeld.startpagina import startpagina


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("", startpagina, name="startpagina"),
    path("klantinteracties/api/v1/", klantinteracties_api.urls),
    path("contactgegevens/api/v1/", contactgegevens_api.urls),
    path("verwerkingenlogging/api/v1/", verwerkingenlogging_api.urls),
    path("intake/api/v1/", intake_api.urls),
    path("admin/", admin.site.urls),
    path("health", health, name="health"),
    path("notificaties/callback", notificatie_callback, name="notificatie-callback"),
    path("koppelingen/topdesk/terugmelding", topdesk_terugmelding, name="topdesk-terugmelding"),
    path("werkplek/", include("klantbeeld.workspace.urls")),
    path("mijn/", include("klantbeeld.portal.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("oidc/", include("mozilla_django_oidc.urls")),
    # What the SMS provider and the messaging gateway post (docs/app-en-sms.md).
    path("kanalen/sms/status", sms_status.status_callback, name="sms-status"),
    path("kanalen/whatsapp/webhook", app_webhook.webhook, name="whatsapp-webhook"),
    # The visitor's chat widget (docs/chat.md).
    path("chat/", include("klantbeeld.channels.chat.urls")),
    # The telephony platform's call notifications (docs/telefonie.md).
    path("kanalen/telefonie/oproepen", telefonie_webhook.oproepen, name="telefonie-oproepen"),
    path("kanalen/telefonie/openapi.yaml", telefonie_webhook.openapi, name="telefonie-openapi"),
]

# A page that does not exist under /mijn/ is the portal's own "Niet gevonden".
handler404 = "klantbeeld.portal.toegang.pagina_niet_gevonden"

# The chatbot API (docs/chatbot.md).
from klantbeeld.api.chatbot.api import api as chatbot_api  # noqa: E402

urlpatterns += [path("chatbot/api/v1/", chatbot_api.urls)]

# The BI API of the management dashboards (docs/inzicht.md).
from klantbeeld.insight.api import api as inzicht_api  # noqa: E402

urlpatterns += [path("inzicht/api/v1/", inzicht_api.urls)]
