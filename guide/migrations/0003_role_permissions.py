from django.db import migrations

from portal.roles import Role, grant

PROCEDURE_MODELS = ["procedure", "evidence", "legalresource", "channel"]
CHARTER_MODELS = ["charter", "charterversion", "article"]


def grant_roles(apps, schema_editor):
    editors = [f"{verb}_{model}" for model in PROCEDURE_MODELS for verb in ("add", "change", "view")]
    editors += ["delete_evidence", "delete_legalresource", "delete_channel"]
    editors += ["view_lifeevent", "view_procedureversion"]
    # Each unit edits its own procedures (the admin scopes them by the staff member's unit).
    grant(apps, Role.DEPARTMENT_STAFF, "guide", editors)
    grant(apps, Role.DEPARTMENT_HEAD, "guide", editors)
    # The Transparency Department issues the guide, the charters and the regulations.
    everything = editors + [
        f"{verb}_{model}"
        for model in [*CHARTER_MODELS, "lifeevent"]
        for verb in ("add", "change", "view")
    ]
    everything += ["delete_article", "delete_lifeevent"]
    grant(apps, Role.TRANSPARENCY_STAFF, "guide", everything)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_roles"),
        ("guide", "0002_search_words"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
