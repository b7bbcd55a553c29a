"""KVK's Handelsregister APIs (Zoeken, Basisprofiel, Vestigingsprofiel): looking up and
verifying a company from the workspace (docs/brp-kvk.md)."""
