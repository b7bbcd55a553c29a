"""The organisation's mail servers, on loopback: Debian's Dovecot as the IMAP server that
holds the mailboxes Klantbeeld reads (``dovecot.dovecot``), and an SMTP server
(``smtp.smtp_server``, aiosmtpd) that accepts Klantbeeld's outgoing mail, delivers mail for
the mailboxes into Dovecot and bounces undeliverable mail as a real MTA does.

    python -m standins.mail --mailbox info@gemeente.local:SECRET
"""
