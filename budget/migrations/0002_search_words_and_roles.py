"""The budget lines' words in the search vocabulary, and the roles' permissions."""

from django.db import migrations

from portal.roles import Role, grant

MODELS = ["year", "service", "account", "line", "revision", "change", "execution"]
VERBS = ("add", "change", "delete", "view")
TABLE = "budget_line"


def grant_roles(apps, schema_editor):
    grant(apps, Role.TRANSPARENCY_STAFF, "budget", [f"{v}_{m}" for m in MODELS for v in VERBS])
    viewer = ["view_line", "view_execution", "view_service", "view_account", "view_year"]
    grant(apps, Role.DEPARTMENT_STAFF, "budget", viewer)
    grant(apps, Role.DEPARTMENT_HEAD, "budget", viewer)


TRIGGERS = "".join(
    f"CREATE TRIGGER {TABLE}_words_{event.lower()} AFTER {event} ON {TABLE} "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION portal_collect_search_words();"
    for event in ("INSERT", "UPDATE")
)
DROP = "".join(f"DROP TRIGGER {TABLE}_words_{event} ON {TABLE};" for event in ("insert", "update"))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_search_extensions"),
        ("budget", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(TRIGGERS, DROP),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
