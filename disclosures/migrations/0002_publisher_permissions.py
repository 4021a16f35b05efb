from django.db import migrations

PUBLISHER = [
    "view_faction", "add_faction", "change_faction",
    "view_official", "add_official", "change_official",
    "view_term", "add_term", "change_term", "delete_term",
    "view_declaration", "add_declaration", "change_declaration", "delete_declaration",
    "view_entry", "add_entry", "change_entry", "delete_entry",
]
TRANSPARENCY = ["view_faction", "view_official", "view_term", "view_declaration", "view_entry"]


def grant_permissions(apps, schema_editor):
    from portal.roles import Role, grant

    grant(apps, Role.DISCLOSURES_PUBLISHER, "disclosures", PUBLISHER)
    grant(apps, Role.TRANSPARENCY_STAFF, "disclosures", TRANSPARENCY)


def revoke_permissions(apps, schema_editor):
    from portal.roles import Role

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    permissions = permission_model.objects.filter(content_type__app_label="disclosures")
    for role in (Role.DISCLOSURES_PUBLISHER, Role.TRANSPARENCY_STAFF):
        group = group_model.objects.filter(name=role.value).first()
        if group is not None:
            group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0001_initial"),
        ("portal", "0002_roles"),
    ]

    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
