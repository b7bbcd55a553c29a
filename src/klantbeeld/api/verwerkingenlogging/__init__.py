"""The verwerkingenlogging of Klantbeeld, served as the VNG standard has it: the Inzage API
0.9.0 (``/verwerkte-objecten``: which processings of one person's data took place, for
showing to that person, R12) and the read operations of the Bewerking API 0.9.0
(``/verwerkingsacties``: the full records, for accountability). Klantbeeld writes its own
log; the write operations are not offered."""

from klantbeeld.api.common.api import StandardApi
from klantbeeld.api.verwerkingenlogging import verwerkingsacties, verwerkte_objecten

api = StandardApi(
    api_path="verwerkingenlogging/api/v1",
    scope="verwerkingenlogging",
    title="verwerkingenlogging",
    version="0.9.0",
    description="Logging van verwerkingen van Klantbeeld: inzage per persoon en de "
    "verwerkingsacties zelf.",
    urls_namespace="verwerkingenlogging",
)
for module in (verwerkte_objecten, verwerkingsacties):
    api.add_router("", module.router)

__all__ = ["api"]
