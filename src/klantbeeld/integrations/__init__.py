"""Adapters to the municipality's other registers: the ZGW APIs (zaken, documenten,
besluiten, catalogi), and later TOPdesk and others."""
