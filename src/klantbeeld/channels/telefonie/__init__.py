"""Telephony: the platform's call events (docs/telefonie.md), the screen-pop in the
agent's call panel, and call-back tasks for missed calls."""
