"""Channels: the ways messages come in and go out; each registers through the domain's
intake service."""
