"""Search relevance may not silently get worse: the relevance set of
bench/relevance_corpus.py (56 queries: phrases, diacritics or none, Telex,
VNI, prefixes, tags, authors) scored as scripts/search_relevance.py scores
it, on whichever database the suite runs on."""

import pytest

from bench import relevance

pytestmark = pytest.mark.django_db

# The figures reached on both SQLite and PostgreSQL when the set was written.
PRECISION_AT_3 = 1.0
NDCG_AT_10 = 1.0


def test_relevance_holds_its_measured_figures(client):
    relevance.load()
    rows, precision, ndcg = relevance.measure(client)
    assert len(rows) >= 40
    misses = [(query, expected, found[:3]) for query, _, expected, found, p3, _ in rows if p3 < 1]
    assert precision >= PRECISION_AT_3, misses
    assert ndcg >= NDCG_AT_10, misses


def test_the_measure_tells_a_wrong_order_from_a_right_one():
    assert relevance.precision_at_3(["a", "b", "c"], ["a", "b"]) == 1
    assert relevance.precision_at_3(["x", "y", "a"], ["a", "b"]) == 0.5
    assert relevance.ndcg_at_10(["a", "b"], ["a", "b"]) == 1
    assert relevance.ndcg_at_10(["x", "a"], ["a"]) < relevance.ndcg_at_10(["a", "x"], ["a"])
