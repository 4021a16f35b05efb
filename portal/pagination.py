"""Pagination with a bounded count, so a list costs the same with a thousand rows or a million."""

from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    """Count at most `cap` rows; pages reach only that far (filters narrow the rest).

    An exact COUNT(*) over hundreds of thousands of rows, and OFFSETs deep into
    them, would grow with the register; this does not. A selector that has
    already counted (at most `cap + 1`, to choose a plan) passes `count` in, and
    the paginator does not count again.
    """

    def __init__(self, object_list, per_page, *, cap: int, count: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        if count is not None:
            self.__dict__["count"] = min(count, cap + 1)

    @cached_property
    def count(self) -> int:
        # Which rows come first does not change how many there are: no sort.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()  # type: ignore[attr-defined]

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap

    @property
    def shown_count(self) -> int:
        """How many rows the pages reach: the count, at most the cap."""
        return min(self.count, self.cap)

    @cached_property
    def num_pages(self) -> int:
        shown = self.shown_count
        if shown == 0 and not self.allow_empty_first_page:
            return 0
        return max(1, -(-(shown - self.orphans) // self.per_page))
