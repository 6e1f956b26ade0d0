from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import caching, search


def capped_count(queryset, limit):
    """How many rows `queryset` has, counting no further than `limit` + 1:
    exact up to `limit`, and `limit` + 1 for "more". PostgreSQL stops reading
    there, so the cost does not grow with a table of a million comments."""
    # Only the filter matters: no joins, annotations or columns to carry.
    return queryset.order_by().values("pk")[: limit + 1].count()


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


class SearchPaginator(CappedPaginator):
    """Search results, counted exactly up to news.search.COUNT_LIMIT."""

    @property
    def limit(self):
        return search.COUNT_LIMIT


class TaggedCountPaginator(Paginator):
    """A paginator of a public list whose count is kept in the cache until
    the list's cache tag changes (news/caching.py): the number of public
    articles changes only when one is saved, deleted or falls due, and
    counting 100,000 of them took 9 ms of every list page."""

    def __init__(self, *args, tag, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.tag = tag
        self.request = request

    @cached_property
    def count(self):
        current = caching.versions([self.tag], self.request)
        key = f"news:count:{self.tag}:{current[self.tag][0]}"
        count = cache.get(key)
        if count is None:
            count = super().count
            caching.keep(self.request, key, count, 3600, drawn_from=current)
        return count
