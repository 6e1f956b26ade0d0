"""What search engines and social networks read in a page's head (canonical
address, description, Open Graph, Twitter card, JSON-LD), and the share bar."""

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from news import portal, seo
from news.models import Article
from tests.factories import ArticleFactory, ArticlePhotoFactory, AuthorFactory, CategoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal")]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


class Head(HTMLParser):
    """The <meta>, <link> and <script> elements of a page, and the text of
    its JSON-LD blocks."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.scripts, self.json_ld = {}, [], [], []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)
            self._in_json_ld = attrs.get("type") == "application/ld+json"
            if self._in_json_ld:
                self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def canonical(self):
        (url,) = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        return url


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.content.decode())


def news_article(head):
    (block,) = head.json_ld
    return json.loads(block)


@pytest.fixture
def article():
    article = ArticleFactory(
        title="Quận Long Biên khởi công cầu đi bộ qua sông Đuống",
        lead="Sáng 24/11, quận Long Biên khởi công cầu đi bộ nối hai bờ sông Đuống.",
        category=CategoryFactory(name="Đô thị", slug="do-thi"),
        author=AuthorFactory(name="Đông Hải"),
        published_at=datetime(2020, 11, 24, 14, 38, tzinfo=HANOI),
    )
    Article.objects.filter(pk=article.pk).update(
        updated_at=datetime(2020, 11, 25, 9, 5, 30, tzinfo=HANOI)
    )
    article.refresh_from_db()
    return article


# The article page


def test_article_head_names_its_canonical_address_and_describes_it(client, article):
    head = head_of(client, article.get_absolute_url())
    url = "http://testserver" + article.get_absolute_url()
    assert head.canonical() == url
    description = "Sáng 24/11, quận Long Biên khởi công cầu đi bộ nối hai bờ sông Đuống."
    assert head.meta["description"] == description
    assert head.meta["og:type"] == "article"
    assert head.meta["og:title"] == "Quận Long Biên khởi công cầu đi bộ qua sông Đuống"
    assert head.meta["og:description"] == description
    assert head.meta["og:url"] == url
    assert head.meta["og:site_name"] == "Tin tức Long Biên"
    assert head.meta["og:locale"] == "vi_VN"
    assert head.meta["article:published_time"] == "2020-11-24T14:38:00+07:00"
    assert head.meta["article:modified_time"] == "2020-11-25T09:05:30+07:00"
    assert head.meta["article:section"] == "Đô thị"


def test_canonical_address_ignores_the_query_string(client, article):
    head = head_of(client, article.get_absolute_url() + "?utm_source=zalo&fbclid=abc")
    assert head.canonical() == "http://testserver" + article.get_absolute_url()


def test_long_lead_is_cut_after_a_word_for_the_description(client):
    lead = (
        "Sáng 24/11, Ủy ban nhân dân quận Long Biên tổ chức hội nghị sơ kết công tác "
        "chuyển đổi số sáu tháng đầu năm, với sự tham dự của lãnh đạo các phường, "
        "đại diện doanh nghiệp viễn thông và đông đảo người dân trên địa bàn quận."
    )
    article = ArticleFactory(lead=lead)
    description = head_of(client, article.get_absolute_url()).meta["description"]
    assert len(description) <= 160
    assert description.endswith("…")
    kept = description[:-1]
    assert lead.startswith(kept)
    assert lead[len(kept)] == " "  # the cut falls between words
    assert len(kept) > 120


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngắn gọn.", "Ngắn gọn."),
        ("  Hai dòng\n  nối   lại  ", "Hai dòng nối lại"),
        ("một " * 50, "một " * 39 + "một…"),
        ("x" * 200, "x" * 159 + "…"),
    ],
)
def test_plain_description(text, expected):
    assert seo.plain_description(text) == expected
    assert len(seo.plain_description(text)) <= 160


def test_og_image_is_the_first_photo_in_its_large_size(client, article):
    ArticlePhotoFactory(article=article, order=3, alt_text="Ảnh thứ hai")
    first = ArticlePhotoFactory(
        article=article, order=1, alt_text="Lãnh đạo quận cắt băng khánh thành"
    )
    head = head_of(client, article.get_absolute_url())
    assert head.meta["og:image"] == "http://testserver" + first.large.url
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("640", "400")
    assert head.meta["og:image:alt"] == "Lãnh đạo quận cắt băng khánh thành"
    assert head.meta["twitter:card"] == "summary_large_image"


def test_article_without_photo_shows_the_site_logo_as_a_small_card(client, article):
    head = head_of(client, article.get_absolute_url())
    assert head.meta["og:image"] == "http://testserver/static/img/logo.png"
    assert head.meta["twitter:card"] == "summary"
    assert "image" not in news_article(head)


def test_news_article_json_ld(client, article):
    ArticlePhotoFactory(article=article, order=2)
    first = ArticlePhotoFactory(article=article, order=1)
    second = article.photos.get(order=2)
    head = head_of(client, article.get_absolute_url())
    url = "http://testserver" + article.get_absolute_url()
    data = news_article(head)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Quận Long Biên khởi công cầu đi bộ qua sông Đuống"
    assert data["description"] == head.meta["description"]
    assert data["datePublished"] == "2020-11-24T14:38:00+07:00"
    assert data["dateModified"] == "2020-11-25T09:05:30+07:00"
    assert data["author"] == {"@type": "Person", "name": "Đông Hải"}
    assert data["image"] == [
        "http://testserver" + first.large.url,
        "http://testserver" + second.large.url,
    ]
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["articleSection"] == "Đô thị"
    assert data["inLanguage"] == "vi"
    assert data["publisher"] == {
        "@type": "NewsMediaOrganization",
        "name": "Tin tức Long Biên",
        "url": "http://testserver/",
        "logo": {
            "@type": "ImageObject",
            "url": "http://testserver/static/img/logo.png",
            "width": 256,
            "height": 256,
        },
    }


def test_publisher_logo_is_a_png_of_the_stated_size():
    with Image.open(finders.find(seo.LOGO)) as logo:
        assert logo.format == "PNG"
        assert logo.size == seo.LOGO_SIZE


def test_scheduled_article_is_never_modified_before_it_was_published(client):
    article = ArticleFactory(published_at=datetime(2024, 3, 5, 8, 0, tzinfo=HANOI))
    Article.objects.filter(pk=article.pk).update(
        updated_at=datetime(2024, 3, 1, 9, 0, tzinfo=HANOI)
    )
    head = head_of(client, article.get_absolute_url())
    assert news_article(head)["dateModified"] == "2024-03-05T08:00:00+07:00"
    assert head.meta["article:modified_time"] == "2024-03-05T08:00:00+07:00"


def test_a_title_cannot_break_out_of_the_json_ld_block(client):
    title = "Tin nóng </script><script>alert(1)</script> & <!-- chú thích"
    article = ArticleFactory(title=title)
    html = client.get(article.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["headline"] == title
    assert "<script>alert(1)" not in html
    assert Head(html).meta["og:title"] == title


def test_page_scripts_are_files_or_data_never_inline_code(client, article):
    # The content security policy allows scripts from the site only.
    ArticlePhotoFactory(article=article)
    response = client.get(article.get_absolute_url())
    assert (
        "'unsafe-inline'"
        not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    )
    for script in Head(response.content.decode()).scripts:
        assert script.get("src") or script.get("type") == "application/ld+json", script


def test_article_metadata_is_built_from_what_the_page_loaded(django_assert_num_queries, article):
    ArticlePhotoFactory(article=article)
    ArticlePhotoFactory(article=article)
    loaded = (
        Article.objects.select_related("category", "author")
        .prefetch_related("photos")
        .get(pk=article.pk)
    )
    request = RequestFactory().get(loaded.get_absolute_url())
    portal.current(request)  # read once for every page, and kept (news/portal.py)
    with django_assert_num_queries(0):
        meta = seo.page_meta(request, loaded)
        render_to_string("news/includes/page_meta.html", {"meta": meta})
    assert meta.image.url.endswith(".jpg")


def test_preview_of_a_draft_asks_search_engines_not_to_index_it(editor_client):
    draft = ArticleFactory(status=Article.Status.DRAFT)
    head = head_of(editor_client, draft.get_absolute_url())
    assert head.meta["robots"] == "noindex, nofollow"


def test_public_article_may_be_indexed(client, article):
    assert "robots" not in head_of(client, article.get_absolute_url()).meta


# Home and category pages


def test_home_head_has_canonical_address_and_open_graph(client):
    head = head_of(client, reverse("news:home"))
    assert head.canonical() == "http://testserver/"
    assert head.meta["og:type"] == "website"
    assert head.meta["og:title"] == "Tin tức Long Biên"
    assert head.meta["og:url"] == "http://testserver/"
    description = "Tin tức, sự kiện và hoạt động của phường Long Biên, Hà Nội."
    assert head.meta["og:description"] == head.meta["description"] == description
    assert head.meta["og:image"] == "http://testserver/static/img/logo.png"
    assert head.meta["twitter:card"] == "summary"
    assert head.json_ld == []


def test_category_head_has_canonical_address_and_open_graph(client):
    category = CategoryFactory(name="Văn hóa - Xã hội", slug="van-hoa-xa-hoi")
    head = head_of(client, category.get_absolute_url() + "?utm_source=facebook")
    url = "http://testserver" + category.get_absolute_url()
    assert head.canonical() == head.meta["og:url"] == url
    assert head.meta["og:title"] == "Văn hóa - Xã hội"
    assert head.meta["description"] == "Tin Văn hóa - Xã hội trên Tin tức Long Biên."
    assert head.meta["og:description"] == head.meta["description"]


def test_later_pages_of_a_list_are_their_own_canonical_page(client, settings):
    settings.NEWS_PAGE_SIZE = 2
    category = CategoryFactory(slug="kinh-te")
    for _ in range(3):
        ArticleFactory(category=category)
    url = "http://testserver" + category.get_absolute_url()
    head = head_of(client, category.get_absolute_url() + "?trang=2&utm_source=zalo")
    assert head.canonical() == url + "?trang=2"
    assert head_of(client, category.get_absolute_url() + "?trang=1").canonical() == url


# Share bar


def share_links(html):
    section = html[html.index('<section class="share"') :]
    section = section[: section.index("</section>")]
    return section, dict(re.findall(r'<a class="share__item share__item--(\w+)" (.*?)>', section))


def test_share_links_open_facebook_and_zalo_in_a_new_tab(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    section, links = share_links(html)
    url = "http://testserver" + article.get_absolute_url()
    assert set(links) == {"facebook", "zalo"}
    for attributes in links.values():
        assert 'target="_blank"' in attributes
        assert 'rel="noopener noreferrer"' in attributes
    facebook = urlsplit(
        re.search(r'href="([^"]+)"', links["facebook"]).group(1).replace("&amp;", "&")
    )
    assert (facebook.scheme, facebook.netloc) == ("https", "www.facebook.com")
    assert parse_qs(facebook.query) == {"u": [url]}
    zalo = urlsplit(re.search(r'href="([^"]+)"', links["zalo"]).group(1).replace("&amp;", "&"))
    assert zalo.netloc == "sp.zalo.me"
    assert parse_qs(zalo.query) == {"url": [url]}
    # Accessible names say where the link goes and that it opens a new tab.
    assert '<span class="visually-hidden">Chia sẻ lên </span>Zalo' in section
    assert "(mở trong thẻ mới)" in section


def test_share_bar_comes_after_the_author_signature(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.index('<p class="article__author">Đông Hải</p>') < html.index('class="share"')
    assert html.index('class="share"') < html.index("</article>")


def test_without_javascript_the_address_is_in_a_field_to_copy(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    section, _ = share_links(html)
    url = "http://testserver" + article.get_absolute_url()
    assert f'<input id="lien-ket-bai-viet" type="url" value="{url}" readonly>' in section
    assert '<label for="lien-ket-bai-viet">Liên kết bài viết:</label>' in section
    # The buttons that need JavaScript are hidden until share.js shows them.
    assert '<li hidden><button type="button" class="share__item" data-share-copy>' in section
    assert '<script src="/static/js/share.js" defer></script>' in html
