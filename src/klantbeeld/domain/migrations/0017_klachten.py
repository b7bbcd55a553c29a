# Complaints: the weeks of an extension (the term is computed from them), and on PostgreSQL
# the sequence of the complaints' numbers (domain/services/nummers.py, as migration 0003).

from django.db import migrations, models

SEQUENCE = "klantbeeld_klacht_nummer"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE} AS bigint MINVALUE 1 NO CYCLE"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP SEQUENCE IF EXISTS {SEQUENCE}")


class Migration(migrations.Migration):
    dependencies = [("domain", "0016_klachten_tevredenheid_relaties")]

    operations = [
        migrations.AddField(
            model_name="klacht",
            name="verdaging_weken",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.RunPython(create, drop),
    ]
