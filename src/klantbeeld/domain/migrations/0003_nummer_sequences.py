# On PostgreSQL, numbers come from sequences (see domain/services/nummers.py), continuing
# where each series' row in domain_nummerreeks stopped.

from django.db import migrations

SERIES = (
    "partij.nummer",
    "klantcontact.nummer",
    "klantcontact.referentienummer",
    "internetaak.nummer",
    "internetaak.referentienummer",
)


def _name(series):
    return "klantbeeld_" + series.replace(".", "_")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Nummerreeks = apps.get_model("domain", "Nummerreeks")
    last = dict(Nummerreeks.objects.values_list("naam", "laatste"))
    for series in SERIES:
        schema_editor.execute(
            f"CREATE SEQUENCE IF NOT EXISTS {_name(series)} AS bigint MINVALUE 1 NO CYCLE"
        )
        if last.get(series):
            schema_editor.execute("SELECT setval(%s, %s)", [_name(series), last[series]])


def drop(apps, schema_editor):
    """Back to the rows of domain_nummerreeks, continuing where the sequences stopped."""
    if schema_editor.connection.vendor != "postgresql":
        return
    Nummerreeks = apps.get_model("domain", "Nummerreeks")
    with schema_editor.connection.cursor() as cursor:
        for series in SERIES:
            cursor.execute(f"SELECT last_value, is_called FROM {_name(series)}")
            last_value, is_called = cursor.fetchone()
            if is_called:
                Nummerreeks.objects.update_or_create(naam=series, defaults={"laatste": last_value})
            schema_editor.execute(f"DROP SEQUENCE {_name(series)}")


class Migration(migrations.Migration):
    dependencies = [("domain", "0002_rijtellingen")]
    operations = [migrations.RunPython(create, drop)]
