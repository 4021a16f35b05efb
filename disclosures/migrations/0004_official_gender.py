from django.db import migrations, models

# Greek first names of women end in -α, -η or -ω (with or without accent); men's in -ς.
FEMININE_ENDINGS = ("α", "ά", "η", "ή", "ω", "ώ")


def guess_gender(apps, schema_editor):
    """Fill the gender of existing officials from the first name; staff correct it in the admin."""
    Official = apps.get_model("disclosures", "Official")
    for official in Official.objects.only("pk", "name"):
        first = official.name.split()[0].lower() if official.name.split() else ""
        gender = "f" if first.endswith(FEMININE_ENDINGS) else "m"
        Official.objects.filter(pk=official.pk).update(gender=gender)


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0003_term_portfolio_public_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="official",
            name="gender",
            field=models.CharField(
                choices=[("f", "Γυναίκα"), ("m", "Άνδρας")],
                default="m",
                help_text="Για τη σωστή μορφή των τίτλων, π.χ. «Δημοτική Σύμβουλος».",
                max_length=1,
                verbose_name="φύλο",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(guess_gender, migrations.RunPython.noop),
    ]
