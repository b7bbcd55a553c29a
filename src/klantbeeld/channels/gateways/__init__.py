"""Klantbeeld's low-level clients for the providers that carry its written messages: an
SMS provider (Twilio Programmable Messaging, ``sms``) and a messaging gateway (the WhatsApp
Business Platform Cloud API, ``whatsapp``). Plain, typed and synchronous; the channel
adapters call them from the outbox and from their webhook views."""
