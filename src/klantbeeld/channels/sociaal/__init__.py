"""Social media: mentions and direct messages to the organisation's monitored accounts
become klantcontacten in the conversation queue; answers go back as a public reply or a
direct message (docs/sociale-media.md)."""
