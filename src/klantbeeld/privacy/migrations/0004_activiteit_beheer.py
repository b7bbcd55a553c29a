"""Looking at personal data in the admin is logged too, under an activity of its own;
administrators rename it or mark another activity as the default for "beheer"."""

from django.db import migrations


def add(apps, schema_editor):
    Verwerkingsactiviteit = apps.get_model("privacy", "Verwerkingsactiviteit")
    if any("beheer" in a.standaard_voor for a in Verwerkingsactiviteit.objects.all()):
        return
    Verwerkingsactiviteit.objects.get_or_create(
        naam="Functioneel beheer van het klantregister", defaults={"standaard_voor": ["beheer"]}
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_verwerkt_object_id")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
