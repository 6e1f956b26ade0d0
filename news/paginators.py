from django.core.paginator import Paginator
from django.utils.functional import cached_property


def capped_count(queryset, limit):
    """How many rows `queryset` has, counting no further than `limit` + 1:
    exact up to `limit`, and `limit` + 1 for "more". PostgreSQL stops reading
    there, so the cost does not grow with a table of a million comments."""
    return queryset.order_by()[: limit + 1].count()


class CappedPaginator(Paginator):
    """A paginator that counts at most `limit` objects; `capped` tells the
    page to say "more than …" instead of an exact number, and the pages stop
    there."""

    limit = 1000

    @cached_property
    def _counted(self):
        return capped_count(self.object_list, self.limit)

    @cached_property
    def count(self):
        return min(self._counted, self.limit)

    @property
    def capped(self):
        return self._counted > self.limit
