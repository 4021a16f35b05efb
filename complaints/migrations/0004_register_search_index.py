"""Index the search vector of published complaints only: the register never searches the rest."""

import django.contrib.postgres.indexes
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0003_answered_at_and_report_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="complaint",
            name="complaints_complaint_search",
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("is_published", True)),
                fields=["search_vector"],
                name="complaints_register_search",
            ),
        ),
    ]
