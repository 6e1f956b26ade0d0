"""Search relevance, measured: the corpus of bench/relevance_corpus.py
loaded into the current database, each query asked of the search page as a
reader would (ordered by "Phù hợp nhất"), and two figures:

- precision@3: of the articles a query must find, the share in the first
  three results (out of three, or of fewer when fewer are expected);
- nDCG@10: the same articles' places in the first ten, each counting less
  the lower it comes (1 when they fill the first places).

Used by scripts/search_relevance.py and tests/news/test_search_relevance.py.
"""

import math
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.relevance_corpus import ARTICLES, QUERIES


def load():
    """Create the corpus's articles, published, with their authors and tags,
    through the models (so the index is kept as an editor's save keeps it)."""
    from news.models import Article, Author, Category, Tag

    category, _ = Category.objects.get_or_create(slug="thoi-su", defaults={"name": "Thời sự"})
    now = timezone.now()
    authors, tags = {}, {}
    for key, title, lead, body, tag_names, author, days in ARTICLES:
        if author not in authors:
            authors[author] = Author.objects.create(name=author)
        article = Article.objects.create(
            title=title,
            slug=key,
            lead=lead,
            body=f"<p>{body}</p>",
            category=category,
            author=authors[author],
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(days=days, hours=1),
        )
        for name in tag_names:
            if name not in tags:
                tags[name] = Tag.objects.create(name=name)
        article.tags.add(*(tags[name] for name in tag_names))


def ranked(client, query):
    """The slugs of the first ten results for `query`, most relevant first."""
    response = client.get(reverse("news:search"), {"q": query, "sap_xep": "lien-quan"})
    assert response.status_code == 200, response.status_code
    return [article.slug for article in response.context["object_list"]][:10]


def precision_at_3(found, expected):
    return len(set(found[:3]) & set(expected)) / min(3, len(expected))


def ndcg_at_10(found, expected):
    dcg = sum(1 / math.log2(n + 2) for n, slug in enumerate(found[:10]) if slug in expected)
    ideal = sum(1 / math.log2(n + 2) for n in range(min(10, len(expected))))
    return dcg / ideal


def measure(client=None):
    """Per query (query, kind, expected, found, p@3, nDCG@10), and the means."""
    client = client or Client()
    rows = []
    for query, expected, kind in QUERIES:
        found = ranked(client, query)
        rows.append(
            (
                query,
                kind,
                expected,
                found,
                precision_at_3(found, expected),
                ndcg_at_10(found, expected),
            )
        )
    precision = sum(row[4] for row in rows) / len(rows)
    ndcg = sum(row[5] for row in rows) / len(rows)
    return rows, precision, ndcg
