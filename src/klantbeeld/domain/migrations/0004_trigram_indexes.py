# Substring filters (``onderwerp``, ``adres__icontains``, …) on PostgreSQL use trigram
# indexes on UPPER(column), the expression Django's icontains compares.

from django.db import migrations

SUBSTRING_COLUMNS = [
    ("domain_klantcontact", "onderwerp"),
    ("domain_klantcontact", "inhoud"),
    ("domain_klantcontact", "reactie"),
    ("domain_digitaaladres", "adres"),
    ("domain_digitaaladres", "omschrijving"),
    ("domain_actor", "naam"),
]


def _name(table, column):
    return f"{table}_{column}_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in SUBSTRING_COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_name(table, column)} ON {table} "
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in SUBSTRING_COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_name(table, column)}")


class Migration(migrations.Migration):
    dependencies = [("domain", "0003_nummer_sequences")]
    operations = [migrations.RunPython(create, drop)]
