"""Full-text search over articles, inside the database.

What is indexed. Each article's title, lead, body (as plain text) and its
tags and author's name, folded (news.text.fold: lower case, no diacritics,
"đ" as "d"), so that "dang bo", "Đảng bộ" and "ĐẢNG BỘ" find the same
articles; beside them the words that carry diacritics, as written, which
only rank (an article with exactly the reader's "lòng đường" comes before
one that matches only once folded, "Long ... đường"); and a plain-text
passage, the first PASSAGE_LENGTH characters of lead and body, from which a
result's excerpt is cut without reading the body.

The engines. On PostgreSQL, a table of its own, news_article_search
(migration 0012), one row an article: its folded words without positions
and its pairs of adjacent words, each under a GIN index, the positional
`tsvector` built here as a literal (title weight A, tags and author B, lead
B, body C), the words with diacritics, the passage, and copies of the
article's status, publish time and category kept by triggers, so that
matches are counted and paged from this table alone (`Matches`); queries
with `:*` beginnings and `<->` phrases, ranked by `ts_rank_cd`. On SQLite,
an FTS5 table (news_article_search, rowid = article id) with one column per
part, ranked by `bm25` (migration 0008).

Matching. Each word of the query must be a word of the article, the last
one only its beginning ("long bie" finds "Long Biên"); words in double
quotes must follow each other.

Ranking ("Phù hợp nhất"), the same rule on both databases, among the
COUNT_LIMIT newest matches: every adjacent pair of query words found side
by side counts (a Vietnamese word is two or three syllables: "giao thông"),
the whole query as a phrase counts more, the reader's diacritics found as
typed count, every word in the title counts, then the engine's own rank
(weights title > tags, author, lead > body, rounded so that near-equals
tie), and the newer article wins ties.

Queries typed in Telex ("ddaij hooij") or VNI ("d9a5i ho65i") are read as
the Vietnamese they stand for (`Query.typed`), unless the reader asks for the
literal words.

The index is kept in step in the same transaction as the change it follows
(`connect()`): an article, its tags, its author's name. `rebuild()` makes it
again (manage.py rebuild_search_index).
"""

import bisect
import re
import time
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

import bogo
from django.db import connection, transaction
from django.db.models import BooleanField, Expression, FloatField, TextField
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import MAX_WORDS, exact_words, fold, html_to_text, query_words, words

# Results are counted exactly up to this many ("Hơn 1000" beyond), and "most
# relevant" ranks this many of the newest matches: common words match tens
# of thousands of articles, and scoring them all would cost every search.
COUNT_LIMIT = 1000
PASSAGE_LENGTH = 1200
# PostgreSQL keeps at most 256 positions of a word and positions up to 16383,
# and refuses words over 2,047 bytes; no reader types a word of 60 letters.
_MAX_POSITIONS = 256
_MAX_POSITION = 16383
_MAX_WORD = 60


# The reader's query


@dataclass
class Query:
    """What a reader asked for: `terms`, the folded words each of which must
    begin a word of the article; `phrases`, runs of terms that must follow
    each other (typed in double quotes); `exact`, the words typed with
    diacritics, as typed; `typed`, what the reader typed when it was read as
    Telex or VNI (the terms are then those of the Vietnamese); `dropped`,
    the words past the first MAX_WORDS, which are not searched for (the
    page says so); `begun`, whether the last term is only a word's
    beginning: the reader may still be typing it ("long bie"), but not a
    number, which nobody types half of: "150" is not the beginning of
    "1.500" or of "15000".

    A word typed with diacritics is a beginning too: "bộ" finds "bồi" (its
    mark is on the "bộ" only). Taking a whole syllable typed with its marks
    for a whole word made "Việt Hư" find nothing, where "Việt Hưng" was
    meant: a reader on Telex stops at "hư" on the way to "hưng"."""

    terms: list = field(default_factory=list)
    phrases: list = field(default_factory=list)
    exact: list = field(default_factory=list)
    typed: str = ""
    text: str = ""
    dropped: list = field(default_factory=list)
    begun: bool = True

    @cached_property
    def exact_terms(self):
        """Each word of `exact` with its term: folding it again for every
        title and excerpt of a page cost a tenth of drawing them."""
        return [(word, fold(word)) for word in self.exact]

    def __bool__(self):
        return bool(self.terms)


_TYPED_WORD = re.compile(r"[^\W_]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "＂": '"'})
# A number written with a dot between thousands, as Vietnamese writes them
# ("3.000 hộ", "1.500.000 đồng"): one word, "3000", in the index and in a
# query, so that "3000" finds "3.000" and "3.000" does not search for "3"
# and "000" apart. A comma is Vietnamese for the decimal point ("2,5 km"):
# numbers with one stay as they are.
_GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})+(?!\d)")


def _joined(text):
    """`text` with each number grouped by thousands written whole."""
    if "." not in text:
        return text
    return _GROUPED.sub(lambda number: number.group().replace(".", ""), text)


