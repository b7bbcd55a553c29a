"""SMS to customers through the SMS provider (Twilio's Messages API), and the provider's
delivery reports. Offered only once the provider is configured (docs/app-en-sms.md)."""
