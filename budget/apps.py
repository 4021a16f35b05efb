from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.navigation import NavEntry
from portal.seeding import Seeder


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Προϋπολογισμός")
    navigation = (NavEntry("budget:index", _("Προϋπολογισμός"), position=50),)
    seeders = (Seeder("budget.seed", order=50),)
