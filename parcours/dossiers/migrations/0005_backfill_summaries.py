"""Fill the summary columns of the rows stored before them (issue 9)."""

from django.db import migrations


def backfill(apps, schema_editor):
    from parcours.dossiers.summary import refresh_rows

    # The historical model: the columns as they are at this point of the migrations.
    refresh_rows(apps.get_model("dossiers", "Dossier").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0004_summary_columns"),
        # The documents read here carry the attendance records and the funding claims.
        ("attendance", "0001_initial"),
        ("funding", "0001_initial"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
