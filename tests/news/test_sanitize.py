import pytest

from news.sanitize import sanitize_html
from tests.factories import ArticleFactory

KEPT = [
    "<p>Đoạn văn</p>",
    "<h2>Tiêu đề</h2>",
    "<h3>Mục nhỏ</h3>",
    "<ul><li>Một</li></ul>",
    "<ol><li>Hai</li></ol>",
    "<p><strong>đậm</strong> <em>nghiêng</em></p>",
    "<blockquote><p>Trích dẫn</p></blockquote>",
    '<p><a href="https://longbien.example.vn/tin" rel="noopener noreferrer">liên kết</a></p>',
    "<table><thead><tr><th>Phường</th></tr></thead><tbody><tr><td>Bồ Đề</td></tr></tbody></table>",
    '<figure class="image"><img src="/media/uploads/a.jpg" alt="Cầu">'
    "<figcaption>Cầu Long Biên</figcaption></figure>",
]


@pytest.mark.parametrize("html", KEPT)
def test_editorial_markup_survives(html):
    assert sanitize_html(html) == html


ATTACKS = [
    ("<p>a</p><script>alert(document.cookie)</script>", "<p>a</p>"),
    ('<img src="x" onerror="alert(1)">', '<img src="x">'),
    ('<p onmouseover="alert(1)">b</p>', "<p>b</p>"),
    ('<a href="javascript:alert(1)">c</a>', '<a rel="noopener noreferrer">c</a>'),
    ('<a href="JaVaScRiPt:alert(1)">c</a>', '<a rel="noopener noreferrer">c</a>'),
    ('<a href="&#106;avascript:alert(1)">c</a>', '<a rel="noopener noreferrer">c</a>'),
    ('<iframe src="https://evil.example/"></iframe><p>d</p>', "<p>d</p>"),
    ('<p style="background:url(javascript:alert(1))">e</p>', "<p>e</p>"),
    ("<style>body{display:none}</style><p>f</p>", "<p>f</p>"),
    ('<svg onload="alert(1)"><circle></circle></svg>g', "g"),
    ('<object data="x.swf"></object><embed src="x.swf">h', "h"),
    ('<img src="data:text/html;base64,PHNjcmlwdD4=">', "<img>"),
    ('<form action="https://evil.example"><input name="p"></form>i', "i"),
    ("<!-- <script>x</script> -->j", "j"),
    (
        '<figure class="image attack"><img src="a.png" alt="x"></figure>',
        '<figure class="image"><img src="a.png" alt="x"></figure>',
    ),
]


@pytest.mark.parametrize(("attack", "expected"), ATTACKS)
def test_attack_strings_are_neutralised(attack, expected):
    assert sanitize_html(attack) == expected


def test_body_is_sanitized_when_the_article_is_saved(db):
    article = ArticleFactory(body="<p>Tin</p><script>alert(1)</script><img src=x onerror=alert(1)>")
    article.refresh_from_db()
    assert article.body == '<p>Tin</p><img src="x">'


def test_unsanitized_body_written_behind_the_model_is_cleaned_on_the_page(client, db):
    article = ArticleFactory()
    type(article).objects.filter(pk=article.pk).update(body="<p>ok</p><script>alert(1)</script>")
    response = client.get(article.get_absolute_url())
    assert b"alert(1)" not in response.content
    assert b"<p>ok</p>" in response.content
