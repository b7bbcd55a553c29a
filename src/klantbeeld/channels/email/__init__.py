"""E-mail: mailboxes read into the register, and mail to customers sent over SMTP."""
