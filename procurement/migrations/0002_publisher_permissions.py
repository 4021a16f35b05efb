from django.db import migrations

from portal.roles import Role, grant

MODELS = ["procurement", "stage", "diavgeiadecision", "document", "supplier"]


def grant_publishers(apps, schema_editor):
    codenames = [f"{verb}_{model}" for model in MODELS for verb in ("add", "change", "view")]
    codenames += ["delete_stage", "delete_diavgeiadecision", "delete_document"]
    grant(apps, Role.PROCUREMENT_PUBLISHER, "procurement", codenames)
    grant(apps, Role.TRANSPARENCY_STAFF, "procurement", [f"view_{model}" for model in MODELS])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_roles"),
        ("procurement", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_publishers, migrations.RunPython.noop)]
