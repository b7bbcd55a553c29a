"""The workspace's browser fixtures (Debian's Chromium, the seeded processing activity)
for the dashboard's browser tests."""

from tests.workspace.conftest import (  # noqa: F401  (fixtures)
    _organisatie,
    _standaard_verwerkingsactiviteit,
    browser_type_launch_args,
)
