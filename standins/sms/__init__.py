"""A local SMS provider for tests and demos: Twilio Programmable Messaging (REST API
2010-04-01) on loopback, checked against Twilio's documents (tests/specs/README.md).

As Twilio does, it

- takes ``POST /2010-04-01/Accounts/{AccountSid}/Messages.json`` (form encoded) with HTTP
  Basic authentication by the account's SID and auth token (401, code 20003, otherwise),
  from one of the account's senders or Messaging Services, and answers 201 with the
  message resource (``status`` queued, or accepted through a Messaging Service);
- refuses what breaks the document (recorded in ``violations``), a ``To`` that is not
  E.164 (21211), a number that cannot receive SMS (21614), an unknown sender (21606), an
  empty or too long body (21602, 21617), a bad StatusCallback URL (21609);
- then posts status callbacks to the message's StatusCallback, form encoded and signed
  with X-Twilio-Signature: ``sent``, then ``delivered`` (``undelivered`` with 30003 for a
  number configured unreachable).

Every answer it gives and every callback it posts is checked against the documents too; an
answer that breaks them becomes a 500 and a violation, so its tests catch it.

    python -m standins.sms --port 8003 --account-env ACxxxx:VARIABLE --sender Gemeente
"""

from standins.sms.provider import Callback, LocalSmsProvider, SentSms
from standins.sms.server import sms_provider

__all__ = ["Callback", "LocalSmsProvider", "SentSms", "sms_provider"]
