from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

from portal.catalogue import Dataset, Distribution
from portal.navigation import NavEntry
from portal.seeding import Seeder


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Πύλη")
    navigation = (
        NavEntry("portal:data_catalogue", _("Ανοικτά δεδομένα"), position=900),
        NavEntry("portal:department_list", _("Υπηρεσίες του Δήμου"), position=910),
    )
    # English names last, once every app's Greek records exist.
    seeders = (
        Seeder("portal.seed", order=0),
        Seeder("portal.seed_organisation", order=1),
        Seeder("portal.seed_english", order=1000),
    )
    # Department names appear on every app's public pages (portal/pagecache.py).
    page_cache_models = ("Department",)
    datasets = (
        Dataset(
            slug="organosi",
            title=_("Οργανισμός Εσωτερικών Υπηρεσιών: οι μονάδες του Δήμου"),
            description=_(
                "Κάθε ενεργή μονάδα του Δήμου (γενική διεύθυνση, διεύθυνση, τμήμα, γραφείο) "
                "με τη μονάδα στην οποία υπάγεται, τις αρμοδιότητες του ΟΕΥ, τη θέση του "
                "προϊσταμένου και τα στοιχεία επικοινωνίας."
            ),
            distributions=(
                Distribution(
                    "CSV",
                    "portal:organisation_csv",
                    "text/csv",
                    schema="portal.organisation_data.UNITS_SCHEMA",
                ),
                Distribution("JSON", "portal:organisation_json", "application/json"),
            ),
            update_frequency=_("Με κάθε αλλαγή του ΟΕΥ"),
            keywords=(_("οργανόγραμμα"), "ΟΕΥ", _("υπηρεσίες")),
            frequency="IRREG",
            temporal="portal.organisation_data.coverage",
        ),
    )

    def ready(self):
        from django.tasks.signals import task_finished

        from portal import (
            pagecache,
            signin,  # noqa: F401 - connects the sign-in signal receivers
        )

        pagecache.connect_signals()
        from portal.tasks import forget_finished_email

        task_finished.connect(forget_finished_email, dispatch_uid="portal.forget_finished_email")


class PortalAdminConfig(AdminConfig):
    default_site = "portal.admin_site.PortalAdminSite"
