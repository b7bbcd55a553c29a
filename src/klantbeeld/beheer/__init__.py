"""The admin (``/admin/``) as Klantbeeld runs it: a second factor at sign-in, confidential
rows only for the roles that may see them, and every look at a person's data logged."""
