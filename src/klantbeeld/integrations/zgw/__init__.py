"""Klantbeeld as a client of the ZGW APIs (Zaken, Documenten, Besluiten, Catalogi).

Klantbeeld never copies those registers: it reads a partij's zaken when they are looked at
(``zaken``), creates zaken and documents for the domain services (``register``), and keeps
the registers' links to klantcontacten in step with its own onderwerpobjecten and bijlagen
(``koppelingen``, through the outbox)."""
