from django.db import migrations

from portal.roles import Role, grant


def grant_transparency(apps, schema_editor):
    # The Transparency Department publishes the ΟΕΥ (its charter, item 11).
    codenames = [f"{verb}_organisationdecision" for verb in ("add", "change", "view")]
    grant(apps, Role.TRANSPARENCY_STAFF, "portal", codenames)


class Migration(migrations.Migration):
    dependencies = [("portal", "0012_organisation")]

    operations = [migrations.RunPython(grant_transparency, migrations.RunPython.noop)]
