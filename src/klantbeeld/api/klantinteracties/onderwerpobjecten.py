"""`/onderwerpobjecten`: not yet served (being built)."""

from ninja import Router

router = Router(tags=["onderwerpobjecten"])
