"""A first processing activity, so the workspace can be used before the organisation has
entered its own register; administrators rename or replace it."""

from django.db import migrations


def add(apps, schema_editor):
    Verwerkingsactiviteit = apps.get_model("privacy", "Verwerkingsactiviteit")
    if not Verwerkingsactiviteit.objects.exists():
        Verwerkingsactiviteit.objects.create(
            naam="Beantwoorden van vragen en verzoeken van inwoners en ondernemers",
            standaard_voor=["zoeken", "klantbeeld"],
        )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
