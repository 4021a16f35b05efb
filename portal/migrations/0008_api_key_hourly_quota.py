import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("portal", "0007_session_generation")]

    operations = [
        migrations.AddField(
            model_name="apikey",
            name="hourly_quota",
            field=models.PositiveIntegerField(
                default=10,
                help_text=(
                    "Πόσα νέα αιτήματα (POST) δέχεται η διαδικτυακή υπηρεσία με αυτό το "
                    "κλειδί ανά ώρα. Αυξήστε το για συγκεντρωτικές εφαρμογές."
                ),
                validators=[
                    django.core.validators.MinValueValidator(1),
                    django.core.validators.MaxValueValidator(100000),
                ],
                verbose_name="όριο αιτημάτων ανά ώρα",
            ),
        ),
    ]
