"""The intake API (api.py): letters from a scan street or DMS and websites' contact forms,
registered as klantcontacten with their task and documents. A Django app of its own for
what it keeps (models.py)."""
