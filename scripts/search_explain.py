"""EXPLAIN ANALYZE of the search page's queries on PostgreSQL.

Run it against a database filled by `manage.py generate_data`:

    DATABASE_URL=postgres://…/longbien_big DJANGO_SETTINGS_MODULE=longbien.settings.dev \\
        .venv/bin/python scripts/search_explain.py

For each query it prints how many articles match, whether the GIN index of
the words (news_article_search_words_idx, news/search.py) was used, and the
execution time PostgreSQL reports for the capped count (read from the index
table alone) and for the first page, plus the median time of the whole page
through Django's test client (Django alone, as without Varnish in front; the
menu comes from the fragment cache). With -v it prints both plans.
"""

import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "longbien.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from news import search  # noqa: E402
from news.forms import SearchForm  # noqa: E402
from news.models import Article  # noqa: E402
from news.paginators import SearchPaginator  # noqa: E402
from news.search import COUNT_LIMIT  # noqa: E402
from news.views import SearchView  # noqa: E402

QUERIES = [
    {"q": "Thạch Bàn"},  # a ward name: a few thousand articles
    {"q": "thach ban", "sap_xep": "lien-quan"},
    {"q": "số 4242"},  # rare: one article
    {"q": "so 4242", "sap_xep": "lien-quan"},
    {"q": "khong co tu nay"},  # nothing
    {"q": "dang bo"},  # common words
    {"q": "dang bo", "sap_xep": "lien-quan"},
    {"q": '"cầu vượt"'},  # a phrase nobody wrote
    {"q": '"thạch bàn"'},  # a phrase many articles have
    {"q": '"cầu vượt"', "sap_xep": "lien-quan"},
    {"q": "ddaij hooij"},  # Telex
    {"q": "long bien", "chuyen_muc": "do-thi", "tu_ngay": "2025-01-01"},
]
TIME = re.compile(r"Execution Time: ([\d.]+) ms")


def explain_sql(sql, params, matches=None):
    """The plan of `sql`; with `matches`, run as that count is run
    (news.search.Matches.fetch: a phrase's count is made to use its index)."""
    sql = f"EXPLAIN (ANALYZE, BUFFERS) {sql}"
    if matches:
        rows = matches.fetch(sql, params)
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    plan = "\n".join(row[0] for row in rows)
    took = TIME.search(plan)
    return float(took.group(1)), "news_article_search_" in plan and "_idx" in plan, plan


def explain(queryset):
    plan = queryset.explain(analyze=True, buffers=True)
    # No plan when Django knows there is nothing to ask (no match: id IN ()).
    took = TIME.search(plan)
    return float(took.group(1)) if took else 0.0, "article_search_vector_idx" in plan, plan


def page_times(client, params, runs=5):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(reverse("news:search"), params)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def main():
    if connection.vendor != "postgresql":
        sys.exit("This script measures PostgreSQL; set DATABASE_URL to a PostgreSQL database.")
    settings.ALLOWED_HOSTS = ["*"]
    total = Article.objects.published().count()
    print(f"{total} public articles; {settings.NEWS_PAGE_SIZE} results per page\n")
    columns = ["matches", "index", "count ms", "page ms", "view ms"]
    print(f"{'query':<58} " + " ".join(f"{c:>8}" for c in columns))
    client = Client()
    verbose = "-v" in sys.argv
    for params in QUERIES:
        form = SearchForm(params)
        assert form.is_valid(), form.errors
        results = search.with_passage(form.filter(SearchView.searchable()))
        matches = results.count()
        # The page counts at most COUNT_LIMIT + 1 matches, from the index table.
        matched = form.matches()
        count_ms, used_index, count_plan = explain_sql(*matched.counted_sql(COUNT_LIMIT), matched)
        # The page as SearchPaginator reads it: by id when every match was
        # counted; else the newest ids from the index table, or (ranked)
        # the newest COUNT_LIMIT ranked.
        paginator = SearchPaginator(results, settings.NEWS_PAGE_SIZE, matches=form.matches())
        paginator.count  # noqa: B018 - counted first: the page is timed alone
        start = time.perf_counter()
        shown = paginator.page(1).object_list
        if isinstance(shown, list):
            # Newest first: read by Matches.shown (with, past the count,
            # the page's ids from the index table). Timed here, in full.
            page_ms, plan = (time.perf_counter() - start) * 1000, ""
            if paginator.capped:
                plan = explain_sql(*form.matches().newest_sql(0, settings.NEWS_PAGE_SIZE))[2]
        else:
            page_ms, _, plan = explain(shown)
        view_ms = page_times(client, params)
        label = " ".join(f"{k}={v}" for k, v in params.items())
        print(
            f"{label:<58} {matches:>8} {'yes' if used_index else 'no':>8} "
            f"{count_ms:>8.1f} {page_ms:>8.1f} {view_ms:>8.1f}"
        )
        if verbose:
            print(count_plan, "\n")
            print(plan, "\n")


if __name__ == "__main__":
    main()
