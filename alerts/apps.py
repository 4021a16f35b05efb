from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal.navigation import NavEntry
from portal.seeding import Seeder


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Ειδοποιήσεις με email")
    navigation = (NavEntry("alerts:index", _("Ειδοποιήσεις"), position=90),)
    personal_data = "alerts.personal_data.provider"
    account_sections = ("alerts.account.section",)
    # After the complaints and procurement it follows.
    seeders = (Seeder("alerts.seed", order=100),)
    # Immediate alerts: queued when another app makes something public (portal.alerting).
    public_change_listener = "alerts.tasks.queue_immediate_alerts"