def parse(query, literal=False):
    """The `Query` of what a reader typed; with `literal`, Telex and VNI
    are not looked for."""
    typed = ""
    if not literal:
        vietnamese = from_input_method(query)
        if vietnamese:
            typed, query = query, vietnamese
    joined = _joined(query)
    terms = query_words(joined)
    phrases = []
    # Phones type “ ” for the quotes of a phrase.
    for quoted in re.findall(r'"([^"]*)"', joined.translate(_QUOTES)):
        run = [word for word in words(quoted) if word in terms]
        if len(run) > 1:
            phrases.append(run)
    exact = []
    for word in exact_words(joined):
        if fold(word) != word and fold(word) in terms and word not in exact:
            exact.append(word)
    seen, dropped = set(terms), []
    for word in _TYPED_WORD.findall(unicodedata.normalize("NFC", joined)):
        if fold(word) not in seen:
            seen.add(fold(word))
            dropped.append(word)
    return Query(
        terms=terms,
        phrases=phrases,
        exact=exact[:MAX_WORDS],
        typed=typed,
        text=query,
        dropped=dropped,
        begun=bool(terms) and not terms[-1].isdigit(),
    )


# Telex and VNI

# A Vietnamese syllable without its marks: an onset, one to three vowels,
# a final consonant. Words that are one need no reading as Telex or VNI.
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?"
)
# What only Telex makes: doubled letters, w, a tone letter at the end, and
# j (the dot below) between a vowel and the final consonant ("thajch").
# Short words ("or", "as") are left alone: more often English than Telex.
# Other tone letters inside a word are looked for only beside a word read
# as Telex (_BESIDE_TELEX): "text", "best", "left" would read "tẽt", "bét",
# "lèt" far more often than "bafn" means "bàn".
_TELEX_SIGN = re.compile(r"dd|aa|ee|oo|w|..[aeiouymnptcgh][sfrxj]$|[aeiouy]j(ch|ng|nh|[cmnpt])$")
_VNI_SIGN = re.compile(r"[a-z][1-9]|[1-9][a-z]")
_RULES = {"telex": None, "vni": bogo.get_vni_definition()}


def _is_syllable(word):
    """Whether `word` reads as a Vietnamese syllable without its marks. A
    doubled a, e or o never does in Vietnamese spelling (but for a few
    loanwords such as "xoong"): it is Telex for â, ê, ô ("khoong", "tooi")."""
    return bool(_SYLLABLE.fullmatch(word)) and not _DOUBLED_VOWEL.search(word)


_DOUBLED_VOWEL = re.compile(r"aa|ee|oo")


# A short word ending in a tone letter ("vaf", "laf", "cos"), or a tone
# letter before the final consonant ("bafn"): Telex for "và", "là", "có",
# "bàn" right after a word read as Telex ("nguowif vaf xe", "thajch bafn"),
# elsewhere more often English ("gas", "ddi xe bus", "text").
_BESIDE_TELEX = re.compile(r"[aeiouy][sfrxj](ch|ng|nh|[cmnpt])?$")


def _read_word(word, method, short=False):
    """`word` read as typed with `method`, or None when it is not; with
    `short` (beside a word read as Telex), the Telex of _BESIDE_TELEX too."""
    lower = word.lower()
    sign = _TELEX_SIGN if method == "telex" else _VNI_SIGN
    signed = sign.search(lower) or (short and _BESIDE_TELEX.search(lower))
    if _is_syllable(lower) or not signed:
        return None
    rules = _RULES[method]
    read = bogo.process_sequence(lower, rules=rules) if rules else bogo.process_sequence(lower)
    read = unicodedata.normalize("NFC", read)
    if read == lower or not _is_syllable(fold(read)):
        return None
    return read


def from_input_method(query):
    """`query` as the Vietnamese it stands for when it was typed in Telex
    ("ddaij hooij") or VNI ("d9a5i ho65i") without an input method, else
    None. A word that is already a syllable ("long", "bien") is kept."""
    if fold(query) != query.lower():
        return None  # typed with diacritics: the reader has an input method
    pieces = re.split(r"([^\W_]+)", query)
    for method in ("telex", "vni"):
        words_ = pieces[1::2]
        read = [_read_word(word, method) for word in words_]
        if not any(read):
            continue
        if method == "telex":
            for n, word in enumerate(words_):
                if n and read[n - 1] and not read[n]:
                    read[n] = _read_word(word, method, short=True)
        out = pieces[:]
        out[1::2] = [found or word.lower() for word, found in zip(words_, read, strict=True)]
        return " ".join("".join(out).split())
    return None


# What is indexed


def entry(title, lead, body, tags, author):
    """The indexed parts of one article, from its fields, its tag names
    and its author's name."""
    body_text = html_to_text(body)
    # Each tag and the author's name apart: a phrase runs across none of them.
    extra = [*tags, author]
    passage = f"{lead} {body_text}".strip()
    if len(passage) > PASSAGE_LENGTH:
        cut = passage.rfind(" ", 0, PASSAGE_LENGTH)
        # Marked as cut: an excerpt reaching its end says the text goes on.
        passage = passage[: cut if cut > 0 else PASSAGE_LENGTH] + " …"
    return {
        "parts": [("A", title), ("B", extra), ("B", lead), ("C", body_text)],
        "passage": passage,
    }


