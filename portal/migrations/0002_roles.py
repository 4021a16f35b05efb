from django.db import migrations

ROLE_NAMES = [
    "Προσωπικό Τμήματος Διαφάνειας",
    "Προσωπικό Υπηρεσίας",
    "Προϊστάμενοι Υπηρεσιών",
    "Συντάκτες Προμηθειών",
    "Συντάκτες Δηλώσεων Περιουσίας",
    "Γραφείο Εξυπηρέτησης",
]

PORTAL_PERMISSIONS = {
    "Προσωπικό Τμήματος Διαφάνειας": [
        "view_department", "change_department", "add_department",
        "view_staffprofile", "view_auditentry",
    ],
    "Προσωπικό Υπηρεσίας": ["view_department"],
    "Προϊστάμενοι Υπηρεσιών": ["view_department", "view_staffprofile"],
    "Συντάκτες Προμηθειών": ["view_department"],
    "Συντάκτες Δηλώσεων Περιουσίας": ["view_department"],
    "Γραφείο Εξυπηρέτησης": ["view_department"],
}


def create_roles(apps, schema_editor):
    from portal.roles import Role, grant

    for role in Role:
        grant(apps, role, "portal", PORTAL_PERMISSIONS[role.value])


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
