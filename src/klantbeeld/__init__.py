"""Klantbeeld: customer-relations register (GEMMA Relatiebeheercomponent)."""

__version__ = "0.1.0"
