from django.db import migrations

MODELS = ["category", "categoryquestion", "complaint", "timelineentry", "attachment"]
ALL_MODEL_PERMISSIONS = [
    f"{verb}_{model}" for model in MODELS for verb in ("add", "change", "delete", "view")
]
CUSTOM = ["view_contact_data", "export_complaints", "view_report"]
DEPARTMENT_STAFF = [
    "view_complaint",
    "change_complaint",
    "view_category",
    "view_timelineentry",
    "add_timelineentry",
    "view_attachment",
]


def grant_permissions(apps, schema_editor):
    from portal.roles import Role, grant

    grant(apps, Role.TRANSPARENCY_STAFF, "complaints", ALL_MODEL_PERMISSIONS + CUSTOM)
    grant(apps, Role.DEPARTMENT_STAFF, "complaints", DEPARTMENT_STAFF)
    grant(
        apps,
        Role.DEPARTMENT_HEAD,
        "complaints",
        [*DEPARTMENT_STAFF, "view_report", "export_complaints"],
    )
    grant(apps, Role.FRONT_DESK, "complaints", ["add_complaint", "view_category"])


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_initial"),
        ("portal", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_permissions, migrations.RunPython.noop)]
