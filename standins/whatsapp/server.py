"""The WhatsApp stand-in served over HTTP on loopback, for the length of a ``with`` block."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from standins.http import LoopbackServer
from standins.whatsapp.gateway import GraphError, LocalWhatsApp

DEMO_PHONE_NUMBER_ID = "106540352242922"
DEMO_DISPLAY_NUMBER = "31201234567"
DEMO_WABA_ID = "419561257915477"


@contextmanager
def whatsapp_gateway(
    *,
    token: str,
    app_secret: str,
    webhook_url: str | None = None,
    verify_token: str | None = None,
    phone_number_id: str = DEMO_PHONE_NUMBER_ID,
    display_phone_number: str = DEMO_DISPLAY_NUMBER,
    waba_id: str = DEMO_WABA_ID,
    host: str = "127.0.0.1",
    port: int = 0,
    automatic_reports: bool = True,
) -> Iterator[LocalWhatsApp]:
    """The Cloud API for one business number on ``host:port`` (0: a free port); see
    ``LocalWhatsApp``. Its base URL (``.url``) stands for https://graph.facebook.com."""
    server = LoopbackServer(host, port)
    gateway = LocalWhatsApp(
        server.url,
        token=token,
        app_secret=app_secret,
        phone_number_id=phone_number_id,
        display_phone_number=display_phone_number,
        waba_id=waba_id,
        webhook_url=webhook_url,
        verify_token=verify_token,
    )
    # Without automatic reports they wait for ``post_reports()`` (standins/reports.py).
    gateway.reports.start(automatic=automatic_reports)
    try:
        with server.serving(gateway.answer, lambda message: GraphError(500, 1, message).answer):
            yield gateway
    finally:
        gateway.reports.stop()
