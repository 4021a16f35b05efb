from django.db import migrations

from portal.roles import Role, grant


def grant_front_desk(apps, schema_editor):
    grant(
        apps,
        Role.FRONT_DESK,
        "appointments",
        [
            "view_service",
            "view_openinghours",
            "view_closure",
            "add_closure",
            "change_closure",
            "view_slot",
            "view_booking",
            "add_booking",
            "change_booking",
        ],
    )
    grant(apps, Role.TRANSPARENCY_STAFF, "appointments", ["view_service", "view_booking"])


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0001_initial"),
        ("portal", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_front_desk, migrations.RunPython.noop)]
