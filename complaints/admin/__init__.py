"""The complaints back office: the ticket queue and page, categories, reports.

`tickets` holds the queue, the ticket page and its actions (forms in `forms`,
filters, inlines and fieldsets in `parts`); `categories` the category admin.
"""

from complaints.admin.categories import CategoryAdmin
from complaints.admin.tickets import ComplaintAdmin

__all__ = ["CategoryAdmin", "ComplaintAdmin"]