def _tsvectors(parts):
    """Three PostgreSQL tsvector literals of `parts` (weight, text): the
    folded words at their positions, one position left empty between parts
    so that a phrase does not run from the title into the lead; the words
    that have diacritics, as written, without positions (they only rank,
    and kept apart they do not double what every match must read); and
    every two folded words that follow each other in a part, as one
    "first_second" word (a word never holds "_"), so that a phrase is found
    in the index instead of in the positions of every article having its
    words."""
    lexemes, exact, pairs = {}, set(), set()
    position = 0
    for weight, text in _pieces(parts):
        previous = None
        for word in exact_words(_joined(text)):
            if len(word) > _MAX_WORD:
                continue
            position += 1
            if position > _MAX_POSITION:
                break
            folded = fold(word)
            lexemes.setdefault(folded, []).append(f"{position}{weight}")
            if folded != word:
                exact.add(word)
            if previous:
                pairs.add(f"{previous}_{folded}")
            previous = folded
        position += 1
    folded = " ".join(
        f"'{word}':{','.join(found[:_MAX_POSITIONS])}" for word, found in lexemes.items()
    )
    return (
        folded,
        " ".join(f"'{word}'" for word in sorted(exact)),
        " ".join(f"'{pair}'" for pair in sorted(pairs)),
    )


def _pieces(parts):
    """`parts` with a part made of several texts (the tags and the author's
    name) given as one part a text."""
    for weight, text in parts:
        for piece in [text] if isinstance(text, str) else text:
            yield weight, piece


# FTS5 has no gap between words: a word nobody types, between the texts of
# one column, stops a phrase from running from one tag into the next.
_FTS_BREAK = " ǂ "


def _fts_columns(parts):
    """The FTS5 columns title, extra, lead, body (folded) and exact."""

    def folded(text):
        return " ".join(w for w in words(_joined(text)) if len(w) <= _MAX_WORD)

    columns = [
        folded(text) if isinstance(text, str) else _FTS_BREAK.join(map(folded, text))
        for _, text in parts
    ]
    exact = " ".join(
        w
        for _, text in _pieces(parts)
        for w in exact_words(_joined(text))
        if fold(w) != w and len(w) <= _MAX_WORD
    )
    return [*columns, exact]


def write(rows, using=connection):
    """Store index entries: `rows` of (article id, entry())."""
    rows = list(rows)
    if not rows:
        return
    with using.cursor() as cursor:
        if using.vendor == "postgresql":
            # One statement a batch: a round trip per article made a
            # rebuild of 100,000 articles wait on the network. The status,
            # publish time and category come from the article's row as it
            # is now (triggers follow their later changes: migration 0012).
            values = ", ".join(["(%s, %s::tsvector, %s::tsvector, %s::tsvector, %s)"] * len(rows))
            sql = (
                "INSERT INTO news_article_search AS s (article_id, status, published_at, "  # noqa: S608 - placeholders
                "category_id, words, vector, exact, pairs, passage) "
                "SELECT a.id, a.status, a.published_at, a.category_id, strip(v.vector), v.vector, "
                f"v.exact, v.pairs, v.passage FROM (VALUES {values}) "
                "AS v(id, vector, exact, pairs, passage) JOIN news_article a ON a.id = v.id "
                "ON CONFLICT (article_id) DO UPDATE SET status = EXCLUDED.status, "
                "published_at = EXCLUDED.published_at, category_id = EXCLUDED.category_id, "
                "words = EXCLUDED.words, vector = EXCLUDED.vector, exact = EXCLUDED.exact, "
                "pairs = EXCLUDED.pairs, passage = EXCLUDED.passage"
            )
            params = [x for pk, e in rows for x in (pk, *_tsvectors(e["parts"]), e["passage"])]
            cursor.execute(sql, params)
        else:
            cursor.executemany(
                "DELETE FROM news_article_search WHERE rowid = %s", [(pk,) for pk, _ in rows]
            )
            cursor.executemany(
                "INSERT INTO news_article_search (rowid, title, extra, lead, body, exact, passage) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(pk, *_fts_columns(e["parts"]), e["passage"]) for pk, e in rows],
            )


def index(articles, using=connection):
    """Index `articles` (a queryset of Article, the current model or a
    migration's) again, in batches of two queries and a write."""
    through = articles.model.tags.through
    articles = articles.select_related("author").only("title", "lead", "body", "author__name")
    batch = []
    for article in articles.iterator(chunk_size=500):
        batch.append(article)
        if len(batch) == 500:
            _index_batch(batch, through, using)
            batch = []
    _index_batch(batch, through, using)


def _index_batch(batch, through, using):
    if not batch:
        return
    tags = {}
    links = through.objects.filter(article_id__in=[a.pk for a in batch]).values_list(
        "article_id", "tag__name"
    )
    for article_id, name in links.order_by("tag__name"):
        tags.setdefault(article_id, []).append(name)
    write(
        [(a.pk, entry(a.title, a.lead, a.body, tags.get(a.pk, []), a.author.name)) for a in batch],
        using,
    )


def forget(pks, using=connection):
    """Remove deleted articles from the index (on PostgreSQL a trigger has
    removed their rows already)."""
    if using.vendor != "postgresql" and pks:
        with using.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM news_article_search WHERE rowid = %s", [(pk,) for pk in pks]
            )


def rebuild(progress=None):
    """Index every article again; `progress(n)` is told of each batch."""
    from .models import Article

    pks = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    if connection.vendor != "postgresql":
        # PostgreSQL's rows are written over in place: search works throughout.
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM news_article_search")
    for start in range(0, len(pks), 1000):
        chunk = pks[start : start + 1000]
        index(Article.objects.filter(pk__in=chunk))
        if progress:
            progress(len(chunk))
    tidy()
    return len(pks)


def tidy(using=connection):
    """After every row of the index was written again (PostgreSQL): clear
    the old versions and count the words anew. Until then each count walks
    the dead rows too (280 ms instead of 3 for a common word on 100,000
    articles). Nothing to do inside a transaction, where VACUUM cannot run;
    autovacuum comes in a minute or so."""
    if using.vendor == "postgresql" and not using.in_atomic_block:
        with using.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE news_article_search")


