"""Zaakmeldingen (C0322): the texts administrators keep per zaaktype and status, and the
sending of each melding on the resident's channel."""
