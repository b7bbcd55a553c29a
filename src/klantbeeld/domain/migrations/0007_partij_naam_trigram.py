# The workspace finds customers by any part of their name (icontains on four columns, one
# condition per word): on PostgreSQL trigram indexes on UPPER(column) serve those.

from django.db import migrations

COLUMNS = [
    "contactnaam_achternaam",
    "contactnaam_voornaam",
    "contactnaam_voorvoegsel_achternaam",
    "naam",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS domain_partij_{column}_trgm ON domain_partij "
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS domain_partij_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("domain", "0006_opvolging")]
    operations = [migrations.RunPython(create, drop)]
