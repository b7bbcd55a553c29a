"""Who may call the intake API: the same credentials as the other APIs (``Token`` or a ZGW
JWT), with one scope per operation instead of one per method."""

from __future__ import annotations

from django.http import HttpRequest

from klantbeeld.api.clients.auth import Caller, ClientAuth
from klantbeeld.api.clients.models import Scope
from klantbeeld.api.common.problems import ApiProblem

BRIEVEN = Scope.INTAKE_BRIEVEN.value
FORMULIEREN = Scope.INTAKE_FORMULIEREN.value
IDENTITEIT = Scope.INTAKE_IDENTITEIT.value


class IntakeAuth(ClientAuth):
    def __init__(self, scope: str) -> None:
        super().__init__("intake")
        self.scope = scope

    def required_scope(self, request: HttpRequest) -> str:
        return self.scope

    def may_see_confidential(self, caller: Caller) -> bool:
        # The intake registers; it shows nothing of the register but what the caller sent
        # and the keys of what it registered. It must find every partij, a secret one too,
        # or it would try to record her identificator a second time.
        return True


def caller(request: HttpRequest) -> Caller:
    found = getattr(request, "auth", None)
    assert isinstance(found, Caller)
    return found


def eis_identiteitsscope(request: HttpRequest, veld: str) -> None:
    """403 when an application without the scope passes an identity (R3: only an
    application trusted to have established it may)."""
    if not caller(request).client.has_scope(IDENTITEIT):
        raise ApiProblem(
            403,
            detail=f"Deze applicatie mag geen identiteit doorgeven ({veld}): daarvoor is de "
            f"scope '{IDENTITEIT}' nodig. Laat het veld weg als de identiteit niet door "
            "inloggen (DigiD, eHerkenning) is vastgesteld.",
        )
