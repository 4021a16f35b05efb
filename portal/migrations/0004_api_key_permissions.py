from django.db import migrations


def grant_api_keys(apps, schema_editor):
    from portal.roles import Role, grant

    grant(apps, Role.TRANSPARENCY_STAFF, "portal", ["view_apikey", "add_apikey", "change_apikey"])


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_api_key")]

    operations = [migrations.RunPython(grant_api_keys, migrations.RunPython.noop)]