# Keeping the index in step: in the same transaction as the change, so a
# reader never finds an article by words it does not have (or the reverse).


def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index(sender.objects.filter(pk=instance.pk))


def _article_deleted(sender, instance, **kwargs):
    forget([instance.pk])


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    from .models import Article

    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        if action != "pre_clear":
            index(Article.objects.filter(pk=instance.pk))
    elif action == "pre_clear":
        instance._search_cleared = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        index(Article.objects.filter(pk__in=getattr(instance, "_search_cleared", [])))
    else:
        index(Article.objects.filter(pk__in=pk_set or []))


def _name_saved(sender, instance, created, raw=False, **kwargs):
    """A tag or an author renamed: its articles are found by the new name."""
    if not raw and not created:
        index(instance.articles.all())


def connect():
    from .models import Article, Author, Tag

    post_save.connect(_article_saved, sender=Article, dispatch_uid="news.search.article")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="news.search.delete")
    m2m_changed.connect(_tags_changed, sender=Article.tags.through, dispatch_uid="news.search.tags")
    post_save.connect(_name_saved, sender=Tag, dispatch_uid="news.search.tag")
    post_save.connect(_name_saved, sender=Author, dispatch_uid="news.search.author")


# Querying


class _Sql(Expression):
    """A piece of SQL about the article being selected, `{table}` standing
    for its alias in whichever query it ends up (the outer one or a
    subquery)."""

    def __init__(self, sql, params, output_field):
        super().__init__(output_field=output_field)
        self.sql, self.params = sql, params

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"({self.sql.format(table=table)})", list(self.params)

    def get_group_by_cols(self):
        return [self]


def _pg_quote(word):
    return "'" + word.replace("'", "''") + "'"


def _tsquery(words_, begun, weight=""):
    """Every word, the last one as a beginning when `begun` (see _fts_words)."""
    items = [f"{_pg_quote(w)}:{weight}" for w in words_[:-1]]
    items.append(f"{_pg_quote(words_[-1])}:{'*' if begun else ''}{weight}")
    return " & ".join(item.rstrip(":") for item in items)


def _pg_phrase(run, begun):
    items = [_pg_quote(w) for w in run]
    if begun:
        items[-1] += ":*"
    return " <-> ".join(items)


def _fts_quote(word):
    return '"' + word.replace('"', '""') + '"'


_FOLDED_COLUMNS = "{title extra lead body}"


def _fts_words(words_, begun):
    """Every word, the last one as a beginning when `begun` (Query.begun):
    the reader may still be typing it ("long bi"). A beginning matches
    every word that has it, and on PostgreSQL the index then reads all
    their entries: one for "so" (in every "số") took 20 ms, the word itself
    0.3 ms."""
    last = f"{_fts_quote(words_[-1])}{'*' if begun else ''}"
    return " AND ".join([_fts_quote(w) for w in words_[:-1]] + [last])


def _fts_all(query):
    parts = [_fts_words(query.terms, query.begun)]
    parts += [_fts_phrase(run, _begun(query, run)) for run in query.phrases]
    return f"{_FOLDED_COLUMNS} : ({' AND '.join(parts)})"


def _fts_phrase(run, begun):
    return " + ".join(_fts_quote(w) for w in run) + (" *" if begun else "")


def _begun(query, run):
    """Whether the last word of `run` (words of `query`) is a beginning:
    when it is the query's last, and that one is."""
    return query.begun and run[-1] == query.terms[-1]


def _pg_match(query, walked=False):
    """The PostgreSQL condition on a row `s` of news_article_search, and its
    parameters: every quoted run's pairs of words among the pairs, which is
    the whole phrase for two words, and for longer runs also the phrase in
    the full vector (read only for the articles that have every pair); the
    other terms among the words (no positions to read). As everywhere, only
    the query's last word may be a beginning.

    `walked`: for a page newest first, which PostgreSQL may read by walking
    the articles newest first until the page is full. PostgreSQL takes the
    pairs of a phrase for independent words, so that "kiến nghị của nhân dân", whose
    four pairs 12,000 articles share, looked like 175 articles to it: it
    read all 12,000 phrases out of TOAST and sorted them (170 ms) where the
    newest 100 articles hold the page (2 ms). Here only the first pair is
    one it estimates; the rest go through ts_match_vq (@@ under its own
    name), which it takes for a third of the rows, whatever they are."""
    conditions, params = [], []
    last = query.terms[-1] if query.begun else None
    if query.phrases:
        pairs = []
        for run in query.phrases:
            items = [_pg_quote(f"{a}_{b}") for a, b in zip(run, run[1:], strict=False)]
            if run[-1] == last:
                items[-1] += ":*"
            pairs.extend(items)
        if walked and len(pairs) > 1:
            conditions.append("s.pairs @@ %s::tsquery AND ts_match_vq(s.pairs, %s::tsquery)")
            params += [pairs[0], " & ".join(pairs[1:])]
        else:
            conditions.append("s.pairs @@ %s::tsquery")
            params.append(" & ".join(pairs))
        long_runs = [run for run in query.phrases if len(run) > 2]
        if long_runs:
            test = "ts_match_vq(s.vector, %s::tsquery)" if walked else "s.vector @@ %s::tsquery"
            conditions.append(test)
            params.append(
                " & ".join(f"({_pg_phrase(run, _begun(query, run))})" for run in long_runs)
            )
    in_runs = {word for run in query.phrases for word in run}
    alone = [term for term in query.terms if term not in in_runs]
    beginning = alone[-1] if alone and alone[-1] == last else None
    whole = alone[:-1] if beginning else alone
    if beginning and whole and _rarest(whole) < _share(beginning, prefix=True):
        # A beginning shared by more articles than a whole word of the query
        # ("so" of "số", "song", "sông" beside "Thụy") is tested on the
        # articles the whole words select, not looked up in the index: there
        # it reads the entries of every word it begins, 15 ms for "Thụy, số"
        # where testing an article's own words takes 0.6 µs. ts_match_vq is
        # @@ under its own name, which the index does not serve.
        conditions.insert(0, "ts_match_vq(s.words, %s::tsquery)")
        params.insert(0, f"{_pg_quote(beginning)}:*")
        beginning = None
    whole = [_pg_quote(w) for w in whole]
    if beginning:
        whole.append(f"{_pg_quote(beginning)}:*")
    if whole:
        conditions.insert(0, "s.words @@ %s::tsquery")
        params.insert(0, " & ".join(whole))
    return " AND ".join(conditions), params


