# Row counts kept by triggers on PostgreSQL (see domain/models/tellingen.py).

from django.db import migrations, models

COUNTED = [
    "domain_partij",
    "domain_partijidentificator",
    "domain_digitaaladres",
    "domain_rekeningnummer",
    "domain_vertegenwoordigden",
    "domain_categorie",
    "domain_categorierelatie",
    "domain_klantcontact",
    "domain_betrokkene",
    "domain_onderwerpobject",
    "domain_bijlage",
    "domain_actorklantcontact",
    "domain_actor",
    "domain_internetaak",
    "domain_persoon",
    "domain_organisatie",
]

FUNCTION = """
CREATE OR REPLACE FUNCTION klantbeeld_tel_rijen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO domain_rijtelling (tabel, aantal)
        SELECT TG_TABLE_NAME, count(*) FROM nieuw HAVING count(*) > 0;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO domain_rijtelling (tabel, aantal)
        SELECT TG_TABLE_NAME, -count(*) FROM oud HAVING count(*) > 0;
    ELSE  -- TRUNCATE
        DELETE FROM domain_rijtelling WHERE tabel = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in COUNTED:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_tel_insert AFTER INSERT ON {table} "
            "REFERENCING NEW TABLE AS nieuw FOR EACH STATEMENT "
            "EXECUTE FUNCTION klantbeeld_tel_rijen()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_tel_delete AFTER DELETE ON {table} "
            "REFERENCING OLD TABLE AS oud FOR EACH STATEMENT "
            "EXECUTE FUNCTION klantbeeld_tel_rijen()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_tel_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION klantbeeld_tel_rijen()"
        )
        schema_editor.execute(
            f"INSERT INTO domain_rijtelling (tabel, aantal) SELECT '{table}', count(*) FROM {table}"
        )


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in COUNTED:
        for kind in ("insert", "delete", "truncate"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_tel_{kind} ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS klantbeeld_tel_rijen()")


class Migration(migrations.Migration):
    dependencies = [("domain", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Rijtelling",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("tabel", models.CharField(db_index=True, max_length=63)),
                ("aantal", models.BigIntegerField()),
            ],
            options={"verbose_name": "rijtelling", "verbose_name_plural": "rijtellingen"},
        ),
        migrations.RunPython(install, uninstall),
    ]
