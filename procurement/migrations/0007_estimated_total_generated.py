# The total becomes a stored generated column (net + VAT), replacing Procurement.save().
# A column cannot turn into a generated one in place: the indexes that hold it go,
# the column is added again as GENERATED ALWAYS AS … STORED, the indexes come back.
# The CHECK that the total equals net plus VAT is then true by construction.

from django.db import migrations, models
from django.db.models import F


class Migration(migrations.Migration):

    dependencies = [
        ('procurement', '0006_year_bounds'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='procurement',
            name='procurement_total_is_net_plus_vat',
        ),
        migrations.RemoveIndex(
            model_name='procurement',
            name='procurement_total_idx',
        ),
        migrations.RemoveIndex(
            model_name='procurement',
            name='procurement_filter_idx',
        ),
        migrations.RemoveField(
            model_name='procurement',
            name='estimated_total',
        ),
        migrations.AddField(
            model_name='procurement',
            name='estimated_total',
            field=models.GeneratedField(
                db_persist=True,
                expression=F('estimated_net') + F('estimated_vat'),
                output_field=models.DecimalField(decimal_places=2, max_digits=14),
                verbose_name='προϋπολογισμός με ΦΠΑ (€)',
            ),
        ),
        migrations.AddIndex(
            model_name='procurement',
            index=models.Index(fields=['estimated_total'], name='procurement_total_idx'),
        ),
        migrations.AddIndex(
            model_name='procurement',
            index=models.Index(fields=['is_published', 'status', 'contract_type'], include=('procedure', 'department', 'estimated_total', 'published_at', 'submission_deadline'), name='procurement_filter_idx'),
        ),
    ]
