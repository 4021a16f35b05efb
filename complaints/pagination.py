"""Pagination with a bounded count, so a list costs the same with a thousand rows or a million."""

from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    """Count at most `cap` rows; pages reach only that far (filters narrow the rest).

    An exact COUNT(*) over hundreds of thousands of published complaints, and
    OFFSETs deep into them, would grow with the register; this does not.
    """

    def __init__(self, object_list, per_page, *, cap: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        # Which rows come first does not change how many there are: no sort.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        shown = min(self.count, self.cap)
        if shown == 0 and not self.allow_empty_first_page:
            return 0
        return max(1, -(-(shown - self.orphans) // self.per_page))
