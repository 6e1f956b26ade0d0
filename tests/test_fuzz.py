"""Generated input, thousands of cases, against the two forms anyone can
submit: the comment form and the search page. Whatever is sent, the answer
is a page (never a 500), and whatever is stored or shown back is escaped.

The runs are reproducible (derandomize): the same inputs on every run."""

import operator
import unicodedata
from datetime import date, timedelta

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comments.forms import CONTROL_CHARACTERS, INVISIBLE_CHARACTERS
from comments.models import Comment
from comments.moderation import approve
from tests.comments.helpers import new_captcha, post_url
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=1000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Markup that would run if it reached a page unescaped; each is unique, so
# finding one in a page means it was not escaped.
PAYLOADS = [
    "<script>fuzz(1)</script>",
    '"><img src=x onerror=fuzz(2)>',
    "'><svg/onload=fuzz(3)>",
    "</textarea><b>fuzz(4)</b>",
    "<a href='javascript:fuzz(5)'>x</a>",
    "<!--fuzz(6)--><iframe src=//evil.example>",
]
OTHER = [
    "{{ request }}{% debug %}",
    "&lt;b&gt;",
    "\r\nBcc: fuzz@example.com\r\n",
    "Robert'); DROP TABLE comments_comment;--",
    "%00%0d%0a",
    "\u202egnp.exe",
    "e\u0301\u0302\u0303\u0304\u0305",
]
WORDS = ["Long Biên", "Bồ Đề", "cầu", "phường", "Nguyễn Thị Hoa", "0912 345 678", "Ý kiến"]

any_text = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
piece = st.one_of(any_text, st.sampled_from(PAYLOADS + OTHER), st.sampled_from(WORDS))
short = st.lists(piece, max_size=6).map("".join)
# Very long: a word or payload repeated, past every field's limit or not.
long = st.builds(operator.mul, st.sampled_from(WORDS + PAYLOADS), st.integers(20, 1500))
typed = st.one_of(short, short, short, long)


def mostly(*plausible):
    """One of `plausible` three times in four, otherwise anything at all."""
    return st.sampled_from([True, True, True, False]).flatmap(
        lambda choose: st.one_of(*plausible) if choose else typed
    )


def assert_escaped(html):
    for payload in PAYLOADS:
        assert payload not in html


# The comment form


# Mostly text a person could have typed around the payloads, so that many
# posts pass the form and are stored; sometimes anything at all.
def readable(pieces):
    return st.builds(
        lambda start, middle, end: start + middle + end,
        st.sampled_from(WORDS),
        st.lists(piece, max_size=pieces).map("".join),
        st.sampled_from(WORDS + PAYLOADS),
    )


phones = st.sampled_from(["", "0912345678", "+84 24 3827 1234", "(024) 3827.1234"])
comment_posts = st.fixed_dictionaries(
    {
        "name": mostly(readable(1)),
        "phone": mostly(phones),
        "title": mostly(readable(2)),
        "content": mostly(readable(6)),
        "website": st.sampled_from([""] * 7 + ["http://spam.example"]),
        "captcha": st.sampled_from(["right"] * 7 + ["wrong", "missing"]),
    },
    optional={"thua": typed},
)


@pytest.fixture
def article(settings):
    settings.COMMENTS_RATE = "100000/m"  # the limit is not what is tested here
    return ArticleFactory(title="Phường Bồ Đề trồng thêm cây xanh")


@FUZZ
@given(data=comment_posts)
def test_any_comment_post_gets_a_page_and_is_shown_escaped(client, article, data):
    key, answer = new_captcha()
    captcha = data.pop("captcha")
    if captcha != "missing":
        data.update(captcha_0=key, captcha_1=answer if captcha == "right" else "sai")
    response = client.post(post_url(article), data)
    assert response.status_code in {200, 302, 400}
    assert_escaped(response.content.decode())
    for comment in Comment.objects.all():
        for text in (comment.name, comment.phone, comment.title, comment.content):
            assert not CONTROL_CHARACTERS.search(text)
            assert not INVISIBLE_CHARACTERS.search(text)
            assert unicodedata.is_normalized("NFC", text)
        assert "\n" not in comment.name + comment.title
        with TestCase.captureOnCommitCallbacks(execute=True):  # as if it committed
            approve(Comment.objects.filter(pk=comment.pk), moderator=None)
        page = client.get(article.get_absolute_url()).content.decode()
        assert_escaped(page)
        assert escape(comment.name) in page
        assert escape(comment.title) in page
    Comment.objects.all().delete()


# The search page

SEARCH_WORDS = [
    "cầu",
    "long bien",
    "Bồ Đề",
    "y kien",
    "nguyen thi hoa",
    "script",
    "fuzz",
    "img src",
    "onerror",
    "svg",
    "textarea",
    "iframe",
    "<script>",
    "'><",
    "&lt;",
]
queries = mostly(
    st.lists(st.sampled_from(SEARCH_WORDS + PAYLOADS), min_size=1, max_size=4).map(" ".join)
)
recent = st.dates(date(1990, 1, 1), date(2030, 12, 31))
dates = st.one_of(recent, recent, st.dates()).map(lambda day: day.strftime("%d/%m/%Y"))
iso_dates = recent.map(lambda day: day.isoformat())


search_params = st.fixed_dictionaries(
    {"q": queries},
    optional={
        "chuyen_muc": mostly(st.sampled_from(["tin-tuc", "van-hoa", ""])),
        "tu_ngay": mostly(dates, iso_dates),
        "den_ngay": mostly(dates, iso_dates),
        "sap_xep": mostly(st.sampled_from(["moi-nhat", "lien-quan"])),
        "trang": mostly(st.integers(-5, 10**20).map(str)),
        "nguyen_van": mostly(st.sampled_from(["1", "ddaij hooij"]), queries),
        "truoc": mostly(st.integers(-5, 10**20).map(str)),
    },
)


@pytest.fixture
def articles_with_markup(db):
    """Articles whose text holds the payloads, so matches are highlighted
    around them."""
    now = timezone.now()
    news, culture = CategoryFactory(slug="tin-tuc"), CategoryFactory(slug="van-hoa")
    for n, payload in enumerate(PAYLOADS):
        ArticleFactory(
            title=f"Cầu Long Biên {payload} phường Bồ Đề",
            lead=f"Ý kiến {payload} của người dân Long Biên",
            body=f"<p>Nguyễn Thị Hoa nói về cầu {escape(payload)}.</p>",
            category=news if n % 2 else culture,
            published_at=now - timedelta(days=n),
        )


@FUZZ
@given(params=search_params)
def test_any_search_gets_a_page_with_everything_escaped(client, articles_with_markup, params):
    response = client.get(reverse("news:search"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert_escaped(html)
    assert "Null characters are not allowed" not in html
