"""App messages (C9853): residents' messages from the messaging gateway (the WhatsApp
Business Platform Cloud API) taken in by webhook and grouped into conversation units, each
registered as one klantcontact with its transcript; the employee's answers sent back
through the gateway. docs/app-en-sms.md describes the set-up."""