# The share of articles having each of the index's most common words, as
# PostgreSQL's statistics (ANALYZE, autovacuum) last found it: read again at
# most every COMMON_WORDS_SECONDS.
COMMON_WORDS_SECONDS = 600


@dataclass(frozen=True)
class _Common:
    until: float = 0.0
    words: tuple = ()
    shares: tuple = ()
    least: float = 0.0


_common = _Common()


def _common_words():
    """The index's most common words, sorted, with their shares of the
    articles (pg_stats' most_common_elems of news_article_search.words),
    and the share below which words are not listed; nothing before the
    first ANALYZE. Replaced whole, so a thread never reads half of it."""
    global _common
    now = time.monotonic()
    if now >= _common.until:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'news_article_search' AND attname = 'words'"
            )
            row = cursor.fetchone()
        words_, shares = row if row and row[0] else ([], [])
        listed = sorted(zip(words_, shares, strict=False))
        _common = _Common(
            until=now + COMMON_WORDS_SECONDS,
            words=tuple(word for word, _ in listed),
            shares=tuple(share for _, share in listed),
            # After the words' shares come the least and the greatest of them.
            least=shares[len(words_)] if len(shares) > len(words_) else 0.0,
        )
    return _common


def read_statistics_again():
    """Forget the statistics read by _common_words() (a test's new data)."""
    global _common
    _common = _Common()


def _share(word, prefix=False):
    """About what share of the articles have `word` (with `prefix`, a word
    beginning so): a word not among the most common is given the least
    share listed, which it is below."""
    common = _common_words()
    words_, shares = common.words, common.shares
    at = bisect.bisect_left(words_, word)
    if not prefix:
        return shares[at] if at < len(words_) and words_[at] == word else common.least
    total = 0.0
    while at < len(words_) and words_[at].startswith(word):
        total += shares[at]
        at += 1
    return min(1.0, total or common.least)


def _rarest(words_):
    return min(_share(word) for word in words_)


def _match(query):
    """The condition: every term is found (the last as a word's beginning),
    every quoted run as a phrase."""
    if connection.vendor == "postgresql":
        sql, params = _pg_match(query)
        exists = "EXISTS (SELECT 1 FROM news_article_search s WHERE s.article_id = {table}.id AND "
        return _Sql(f"{exists}{sql})", params, BooleanField())
    sql = "{table}.id IN (SELECT rowid FROM news_article_search WHERE news_article_search MATCH %s)"
    return _Sql(sql, [_fts_all(query)], BooleanField())


