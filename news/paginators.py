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
    """Search results, counted exactly up to news.search.COUNT_LIMIT; "most
    relevant" ranks that many of the newest matches.

    The count brings the matching ids with it when they are no more than
    the limit, and pages are then read by those ids: PostgreSQL cannot
    tell how rare a word is from a full-text condition, and would otherwise
    walk every public article newest first to find the one that has it
    (0.7 s for one match in 100,000).

    `matches` (news.search.Matches, on PostgreSQL) answers from the index
    table alone: the count (Matches.counted) and, when there are more than
    the limit, the ids of each page newest first, so that no page walks the
    articles themselves. A page newest first is read by Matches.shown or
    Matches.newest_shown, in one query of its own; ranked pages go through
    the queryset."""

    def __init__(self, *args, matches=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.matches = matches

    @property
    def limit(self):
        return search.COUNT_LIMIT

    @cached_property
    def _matched(self):
        """How many matches (up to the limit + 1) and, when they are no more
        than the limit, their ids."""
        if self.matches:
            return self.matches.counted(self.limit)
        ids = list(self.object_list.order_by().values_list("pk", flat=True)[: self.limit + 1])
        return len(ids), ids

    @property
    def _ids(self):
        return self._matched[1]

    @property
    def _counted(self):
        return self._matched[0]

    @cached_property
    def _narrowed(self):
        if not self.capped:
            return self.object_list.filter(pk__in=self._ids)
        if search.is_ranked(self.object_list):
            if self.matches:
                newest = self.matches.newest(0, self.limit)
            else:
                newest = self.object_list.order_by("-published_at", "-pk").values_list("pk")
                newest = [pk for (pk,) in newest[: self.limit]]
            self._ranked_ids = newest
            return self.object_list.filter(pk__in=newest)
        return self.object_list

    @cached_property
    def ranked_from(self):
        """Past the limit, most relevant first: the oldest of the newest
        matches ranked (its pk and publish time), which the results go on
        after ("Tìm tiếp"); else None."""
        self._narrowed  # noqa: B018 - ranks, or not
        ids = getattr(self, "_ranked_ids", None)
        if not ids:
            return None
        # first(), not get(): the article may be deleted since it was ranked.
        return self.object_list.model.objects.only("published_at").filter(pk=ids[-1]).first()

    def page(self, number):
        if self.matches and not search.is_ranked(self.object_list):
            number = self.validate_number(number)
            bottom = (number - 1) * self.per_page
            top = bottom + self.per_page
            if top + self.orphans >= self.count:
                top = self.count  # as Paginator.page: the pages stop at the count
            if self.capped:
                shown = self.matches.newest_shown(bottom, top - bottom)
            else:
                shown = self.matches.shown(self._ids, bottom, top - bottom)
            return self._get_page(shown, number, self)
        self.object_list = self._narrowed
        return super().page(number)


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
        count = caching.recall(key)
        if count is None:
            count = super().count
            caching.keep(self.request, key, count, 3600, drawn_from=current)
        return count
