"""RSS feeds, the sitemap and robots.txt: what feed readers and search engines get."""

import os
from datetime import datetime, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from news.feeds import FEED_SIZE
from news.models import Article
from tests.factories import ArticleFactory, ArticlePhotoFactory, CategoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("portal")]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse_xml(response):
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own output


def feed_items(client, url):
    rss = parse_xml(client.get(url))
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    return rss.findall("channel/item")


def unpublished_articles():
    """A draft and a scheduled article: neither may appear anywhere public."""
    return [
        ArticleFactory(title="Bản nháp chưa duyệt", status=Article.Status.DRAFT),
        ArticleFactory(title="Tin hẹn giờ đăng", published_at=timezone.now() + timedelta(hours=1)),
    ]


# RSS


def test_rss_is_valid_xml_with_the_public_articles_only(client):
    public = ArticleFactory(title="Khánh thành nhà văn hóa tổ 5")
    unpublished_articles()
    response = client.get(reverse("news:feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    items = feed_items(client, reverse("news:feed"))
    assert [item.findtext("title") for item in items] == ["Khánh thành nhà văn hóa tổ 5"]
    assert items[0].findtext("link") == "http://testserver" + public.get_absolute_url()
    assert "Bản nháp" not in response.content.decode()
    assert "hẹn giờ" not in response.content.decode()


def test_rss_item_carries_the_full_lead_with_its_source(client):
    lead = "Sáng 24/11, quận tổ chức hội nghị tổng kết " + "công tác chuyển đổi số " * 30
    ArticleFactory(source="HNP", lead=lead.strip())
    (item,) = feed_items(client, reverse("news:feed"))
    assert item.findtext("description") == "HNP - " + lead.strip()


def test_rss_lists_the_newest_articles_first_and_no_more_than_the_feed_size(client):
    now = timezone.now()
    for hours in range(FEED_SIZE + 2):
        ArticleFactory(title=f"Tin số {hours}", published_at=now - timedelta(hours=hours + 1))
    titles = [item.findtext("title") for item in feed_items(client, reverse("news:feed"))]
    assert titles == [f"Tin số {n}" for n in range(FEED_SIZE)]


def test_rss_enclosure_is_the_first_photo_in_its_large_size(client):
    article = ArticleFactory()
    ArticlePhotoFactory(article=article, order=2)
    first = ArticlePhotoFactory(article=article, order=1)
    ArticlePhotoFactory(article=article, order=1)  # same order, added later
    (item,) = feed_items(client, reverse("news:feed"))
    enclosures = item.findall("enclosure")
    assert len(enclosures) == 1
    enclosure = enclosures[0]
    assert enclosure.get("url") == "http://testserver" + first.large.url
    assert enclosure.get("type") == "image/jpeg"
    assert enclosure.get("length") == str(os.path.getsize(first.large.path))
    assert int(enclosure.get("length")) > 0


def test_rss_item_without_photo_has_no_enclosure(client):
    ArticleFactory()
    (item,) = feed_items(client, reverse("news:feed"))
    assert item.find("enclosure") is None


def test_rss_leaves_out_an_enclosure_whose_file_is_missing_rather_than_failing(client):
    photo = ArticlePhotoFactory()
    os.remove(photo.large.path)
    (item,) = feed_items(client, reverse("news:feed"))
    assert item.find("enclosure") is None
    assert item.findtext("title") == photo.article.title


def test_rss_queries_do_not_grow_with_articles_or_photos(client, django_assert_max_num_queries):
    category = CategoryFactory(slug="giao-duc")
    for _ in range(12):
        article = ArticleFactory(category=category)
        ArticlePhotoFactory(article=article)
        ArticlePhotoFactory(article=article)
    # The articles with their authors and categories, then their photos; and
    # once, until an article changes, when the next scheduled one is due
    # (how long a cache may keep the feed), and the portal's name, once
    # until it changes.
    with django_assert_max_num_queries(4):
        assert len(feed_items(client, reverse("news:feed"))) == 12
    # The category first.
    with django_assert_max_num_queries(3):
        assert len(feed_items(client, reverse("news:category_feed", args=["giao-duc"]))) == 12


def test_category_rss_lists_only_that_category(client):
    category = CategoryFactory(slug="do-thi", name="Đô thị")
    ArticleFactory(category=category, title="Mở rộng vỉa hè phố Ngọc Lâm")
    ArticleFactory(category=category, title="Bản nháp đô thị", status=Article.Status.DRAFT)
    ArticleFactory(title="Tin khác chuyên mục")
    rss = parse_xml(client.get(reverse("news:category_feed", args=["do-thi"])))
    assert rss.findtext("channel/title") == "Tin tức Long Biên — Đô thị"
    assert [item.findtext("title") for item in rss.findall("channel/item")] == [
        "Mở rộng vỉa hè phố Ngọc Lâm"
    ]
    assert client.get(reverse("news:category_feed", args=["khong-co"])).status_code == 404


def test_category_page_advertises_its_feed_besides_the_sites(client):
    category = CategoryFactory(slug="do-thi", name="Đô thị")
    page = client.get(category.get_absolute_url()).content.decode()
    head = page[: page.index("</head>")]
    assert (
        f'type="application/rss+xml" title="Tin tức Long Biên" href="{reverse("news:feed")}"'
        in (head)
    )
    feed = reverse("news:category_feed", args=["do-thi"])
    assert f'type="application/rss+xml" title="Tin tức Long Biên — Đô thị" href="{feed}"' in head


# Sitemap


def sitemap_urls(client, section, **params):
    urlset = parse_xml(client.get(reverse("news:sitemap_section", args=[section]), params))
    return {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in urlset.findall("sm:url", SITEMAP_NS)
    }


def test_sitemap_index_points_at_the_article_category_and_tag_sitemaps(client):
    ArticleFactory()
    index = parse_xml(client.get(reverse("news:sitemap")))
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert locations == [
        "http://testserver" + reverse("news:sitemap_section", args=["articles"]),
        "http://testserver" + reverse("news:sitemap_section", args=["categories"]),
        "http://testserver" + reverse("news:sitemap_section", args=["tags"]),
    ]


def test_article_sitemap_lists_public_articles_with_their_last_change(client):
    public = ArticleFactory()
    hidden = unpublished_articles()
    urls = sitemap_urls(client, "articles")
    assert list(urls) == ["http://testserver" + public.get_absolute_url()]
    assert urls["http://testserver" + public.get_absolute_url()] == (
        timezone.localtime(public.updated_at).date().isoformat()
    )
    for article in hidden:
        assert "http://testserver" + article.get_absolute_url() not in urls


def test_scheduled_article_counts_as_changed_when_it_appeared(client):
    # Written on the 1st, scheduled for the 5th: search engines must see the 5th.
    article = ArticleFactory(published_at=datetime(2024, 3, 5, 8, 0, tzinfo=HANOI))
    Article.objects.filter(pk=article.pk).update(
        updated_at=datetime(2024, 3, 1, 9, 0, tzinfo=HANOI)
    )
    urls = sitemap_urls(client, "articles")
    assert urls["http://testserver" + article.get_absolute_url()] == "2024-03-05"


def test_category_sitemap_lists_every_category(client):
    first = CategoryFactory(slug="chinh-tri")
    second = CategoryFactory(slug="van-hoa")
    assert set(sitemap_urls(client, "categories")) == {
        "http://testserver" + first.get_absolute_url(),
        "http://testserver" + second.get_absolute_url(),
    }


def test_unknown_sitemap_section_or_page_is_not_found(client):
    ArticleFactory()
    assert client.get(reverse("news:sitemap_section", args=["bai-viet"])).status_code == 404
    section = reverse("news:sitemap_section", args=["articles"])
    assert client.get(section, {"p": "9"}).status_code == 404
    assert client.get(section, {"p": "abc"}).status_code == 404


# robots.txt


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_newsroom(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert f"Disallow: {reverse('news:editor_upload')}" in lines
    assert f"Sitemap: http://testserver{reverse('news:sitemap')}" in lines
    assert reverse("news:robots") == "/robots.txt"


def test_robots_txt_does_not_tell_anyone_where_the_admin_is(client):
    text = client.get("/robots.txt").content.decode()
    admin = reverse("admin:index")
    assert admin.strip("/") not in text
    # Search engines are kept out by the admin's own pages instead.
    login = client.get(reverse("admin:login"))
    assert '<meta name="robots" content="NONE,NOARCHIVE">' in login.content.decode()


def test_robots_txt_uses_the_address_the_site_is_reached_at(client, settings):
    settings.ALLOWED_HOSTS = ["longbien.example.vn"]
    response = client.get("/robots.txt", HTTP_HOST="longbien.example.vn", secure=True)
    assert "Sitemap: https://longbien.example.vn/sitemap.xml" in response.content.decode()
