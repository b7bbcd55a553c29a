"""Fixtures shared by the whole suite."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from klantbeeld.api.clients.cache import recent_clients
from klantbeeld.api.clients.models import ALL_SCOPES
from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.domain.services.nummers import SERIES, sequence_name
from klantbeeld.events.outbox import forget_subscriptions
from tests.support.client import ApiClient

# live_ws: the live server in a thread (tests/support/live.py).
pytest_plugins = ["tests.support.live"]


@pytest.fixture(autouse=True)
def _no_remembered_api_clients(settings: Any) -> None:
    """Tests count every query a request makes, the client look-up included; the cache of
    recent clients has its own tests (test_auth.py), which switch it on."""
    settings.KLANTBEELD_API_CLIENT_CACHE_SECONDS = 0
    recent_clients.clear()
    forget_subscriptions()  # remembered from another test's database


@pytest.fixture
def api_credentials(db: None) -> str:
    client = ApiClientModel(naam="Test", client_id="test", scopes=list(ALL_SCOPES))
    token = client.new_token()
    client.new_secret()
    client.save()
    return f"Token {token}"


@pytest.fixture
def ki(api_credentials: str) -> ApiClient:
    """A Klantinteracties API consumer with every scope."""
    return ApiClient("/klantinteracties/api/v1", api_credentials)


@pytest.fixture
def cg(api_credentials: str) -> ApiClient:
    """A Contactgegevens API consumer with every scope."""
    return ApiClient("/contactgegevens/api/v1", api_credentials)


@pytest.fixture(autouse=True)
def _number_series_start_at_one(request: pytest.FixtureRequest) -> None:
    """On PostgreSQL numbers come from sequences, which a test's rollback does not undo:
    each test starts them at 1 again, as on a fresh installation. Not for the consumer
    flows (tests/consumers): their server keeps its committed rows for a whole module,
    as a real installation keeps its numbers."""
    names = set(request.fixturenames)
    if "live_klantbeeld" in names:
        return
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")
    elif "transactional_db" in names or "db" in names:
        request.getfixturevalue("transactional_db" if "transactional_db" in names else "db")
    else:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for series in SERIES:
                cursor.execute("SELECT setval(%s, 1, false)", [sequence_name(series)])


@pytest.fixture(autouse=True, scope="session")
def _eigen_live_kanalen() -> Any:
    """The live channel layer on the machine's Redis under a prefix of this test process
    only: parallel test processes (and a running demo) never see each other's messages."""
    import os
    import uuid

    from channels.layers import channel_layers
    from django.conf import settings

    for laag in settings.CHANNEL_LAYERS.values():
        laag.setdefault("CONFIG", {})
        if "prefix" in laag["CONFIG"] or "hosts" in laag["CONFIG"]:
            laag["CONFIG"]["prefix"] = f"kbtest{os.getpid()}{uuid.uuid4().hex[:8]}"
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}
