"""Browser tests: real headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; no browser is downloaded), a real OpenID Connect provider, and axe-core for
accessibility."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

# The local ZGW register, configured as Klantbeeld's registers (zaken in the customer view).
from tests.integrations.conftest import zgw  # noqa: F401

# The local BRP and Handelsregister, configured as Klantbeeld's (docs/brp-kvk.md).
from tests.support.basisregistraties import brp, kvk  # noqa: F401

CHROMIUM = "/usr/bin/chromium"
# What a page shows after a request may take longer than Playwright's 5 s on a CI machine of
# two cores running two test workers, each with a browser, a live server and stand-ins.
expect.set_options(timeout=10_000)
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Playwright's sync API runs an event loop in this thread; the tests read the database
# beside it, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (bin/_install does).")
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


# Set to a folder (e.g. docs/screenshots) to have the browser tests save the main screens.
SCREENSHOTS = os.environ.get("KLANTBEELD_SCREENSHOTS", "")


def screenshot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


def assert_accessible(page: Any) -> None:
    """axe-core finds no WCAG 2.1 A/AA violations on the page as it is now."""
    # Evaluated by the browser's debugging protocol, as the test's own script: a <script>
    # added to the page would be refused by the Content-Security-Policy, as it should be.
    page.evaluate(AXE.read_text())
    results = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations'],
            // axe would copy the stylesheets of shadow roots (the chat widget's) into
            // <style> elements of its own, which the page's CSP rightly refuses; the rules
            // run on the computed styles without them.
            preload: false,
        })"""
    )
    violations = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in results["violations"]
    ]
    assert violations == [], f"{page.url}: {violations}"


def op_elke_breedte(page: Any) -> None:
    """axe at a phone's 320 px, where nothing may scroll sideways (WCAG 1.4.10 reflow), and
    at 1280 px, where the page is left."""
    page.set_viewport_size({"width": 320, "height": 800})
    assert_accessible(page)
    breedte = page.evaluate("document.documentElement.scrollWidth")
    te_breed = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > 320)
            .map((e) => `${e.tagName}.${e.className} ${e.getBoundingClientRect().right}`)
            .slice(0, 5)"""
    )
    assert breedte <= 320, f"{page.url}: {breedte} px wide at 320 px: {te_breed}"
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page)


@pytest.fixture(autouse=True)
def _no_content_security_policy_violations(request: pytest.FixtureRequest) -> Any:
    """The Content-Security-Policy (settings.KLANTBEELD_CSP) refuses nothing the workspace
    itself loads or runs (htmx, the NL Design System CSS, its own styles)."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield
    assert refused == []


@pytest.fixture(autouse=True)
def _standaard_verwerkingsactiviteit(request: pytest.FixtureRequest) -> None:
    """The activity the privacy migration seeds: a test that flushed the database (the
    browser tests) took it away for the tests after it."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        return
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    from klantbeeld.privacy.models import Verwerkingsactiviteit

    Verwerkingsactiviteit.objects.get_or_create(
        naam="Beantwoorden van vragen en verzoeken van inwoners en ondernemers",
        defaults={"standaard_voor": ["zoeken", "klantbeeld"]},
    )


@pytest.fixture(autouse=True)
def _organisatie(settings: Any) -> None:
    """The organisation's phone number, which an employee's actor gets (medewerkers.py)."""
    settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = "0201234567"
