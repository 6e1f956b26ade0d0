"""Search that ignores Vietnamese diacritics and case.

Every article keeps a folded copy of its text (`search_title`,
`search_document`): lower case, without diacritics, "đ" as "d", words
separated by single spaces, with a space at both ends. A query is folded the
same way and each of its words must begin a word of the document, so "dang
bo", "Đảng bộ" and "ĐẢNG BỘ" find the same articles and "bie" finds "Biên".

The match is a plain `LIKE '% word%'`, the same on SQLite and PostgreSQL. On
PostgreSQL a pg_trgm GIN index on `search_document` (migration 0003) answers
it without reading every article; see the README for why trigrams rather than
full-text search.
"""

import html
import re
import unicodedata

from django.db.models import Case, Subquery, Value, When
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
# Results are counted up to this many, and "most relevant" ranks this many
# of the newest matches: common words match tens of thousands of articles,
# and counting or scoring them all would cost seconds on every search.
COUNT_LIMIT = 100
RELEVANCE_POOL = 500
_COMBINING = re.compile(r"[\u0300-\u036f]")
_WORD = re.compile(r"[^\W_]+")
_D = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text):
    """`text` in lower case without diacritics: "Đảng bộ" → "dang bo"."""
    decomposed = unicodedata.normalize("NFD", text)
    return _COMBINING.sub("", decomposed).translate(_D).lower()


def words(text):
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


def html_to_text(body):
    """The readable text of an article body, tags removed, entities decoded."""
    spaced = re.sub(r"<(/p|br|/h\d|/li|/figcaption|/blockquote)\b", r" <\1", body or "")
    return re.sub(r"\s+", " ", html.unescape(strip_tags(spaced))).strip()


def document(*texts):
    """The stored search form of `texts`: folded words between spaces."""
    found = [word for text in texts for word in words(text)]
    return f" {' '.join(found)} " if found else ""


def query_words(query):
    """The distinct folded words of a reader's query, at most MAX_WORDS."""
    unique = []
    for word in words(query):
        if word not in unique:
            unique.append(word)
    return unique[:MAX_WORDS]


def matching(queryset, terms):
    """Articles whose text has a word beginning with each of `terms`."""
    for term in terms:
        queryset = queryset.filter(search_document__contains=f" {term}")
    return queryset


def by_relevance(queryset, terms):
    """The RELEVANCE_POOL newest of `queryset`, ordered by a simple score:
    the whole phrase in the title counts most, then each word in the title,
    then the phrase anywhere; newest first among equals."""
    newest = queryset.order_by("-published_at", "-pk").values("pk")[:RELEVANCE_POOL]
    queryset = queryset.filter(pk__in=Subquery(newest))
    phrase = " " + " ".join(terms)
    score = Case(When(search_title__contains=phrase, then=Value(6)), default=Value(0))
    for term in terms:
        score += Case(When(search_title__contains=f" {term}", then=Value(2)), default=Value(0))
    score += Case(When(search_document__contains=phrase, then=Value(1)), default=Value(0))
    return queryset.annotate(relevance=score).order_by("-relevance", "-published_at", "-pk")


class _AlignedFold(dict):
    """A `str.translate` table folding each character to one character: its
    fold, or itself when folding would change the length. Filled as
    characters are met (articles use a few hundred)."""

    def __missing__(self, code):
        char = chr(code)
        folded = fold(char)
        self[code] = value = folded if len(folded) == 1 else char
        return value


_ALIGNED_FOLD = _AlignedFold()


def _fold_aligned(text):
    """`fold(text)` with one character for each character of `text`, so that
    positions found in the folded text mark the same words in the original."""
    return text.translate(_ALIGNED_FOLD)


def _spans(text, terms):
    folded = _fold_aligned(text)
    spans = []
    for term in terms:
        for found in re.finditer(r"(?<![^\W_])" + re.escape(term) + r"[^\W_]*", folded):
            spans.append((found.start(), found.end()))
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mentions(text, terms):
    """Whether a word of `text` begins with one of `terms`."""
    return bool(_spans(unicodedata.normalize("NFC", text), terms))


def highlight(text, terms):
    """`text`, escaped, with the beginnings of words matching `terms` in <mark>."""
    text = unicodedata.normalize("NFC", text)
    parts, last = [], 0
    for start, end in _spans(text, terms):
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def excerpt(text, terms, width=220):
    """About `width` characters of `text` around the first match,
    highlighted; the beginning of `text` when nothing matches."""
    text = unicodedata.normalize("NFC", text)
    spans = _spans(text, terms)
    if len(text) <= width:
        return highlight(text, terms)
    start = max(0, spans[0][0] - width // 3) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = start + width
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + highlight(text[start:end], terms) + suffix)  # noqa: S308
