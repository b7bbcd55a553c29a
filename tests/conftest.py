"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest

from klantbeeld.api.clients.models import ALL_SCOPES
from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from tests.support.client import ApiClient


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
