"""RSS and Atom feeds of new and changed procurement notices (published only)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.municipality import municipality
from procurement import selectors


class ProcurementFeed(Feed):
    link = reverse_lazy("procurement:index")

    def title(self):
        return _("%(municipality)s — Προμήθειες: νέες και ενημερωμένες προκηρύξεις") % {
            "municipality": municipality().name
        }

    def description(self):
        return _("Διαγωνισμοί, αναθέσεις, συμβάσεις και πληρωμές του %(municipality)s.") % {
            "municipality": municipality().name_genitive
        }

    def items(self):
        return selectors.feed_procurements()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return _("%(status)s · %(type)s · %(procedure)s · %(department)s · %(amount)s €") % {
            "status": item.status_label,
            "type": item.contract_type_label,
            "procedure": item.procedure_label,
            "department": item.department.name,
            "amount": item.estimated_total,
        }

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_guid(self, item):
        return f"{item.get_absolute_url()}#{item.updated_at:%Y%m%d%H%M%S}"

    item_guid_is_permalink = False

    def item_categories(self, item):
        return [item.contract_type_label, item.status_label]


class ProcurementAtomFeed(ProcurementFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
