"""PostgreSQL contrib's unaccent and pg_trgm, portal_fold(), and the vocabulary of the search."""

import django.contrib.postgres.indexes
from django.db import migrations, models

from portal.extensions import require_extensions

# Every word (4 to 40 letters, no digits) of the search documents of the rows a
# statement inserted or updated: the vocabulary "Μήπως εννοούσατε…;" picks from.
COLLECT_WORDS = """
CREATE OR REPLACE FUNCTION portal_collect_search_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO portal_searchword (word)
    SELECT DISTINCT lexeme
    FROM new_rows, unnest(tsvector_to_array(to_tsvector('simple', new_rows.search_document)))
        AS lexeme
    WHERE char_length(lexeme) BETWEEN 4 AND 40 AND lexeme !~ '[0-9_]'
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
"""


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_english_names")]

    operations = [
        migrations.RunPython(require_extensions, migrations.RunPython.noop, elidable=False),
        migrations.CreateModel(
            name="SearchWord",
            fields=[("word", models.TextField(primary_key=True, serialize=False))],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        fields=["word"], name="portal_searchword_trgm", opclasses=["gin_trgm_ops"]
                    )
                ]
            },
        ),
        migrations.RunSQL(COLLECT_WORDS, "DROP FUNCTION portal_collect_search_words()"),
    ]
