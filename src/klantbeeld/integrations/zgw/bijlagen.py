"""The informatieobject a klantcontact's bijlage names, read from the Documenten API that
has it: for the workspace's and the portal's document lists and downloads."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils.translation import gettext

from klantbeeld.domain.models import Bijlage
from klantbeeld.integrations.models import Soort
from klantbeeld.integrations.zgw.client import ZgwClient, ZgwError

EIO = "enkelvoudiginformatieobjecten"


def informatieobject(zgw: ZgwClient, bijlage: Bijlage) -> dict[str, Any]:
    """The informatieobject a bijlage names (by uuid), from the Documenten API that has it."""
    try:
        sleutel = str(uuid.UUID(bijlage.bijlageidentificator_object_id))
    except ValueError:
        raise ZgwError("Documenten API", gettext("het kenmerk is geen uuid")) from None
    laatste: ZgwError | None = None
    for service in zgw.of_kind(Soort.DOCUMENTEN):
        try:
            return zgw.get(f"{service.api_root}{EIO}/{sleutel}")
        except ZgwError as fout:
            if fout.status != 404:
                raise
            laatste = fout
    raise laatste or ZgwError("Documenten API", gettext("er is geen Documenten API ingesteld"))
