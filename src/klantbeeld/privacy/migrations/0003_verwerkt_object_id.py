"""Each verwerkt object gets its own identifier, as the VNG inzage API serves it
(``verwerktObjectId``); existing rows get one each."""

import uuid

from django.db import migrations, models


def give_ids(apps, schema_editor):
    # The historical model has a plain manager: the log's own refusal to change rows does
    # not apply to this one-time addition of a key.
    VerwerktObject = apps.get_model("privacy", "VerwerktObject")
    for pk in VerwerktObject.objects.values_list("pk", flat=True).iterator():
        VerwerktObject.objects.filter(pk=pk).update(verwerkt_object_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_standaard_activiteit")]

    operations = [
        migrations.AddField(
            model_name="verwerktobject",
            name="verwerkt_object_id",
            field=models.UUIDField(null=True, verbose_name="verwerkt-object-ID"),
        ),
        migrations.RunPython(give_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="verwerktobject",
            name="verwerkt_object_id",
            field=models.UUIDField(
                default=uuid.uuid4, unique=True, verbose_name="verwerkt-object-ID"
            ),
        ),
    ]
