"""When a complaint got its final answer, its days to resolution, and an index for the report.

Complaints already answered take the moment of their last resolution or
rejection from their timeline. The two generated columns and the covering
index let the semiannual report read only the index, never the wide rows.
"""

import zoneinfo

import django.db.models.functions.datetime
import django.db.models.lookups
from django.db import migrations, models

import complaints.models

GREEK_TIME = zoneinfo.ZoneInfo(key="Europe/Athens")

BACKFILL_ANSWERED_AT = """
    UPDATE complaints_complaint AS c
    SET answered_at = answers.answered_at
    FROM (
        SELECT complaint_id, MAX(created_at) AS answered_at
        FROM complaints_timelineentry
        WHERE to_status IN ('resolved', 'rejected')
        GROUP BY complaint_id
    ) AS answers
    WHERE answers.complaint_id = c.id
      AND c.status IN ('resolved', 'rejected', 'closed')
"""


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_role_permissions"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="complaint",
            name="complaints_submitted_at",
        ),
        migrations.AddField(
            model_name="complaint",
            name="answered_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Πότε δόθηκε η τελική απάντηση (επίλυση ή αιτιολογημένη απόρριψη).",
                null=True,
                verbose_name="απαντήθηκε",
            ),
        ),
        migrations.RunSQL(sql=BACKFILL_ANSWERED_AT, reverse_sql=migrations.RunSQL.noop),
        migrations.AddField(
            model_name="complaint",
            name="resolution_days",
            field=models.GeneratedField(
                db_persist=True,
                expression=complaints.models.DaysBetween(
                    django.db.models.functions.datetime.TruncDate("resolved_at", tzinfo=GREEK_TIME),
                    django.db.models.functions.datetime.TruncDate(
                        "submitted_at", tzinfo=GREEK_TIME
                    ),
                ),
                output_field=models.IntegerField(verbose_name="ημέρες ως την επίλυση"),
            ),
        ),
        migrations.AddField(
            model_name="complaint",
            name="answered_on_time",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.db.models.lookups.LessThanOrEqual(
                    django.db.models.functions.datetime.TruncDate("answered_at", tzinfo=GREEK_TIME),
                    models.F("deadline"),
                ),
                output_field=models.BooleanField(verbose_name="απαντήθηκε εμπρόθεσμα"),
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                fields=["submitted_at"],
                include=(
                    "category",
                    "department",
                    "status",
                    "deadline",
                    "resolution_days",
                    "answered_on_time",
                    "satisfaction",
                ),
                name="complaints_report",
            ),
        ),
    ]
