"""Business actions on the register. Adapters call these; none holds rules of its own.

One module per area: partijen, klantcontacten, actoren, internetaken, contactgegevens.
Every action takes a ``ChangeContext`` (who makes the change) and records it in the
audit trail in the same transaction as the change.
"""