@dataclass
class Matches:
    """The public articles matching a query, read from the index table
    alone (PostgreSQL): status, publish time and category are kept there,
    so counting the first thousand matches of a common word walks one
    narrow table. `category_id`, `since` and `until` narrow them as the
    search form's filters do."""

    query: Query
    category_id: int | None = None
    since: object = None
    until: object = None
    after: tuple | None = None  # (publish time, id): only articles listed after it

    @staticmethod
    def available():
        return connection.vendor == "postgresql"

    def _where(self, walked=False):
        sql, params = _pg_match(self.query, walked=walked)
        sql += " AND s.status = %s AND s.published_at <= %s"
        params += ["published", timezone.now()]
        if self.category_id is not None:
            sql += " AND s.category_id = %s"
            params.append(self.category_id)
        if self.since is not None:
            sql += " AND s.published_at >= %s"
            params.append(self.since)
        if self.until is not None:
            sql += " AND s.published_at < %s"
            params.append(self.until)
        if self.after is not None:
            # Listed after it, newest first: older, or as old with a lower id.
            sql += " AND (s.published_at, s.article_id) < (%s, %s)"
            params += list(self.after)
        return sql, params

    def ids_sql(self, limit):
        """The SQL and parameters of ids()."""
        where, params = self._where()
        sql = f"SELECT s.article_id FROM news_article_search s WHERE {where} LIMIT %s"  # noqa: S608
        return sql, [*params, limit]

    def newest_sql(self, offset, limit, columns="s.article_id"):
        """The SQL and parameters of newest() (`columns` of the index table,
        `s`, instead of the id alone)."""
        # Walking newest first reads about (offset + limit) / d articles for
        # a share d of matches; reading them all and sorting reads d * N.
        # Over twelve phrases of the benchmark's articles the walk was as
        # fast or faster up to the 480th match (170 -> 1 ms on the first
        # page), three times slower at the 1,000th: walk the first half.
        walked = offset + limit <= COUNT_LIMIT // 2
        where, params = self._where(walked=walked)
        sql = (
            f"SELECT {columns} FROM news_article_search s WHERE {where} "  # noqa: S608
            "ORDER BY s.published_at DESC, s.article_id DESC LIMIT %s OFFSET %s"
        )
        return sql, [*params, limit, offset]

    def ids(self, limit):
        """The ids of at most `limit` matches, in no order."""
        return [pk for (pk,) in self.fetch(*self.ids_sql(limit))]

    def counted(self, limit):
        """How many matches there are, counting no further than `limit` + 1,
        and their ids when there are no more than `limit` (else None): a
        thousand ids sent for nothing took a tenth of the count."""
        count, ids = self.fetch(*self.counted_sql(limit))[0]
        return count, (ids or []) if count <= limit else None

    def counted_sql(self, limit):
        """The SQL and parameters of counted()."""
        sql, params = self.ids_sql(limit + 1)
        sql = (
            "SELECT count(*), CASE WHEN count(*) <= %s THEN array_agg(article_id) END "  # noqa: S608
            f"FROM ({sql}) m"
        )
        return sql, [limit, *params]

    def fetch(self, sql, params):
        """The rows of `sql`, a count of these matches (ids_sql(),
        counted_sql()), run as a count must be for this query."""
        if not self.query.phrases:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        with transaction.atomic(), connection.cursor() as cursor:
            # A phrase's matches are counted from its pairs' index, which
            # names the very articles. PostgreSQL would rather test the
            # pairs of every article in turn, reading each one's out of
            # TOAST: 40 ms for "thach ban" where the index takes 20. (A page
            # of the newest, below, stops after a few: there it is right.)
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute(sql, params)
            return cursor.fetchall()

    def newest(self, offset, limit):
        """The ids of `limit` matches from the `offset`th, newest first."""
        return _column(*self.newest_sql(offset, limit))

    @staticmethod
    def shown(ids, offset=0, limit=None):
        """The articles `ids` (matches, as ids() gave them), newest first,
        from the `offset`th, at most `limit`: with their category and
        `passage`, what results() shows and nothing more. One query written
        here: the ORM took a millisecond to build it, a tenth of a search
        page."""
        if not ids or limit == 0:
            return []
        source = "news_article a JOIN news_article_search s ON s.article_id = a.id"
        return _shown(source, "s.passage", "a.id = ANY(%s)", [list(ids)], offset, limit)

    def newest_shown(self, offset, limit):
        """The articles of newest(`offset`, `limit`) as shown() reads them,
        in the same query: one round trip to the database for the page."""
        if limit == 0:
            return []
        # The passage comes with the page's ids: reading it again through
        # the article's id doubled the time PostgreSQL took to plan the query.
        sql, params = self.newest_sql(offset, limit, columns="s.article_id, s.passage")
        source = f"({sql}) n JOIN news_article a ON a.id = n.article_id"
        return _shown(source, "n.passage", "TRUE", params)


def _shown(source, passage, where, params, offset=0, limit=None):
    """Articles with their category and passage, newest first: `source`
    and `where` are SQL naming rows of news_article, aliased `a`, and
    `passage` their passage."""
    sql = (
        "SELECT a.id, a.title, a.slug, a.published_at, a.category_id, c.name, c.slug, "  # noqa: S608 - our own SQL
        f"{passage} FROM {source} "
        "JOIN news_category c ON c.id = a.category_id "
        f"WHERE {where} ORDER BY a.published_at DESC, a.id DESC LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        return [
            Found(pk, title, slug, published, passage, FoundCategory(category, name, its_slug))
            for pk, title, slug, published, category, name, its_slug, passage in cursor.fetchall()
        ]


@dataclass(slots=True)
class FoundCategory:
    pk: int
    name: str
    slug: str


@dataclass(slots=True)
class Found:
    """An article of a page of results as _shown() reads it: what results()
    shows and nothing more. Not a model instance: making two of those a
    result cost a tenth of the page's drawing."""

    pk: int
    title: str
    slug: str
    published_at: object
    passage: str
    category: FoundCategory


