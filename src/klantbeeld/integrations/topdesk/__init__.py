"""TOPdesk's incident API: escalating a contact or task to the second line as an incident
and reading back what happened to it (docs/topdesk.md)."""
