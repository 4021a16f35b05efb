"""The guide's words in the search vocabulary, for «Μήπως εννοούσατε…;»."""

from django.db import migrations

TABLE = "guide_procedure"


def _triggers():
    create = "".join(
        f"CREATE TRIGGER {TABLE}_words_{event.lower()} AFTER {event} ON {TABLE} "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION portal_collect_search_words();"
        for event in ("INSERT", "UPDATE")
    )
    drop = "".join(f"DROP TRIGGER {TABLE}_words_{event} ON {TABLE};" for event in ("insert", "update"))
    return migrations.RunSQL(create, drop)


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0001_initial"),
        ("portal", "0006_search_extensions"),
    ]

    operations = [_triggers()]
