"""The Content-Security-Policy refuses nothing that the pages outside the workspace load
themselves: the API documentation (Swagger UI from static files) and the admin. (The
workspace's own pages are covered by every browser walk: conftest fails a test on any
violation.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_api_documentation_works_under_the_policy(live_server, page):
    page.goto(f"{live_server.url}/klantinteracties/api/v1/schema/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("klantinteracties 0.9.0")
    expect(page.locator(".opblock").first).to_be_visible()


def test_the_admin_login_works_under_the_policy(live_server, page):
    page.goto(f"{live_server.url}/admin/login/")
    expect(page.locator("#id_username")).to_be_visible()