def _column(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _has(tsquery, fts, column="vector"):
    """1 when the article matches, else 0."""
    if connection.vendor == "postgresql":
        return f"(s.{column} @@ %s::tsquery)::int", [tsquery]
    sql = "{table}.id IN (SELECT rowid FROM news_article_search WHERE news_article_search MATCH %s)"
    return f"CASE WHEN {sql} THEN 1 ELSE 0 END", [fts]


def _score(query):
    """The relevance of an article to `query` (see the module's docstring)."""
    pieces, params = [], []

    def add(weight, sql_params):
        sql, p = sql_params
        pieces.append(f"{weight} * {sql}")
        params.extend(p)

    terms = query.terms
    pairs = list(zip(terms, terms[1:], strict=False))
    for a, b in pairs:
        add(
            round(2.0 / len(pairs), 4),
            _has(
                _pg_phrase([a, b], _begun(query, [a, b])),
                f"{_FOLDED_COLUMNS} : {_fts_phrase([a, b], _begun(query, [a, b]))}",
            ),
        )
    if len(terms) > 2:
        begun = query.begun
        add(2.0, _has(_pg_phrase(terms, begun), f"{_FOLDED_COLUMNS} : {_fts_phrase(terms, begun)}"))
    add(
        1.0,
        _has(
            _tsquery(terms, query.begun, weight="A"),
            f"title : ({_fts_words(terms, query.begun)})",
        ),
    )
    if query.exact:
        add(
            2.0,
            _has(
                # Words with diacritics, so never a number: the last one
                # is a beginning, as a last word is.
                _tsquery(query.exact, begun=True),
                f"exact : ({_fts_words(query.exact, begun=True)})",
                column="exact",
            ),
        )
    if connection.vendor == "postgresql":
        # Weights of D, C, B, A; normalization 32 scales to 0..1.
        pieces.append(
            "ROUND(ts_rank_cd('{{0, 0.2, 0.5, 1.0}}', s.vector, %s::tsquery, 32)::numeric, 2)"
        )
        params.append(_tsquery(terms, query.begun))
        # One look-up of the article's index row for every piece.
        sql = (
            f"SELECT {' + '.join(pieces)} FROM news_article_search s "  # noqa: S608
            "WHERE s.article_id = {table}.id"
        )
        return _Sql(f"COALESCE(({sql}), 0)", params, FloatField())
    else:
        bm25 = (
            "(SELECT -bm25(news_article_search, 10.0, 5.0, 5.0, 2.0, 0.0) FROM news_article_search "
            "WHERE news_article_search MATCH %s AND rowid = {table}.id)"
        )
        pieces.append(f"ROUND(COALESCE({bm25} / (1.0 + {bm25}), 0), 2)")
        params.extend([_fts_all(query)] * 2)
    return _Sql(" + ".join(pieces), params, FloatField())


def matching(queryset, query):
    """The articles of `queryset` that match `query` (a Query)."""
    return queryset.filter(_match(query)) if query else queryset


def by_relevance(queryset, query):
    """`queryset` (already matching) most relevant first, newest first among
    equals. Scoring every match of a common word would cost seconds: the
    search page ranks only the COUNT_LIMIT newest (news.paginators)."""
    return queryset.annotate(relevance=_score(query)).order_by("-relevance", "-published_at", "-pk")


def is_ranked(queryset):
    """Whether `queryset` comes from by_relevance()."""
    return "relevance" in queryset.query.annotations


def with_passage(queryset):
    """`queryset` with each article's stored plain-text `passage`."""
    if connection.vendor == "postgresql":
        sql = (
            "COALESCE((SELECT passage FROM news_article_search WHERE article_id = {table}.id), '')"
        )
    else:
        sql = "COALESCE((SELECT passage FROM news_article_search WHERE rowid = {table}.id), '')"
    return queryset.annotate(passage=_Sql(sql, [], TextField()))


# Showing results


class _AlignedFold(dict):
    """A `str.translate` table folding each character to one character: its
    fold, or itself when folding would change the length. Filled as
    characters are met."""

    def __missing__(self, code):
        char = chr(code)
        folded = fold(char)
        self[code] = value = folded if len(folded) == 1 else char
        return value


_ALIGNED_FOLD = _AlignedFold()
# The same, made beforehand and whole, for the characters articles are
# written in (Latin with every Vietnamese letter, Greek, Cyrillic,
# punctuation such as “ ” – …): every one of them is in the table, those
# that fold to themselves too, since a character str.translate does not find
# costs it an exception (the whole table translates twice as fast as one of
# only the characters that change).
_COMMON_END = "\u3000"
_COMMON_FOLD = {
    code: ord(folded) if len(folded := fold(chr(code))) == 1 else code
    for code in range(ord(_COMMON_END))
}
_BEYOND_COMMON = re.compile(r"[^\x00-\u2fff]")  # a character from _COMMON_END on
_LETTER = re.compile(r"[^\W_]")
_LETTERS = re.compile(r"[^\W_]*")


def _fold_aligned(text):
    """`fold(text)` with one character for each character of `text`, so that
    positions found in the folded text mark the same words in the original."""
    if not _BEYOND_COMMON.search(text):
        return text.translate(_COMMON_FOLD)
    return text.translate(_ALIGNED_FOLD)


def _spans(text, query):
    """Where the terms of `query` are found in `text`: whole words, and
    words beginning with the last term, as the search matches them. Found
    with `str.find` and the letters either side checked, four times as fast
    as a regular expression looking behind at every character.

    What the reader typed is what is marked: a word typed with diacritics
    marks only the words written so ("bộ", not "Bồ Đề" or "bồi"), and a
    quoted phrase only where its words follow each other (not the "Thạch"
    of "Thạch Cầu"), even when `text` then has no mark: the search found
    the article by its folded words, but a reader who saw "bán" marked for
    "bàn" took it for a wrong match."""
    folded = _fold_aligned(text)
    terms = query.terms
    places = {}
    for n, term in enumerate(terms):
        last = query.begun and n == len(terms) - 1
        found = places[term] = []
        start = folded.find(term)
        while start >= 0:
            end = start + len(term)
            if not (start and _LETTER.match(folded, start - 1)):
                if last:
                    found.append((start, _LETTERS.match(folded, end).end()))
                elif not _LETTER.match(folded, end):
                    found.append((start, end))
            start = folded.find(term, start + 1)
    if any(term.isdigit() for term in terms) and "." in text:
        _numbers(text, terms, query.begun, places)
    for word, term in query.exact_terms:
        found = places.get(term)
        if found:
            places[term] = [(a, b) for a, b in found if text[a : a + len(word)].lower() == word]
    for run in query.phrases:
        runs = _runs(text, [places.get(term, ()) for term in run])
        for term, kept in zip(
            run, zip(*runs, strict=True) if runs else [()] * len(run), strict=True
        ):
            places[term] = kept
    merged = []
    for start, end in sorted(span for found in places.values() for span in found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _numbers(text, terms, begun, places):
    """Correct `places` (term: spans) for the numbers of `text` written
    with a dot between thousands, one word each as the index has them: a
    number matches a term whole ("3.000" for "3000", not "3" or "000"), or
    begins with the last term when it is `begun` (Query.begun)."""
    numbers = [found.span() for found in _GROUPED.finditer(text)]
    if not numbers:
        return
    for n, term in enumerate(terms):
        last = begun and n == len(terms) - 1
        kept = [
            (a, b)
            for a, b in places[term]
            if not any(a < end and b > start for start, end in numbers)
        ]
        for start, end in numbers:
            number = text[start:end].replace(".", "")
            if number == term or (last and number.startswith(term)):
                kept.append((start, end))
        places[term] = sorted(kept)


def _runs(text, places):
    """Each place in `text` where one match of each list of `places`
    follows the one before, with no word between (spaces or punctuation,
    as in the index: "7,5", "20/11"): a tuple of their spans."""
    starts = [{start: (start, end) for start, end in found} for found in places]
    runs = []
    for first in places[0] if places else ():
        run = [first]
        for following in starts[1:]:
            after = run[-1][1]
            while after < len(text) and not _LETTER.match(text, after):
                after += 1
            if after == run[-1][1] or after not in following:
                break
            run.append(following[after])
        if len(run) == len(places):
            runs.append(tuple(run))
    return runs


def highlight(text, query, spans=None):
    """`text`, escaped, with the beginnings of words matching `query` in
    <mark> (`spans`: where they are, when already found)."""
    text = unicodedata.normalize("NFC", text)
    parts, last = [], 0
    for start, end in _spans(text, query) if spans is None else spans:
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def _together(text, spans):
    """Where the first two matches stand side by side in `text` (the
    query's words together: "Thạch Bàn", not the "bàn" of "địa bàn"
    before it), or None."""
    for (start, end), (after, _) in zip(spans, spans[1:], strict=False):
        if after > end and text[end:after].isspace():
            return start
    return None


def _anchor(text, spans, terms, last_resort=False):
    """Where an excerpt of `text` centres, from the matches `spans`: where
    two stand together; the first match for a single word or, as the
    `last_resort`, when no two stand together; None without matches, or
    when the rest of `text` may still hold two together."""
    if not spans:
        return None
    at = _together(text, spans) if len(terms) > 1 else None
    if at is None and (len(terms) == 1 or last_resort):
        at = spans[0][0]
    return at


def excerpt(text, query, width=220):
    """About `width` characters of `text` around the first place where two
    matches stand side by side, or else the first match, highlighted; the
    beginning of `text` when nothing matches."""
    text = unicodedata.normalize("NFC", text)
    # A single word's first match is most often near the beginning: when
    # it is, the matches of the window are all found there, and the rest of
    # the passage need not be folded (folding is most of a result's cost).
    head = 2 * width + _MAX_WORD
    # Words side by side are looked for in the whole passage: most
    # passages do not have them in the beginning.
    alone = len(query.terms) == 1
    spans = _spans(text[:head], query) if alone and len(text) > head else None
    at = _anchor(text, spans, query.terms)
    if at is None or at > head - width - _MAX_WORD:
        spans = _spans(text, query)
        at = _anchor(text, spans, query.terms, last_resort=True)
    if len(text) <= width:
        return highlight(text, query, spans)
    start = max(0, at - width // 3) if at is not None else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = start + width
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    # The matches inside the window, cut at its edges, as finding them again
    # in the cut text would (a word cut short still begins like the term).
    shown = [
        (max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start
    ]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + highlight(text[start:end], query, shown) + suffix)  # noqa: S308


@dataclass(slots=True)
class Result:
    """One search result as the page shows it: its text highlighted and its
    date written out beforehand, in Python, since the template's filters
    cost a millisecond a result (a fifth of a search page)."""

    url: str
    title: str
    excerpt: str
    category_url: str
    category_name: str
    published_iso: str
    published_shown: str


def _slug_url(name):
    """A function giving the URL named `name` for a slug, reversing once:
    reverse() took 30 µs a result."""
    marker = "slug-0-slug"
    before, after = reverse(name, kwargs={"slug": marker}).split(marker)
    return lambda slug: f"{before}{slug}{after}"


def results(articles, query):
    """The `Result` of each of `articles` (model instances with their
    category and `passage`, with_passage, or `Found`) for a search for
    `query` (a `Query`)."""
    article_url, category_url = _slug_url("news:article"), _slug_url("news:category")
    shown = []
    for article in articles:
        category = article.category
        published = timezone.localtime(article.published_at)
        shown.append(
            Result(
                url=article_url(article.slug),
                title=highlight(article.title, query),
                excerpt=excerpt(article.passage, query),
                category_url=category_url(category.slug),
                category_name=category.name,
                published_iso=published.isoformat(timespec="seconds"),
                published_shown=published.strftime("%H:%M %d/%m/%Y"),
            )
        )
    return shown
