"""The BRP (Haal Centraal BRP API Personen): looking up and verifying a person from the
workspace, each look-up with its purpose (docs/brp-kvk.md)."""
