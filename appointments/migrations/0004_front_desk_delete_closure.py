from django.db import migrations

from portal.roles import Role, grant


def grant_delete_closure(apps, schema_editor):
    # A closure entered by mistake is removed by the desk that entered it.
    grant(apps, Role.FRONT_DESK, "appointments", ["delete_closure"])


class Migration(migrations.Migration):
    dependencies = [("appointments", "0003_service_slug_reserved")]

    operations = [migrations.RunPython(grant_delete_closure, migrations.RunPython.noop)]
