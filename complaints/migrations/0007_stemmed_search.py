"""Greek stems in the register's search vector, and its words in the search vocabulary."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

def _vector():
    return models.GeneratedField(
        db_persist=True,
        expression=django.contrib.postgres.search.CombinedSearchVector(
            django.contrib.postgres.search.SearchVector("search_document", config="simple"),
            "||",
            django.contrib.postgres.search.SearchVector("search_document", config="greek"),
            django.contrib.postgres.search.SearchConfig("simple"),
        ),
        output_field=django.contrib.postgres.search.SearchVectorField(),
    )


def _triggers(table):
    create = "".join(
        f"CREATE TRIGGER {table}_words_{event.lower()} AFTER {event} ON {table} "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION portal_collect_search_words();"
        for event in ("INSERT", "UPDATE")
    )
    backfill = (
        "INSERT INTO portal_searchword (word) SELECT DISTINCT lexeme "
        f"FROM {table}, unnest(tsvector_to_array(to_tsvector('simple', search_document))) "
        "AS lexeme WHERE char_length(lexeme) BETWEEN 4 AND 40 AND lexeme !~ '[0-9_]' "
        "ON CONFLICT DO NOTHING;"
    )
    drop = "".join(
        f"DROP TRIGGER {table}_words_{event} ON {table};" for event in ("insert", "update")
    )
    return migrations.RunSQL(create + backfill, drop)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0006_merge_20261203_1847"),
        ("portal", "0006_search_extensions"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="complaint", name="complaints_register_search"),
        migrations.RemoveField(model_name="complaint", name="search_vector"),
        migrations.AddField(model_name="complaint", name="search_vector", field=_vector()),
        migrations.AddIndex(
            model_name="complaint",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("is_published", True)),
                fields=["search_vector"],
                name="complaints_register_search",
            ),
        ),
        _triggers("complaints_complaint"),
    ]
