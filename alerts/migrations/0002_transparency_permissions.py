from django.db import migrations

from portal.roles import Role, grant


def grant_transparency(apps, schema_editor):
    grant(apps, Role.TRANSPARENCY_STAFF, "alerts", ["view_subscription"])


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("portal", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_transparency, migrations.RunPython.noop)]
