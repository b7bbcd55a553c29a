"""The server's root leads each kind of visitor somewhere useful (the start line of
``klantbeeld serve`` and bin/run's banner point there), and every link on it works."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_root_links_to_the_workspace_the_portal_the_admin_and_the_api_documents():
    client = Client()
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    links = [link for link in re.findall(r'href="(/[^"]*)"', page) if "/static/" not in link]
    assert {"/werkplek/", "/mijn/", "/admin/"} <= set(links)
    assert "/klantinteracties/api/v1/schema/docs" in links
    for link in links:
        # Every page exists: a sign-in redirect at most, never a 404.
        assert client.get(link).status_code in (200, 302), link
