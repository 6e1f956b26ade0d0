import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from news.models import Article
from tests.conftest import clear_cache
from tests.factories import (
    ArticleFactory,
    ArticlePhotoFactory,
    AuthorFactory,
    CategoryFactory,
    CommentFactory,
)
from tests.reading import read

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def staff_client(client, editor):
    # The newsroom previews; a staff account alone does not (see moderators).
    client.force_login(editor)
    return client


def html(response):
    return response.content.decode()


def test_title_carries_publish_time_in_hanoi_time(client):
    # 07:38 UTC is 14:38 in Hà Nội.
    article = ArticleFactory(
        title="Quận Long Biên tổng kết năm học",
        published_at=datetime(2020, 11, 24, 7, 38, tzinfo=ZoneInfo("UTC")),
    )
    response = client.get(article.get_absolute_url())
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html(response), re.S).group(1)
    text = re.sub(r"<[^>]+>", "", h1)
    assert text == "Quận Long Biên tổng kết năm học (14:38 24/11/2020)"


# HTML's global date and time: seconds with at most three digits after them.
MACHINE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?([+-]\d\d:?\d\d|Z)")


def test_every_time_on_the_article_and_home_pages_is_one_machines_can_read(client):
    """A time saved with microseconds (as every save records it) is given
    to machines in HTML's own form, in Hà Nội time."""
    published = datetime(2026, 3, 1, 23, 30, 5, 123456, tzinfo=ZoneInfo("UTC"))
    article = ArticleFactory(title="Lát lại vỉa hè", published_at=published)
    CommentFactory(
        article=article,
        status=Comment.Status.APPROVED,
        submitted_at=published + timedelta(hours=1, microseconds=654321),
    )
    for url in (article.get_absolute_url(), reverse("news:home")):
        times = re.findall(r'<time datetime="([^"]*)"', html(client.get(url)))
        assert times, url
        for value in times:
            assert MACHINE_TIME.fullmatch(value), f"{url}: {value}"
    times = re.findall(r'<time datetime="([^"]*)"', html(client.get(article.get_absolute_url())))
    assert times[:2] == ["2026-03-02T06:30:05+0700", "2026-03-02T07:30:05+0700"]


def test_lead_starts_with_the_source_and_a_dash(client):
    article = ArticleFactory(source="HNP", lead="Sáng 24/11, quận tổ chức hội nghị.")
    response = client.get(article.get_absolute_url())
    lead = re.search(r'<p class="article__lead">(.*?)</p>', html(response), re.S).group(1)
    assert re.sub(r"<[^>]+>", "", lead) == "HNP - Sáng 24/11, quận tổ chức hội nghị."


def test_article_page_follows_the_order_of_the_old_site(client):
    author = AuthorFactory(name="Đông Hải")
    article = ArticleFactory(author=author, body="<p>Thân bài.</p>")
    ArticlePhotoFactory(article=article, caption="Phó Chủ tịch quận báo cáo tại hội nghị.")
    ArticleFactory(published_at=article.published_at - timedelta(days=1), title="Bài cũ hơn")
    ArticleFactory(published_at=article.published_at + timedelta(minutes=30), title="Bài mới hơn")
    page = html(client.get(article.get_absolute_url()))
    positions = [
        page.index('class="article__title"'),
        page.index('class="article__lead"'),
        page.index("<figcaption>Phó Chủ tịch quận báo cáo tại hội nghị."),
        page.index("<p>Thân bài.</p>"),
        page.index('<p class="article__author">Đông Hải</p>'),
        page.index("Các bài mới đăng"),
        page.index("Các bài đã đăng :"),
        page.index('id="binh-luan"'),
    ]
    assert positions == sorted(positions)


def test_photos_are_figures_with_captions_and_alt_text(client):
    photo = ArticlePhotoFactory(credit="Minh Thu")
    response = client.get(photo.article.get_absolute_url())
    assert response.status_code == 200
    pattern = (
        r'<figure class="article__photo">\s*<img src="(?P<src>[^"]+)" '
        r'alt="Đại biểu phát biểu trên hội trường"[^>]*>\s*'
        r"<figcaption>Phó Chủ tịch UBND quận phát biểu tại hội nghị\."
        r".*?\(Ảnh: Minh Thu\).*?</figcaption>\s*</figure>"
    )
    match = re.search(pattern, html(response), re.S)
    assert match, "photo figure not found"
    # Readers get the resized rendition, never the original upload.
    assert match["src"] == photo.large.url
    assert match["src"] != photo.image.url


def test_newer_and_older_lists_show_titles_and_view_counts(client):
    now = timezone.now()
    article = ArticleFactory(published_at=now - timedelta(days=2))
    older = ArticleFactory(title="Bài đã đăng trước", published_at=now - timedelta(days=3))
    Article.objects.filter(pk=older.pk).update(view_count=1234)
    ArticleFactory(title="Bài đăng sau", published_at=now - timedelta(days=1))
    ArticleFactory(title="Bài nháp", status=Article.Status.DRAFT, published_at=now)
    ArticleFactory(title="Bài hẹn giờ", published_at=now + timedelta(days=1))
    page = html(client.get(article.get_absolute_url()))
    newer_part = page[page.index("Các bài mới đăng") : page.index("Các bài đã đăng :")]
    older_part = page[page.index("Các bài đã đăng :") :]
    assert "Bài đăng sau" in newer_part and "Bài đã đăng trước" not in newer_part
    assert "Bài đã đăng trước" in older_part and "Bài đăng sau" not in older_part
    # Written as Vietnamese writes numbers.
    assert re.search(r"Bài đã đăng trước</a>.*?</td>\s*<td[^>]*>1\.234</td>", older_part, re.S)
    assert '<th scope="col">Bài viết</th>' in page and ">Xem</th>" in page
    assert "Bài nháp" not in page and "Bài hẹn giờ" not in page


def test_each_reader_adds_a_view(client):
    article = ArticleFactory()
    for reader in ("203.0.113.1", "203.0.113.2", "2001:db8:1::5"):
        read(client, article, reader)
    article.refresh_from_db()
    assert article.view_count == 3


def test_staff_previews_do_not_count_as_reads(staff_client):
    article = ArticleFactory()
    read(staff_client, article)
    article.refresh_from_db()
    assert article.view_count == 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": Article.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "scheduled"],
)
def test_unpublished_articles_are_404_for_readers(client, kwargs):
    article = ArticleFactory(title="Bài chưa đăng", **kwargs)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html(response)
    assert "Bài chưa đăng" not in html(client.get(reverse("news:home")))
    assert "Bài chưa đăng" not in html(client.get(article.category.get_absolute_url()))


@pytest.mark.parametrize(
    ("kwargs", "label"),
    [
        ({"status": Article.Status.DRAFT}, "trạng thái “Bản nháp”"),
        ({"status": Article.Status.SUBMITTED}, "trạng thái “Chờ duyệt”"),
        ({"status": Article.Status.UNPUBLISHED}, "trạng thái “Đã gỡ”"),
        ({"published_at": timezone.now() + timedelta(days=1)}, "hẹn giờ đăng"),
    ],
    ids=["draft", "submitted", "unpublished", "scheduled"],
)
def test_staff_preview_unpublished_articles_marked_as_such(staff_client, kwargs, label):
    article = ArticleFactory(**kwargs)
    response = staff_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước" in html(response) and label in html(response)
    assert "no-cache" in response["Cache-Control"]
    article.refresh_from_db()
    assert article.view_count == 0


def test_moderator_cannot_preview_drafts(client, moderator):
    client.force_login(moderator)
    article = ArticleFactory(title="Bản nháp bí mật", status=Article.Status.DRAFT)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_moderator_reads_count_as_views(client, moderator):
    client.force_login(moderator)
    article = ArticleFactory()
    read(client, article)
    article.refresh_from_db()
    assert article.view_count == 1


def test_head_requests_are_not_counted_as_reads(client):
    article = ArticleFactory()
    assert client.head(article.get_absolute_url()).status_code == 200
    article.refresh_from_db()
    assert article.view_count == 0


def test_the_read_beacon_counts_nothing_but_a_post(client):
    article = ArticleFactory()
    url = reverse("news:read", args=[article.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 204
    article.refresh_from_db()
    assert article.view_count == 1


def test_published_article_is_not_marked_as_preview(client):
    article = ArticleFactory()
    assert "Bản xem trước" not in html(client.get(article.get_absolute_url()))


def test_old_slug_redirects_permanently_to_the_new_url(client):
    article = ArticleFactory(title="Khánh thành trường học")
    old_url = article.get_absolute_url()
    article.slug = "khanh-thanh-truong-mam-non"
    article.save()
    article.slug = "khanh-thanh-truong-mam-non-viet-hung"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    response = client.get("/bai-viet/khanh-thanh-truong-mam-non/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_old_slug_of_a_draft_does_not_reveal_it(client):
    article = ArticleFactory(title="Tin sắp đăng", status=Article.Status.DRAFT)
    article.slug = "tin-sap-dang-moi"
    article.save()
    assert client.get("/bai-viet/tin-sap-dang/").status_code == 404


def test_unknown_pages_get_the_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert '<html lang="vi">' in html(response)
    assert "Về trang chủ" in html(response)


def test_home_shows_newest_articles_with_photo_and_lead(client):
    old = ArticleFactory(title="Tin cũ", published_at=timezone.now() - timedelta(days=5))
    new = ArticleFactory(title="Tin mới nhất", lead="Sapo của tin mới nhất.")
    photo = ArticlePhotoFactory(article=new)
    page = html(client.get(reverse("news:home")))
    assert page.index("Tin mới nhất") < page.index("Tin cũ")
    assert photo.card.url in page
    assert "Sapo của tin mới nhất." in page
    assert old.get_absolute_url() in page


def test_home_shows_a_block_per_category(client):
    culture = CategoryFactory(name="Văn hóa", slug="van-hoa", order=1)
    city = CategoryFactory(name="Đô thị", slug="do-thi", order=2)
    ArticleFactory(category=culture, title="Lễ hội đền Ghềnh")
    ArticleFactory(category=city, title="Cải tạo vỉa hè Nguyễn Văn Cừ")
    page = html(client.get(reverse("news:home")))
    block = page[page.index('id="cm-van-hoa"') :]
    assert "Lễ hội đền Ghềnh" in block[: block.index('id="cm-do-thi"')]
    assert "Cải tạo vỉa hè Nguyễn Văn Cừ" in block[block.index('id="cm-do-thi"') :]


def test_home_is_paginated(client, settings):
    settings.NEWS_PAGE_SIZE = 7
    now = timezone.now()
    category = CategoryFactory()
    for n in range(9):
        ArticleFactory(
            title=f"Tin số {n:02d}", category=category, published_at=now - timedelta(hours=n + 1)
        )
    first = html(client.get(reverse("news:home")))
    second = html(client.get(reverse("news:home") + "?trang=2"))
    latest = first[: first.index("Phân trang")]
    assert "Tin số 06" in latest and "Tin số 07" not in latest
    assert "Tin số 07" in second and "Tin số 08" in second and "Tin số 06" not in second
    assert "Trang 2 / 2" in second
    assert re.search(r"<title>Trang 2 — [^<]+</title>", second)
    assert not re.search(r"<title>Trang \d", first)
    assert client.get(reverse("news:home") + "?trang=9").status_code == 404
    assert client.get(reverse("news:home") + "?trang=abc").status_code == 404


def test_category_page_lists_only_its_public_articles(client):
    category = CategoryFactory(name="Kinh tế", slug="kinh-te")
    ArticleFactory(category=category, title="Hỗ trợ doanh nghiệp nhỏ")
    ArticleFactory(title="Tin chuyên mục khác")
    ArticleFactory(category=category, title="Nháp kinh tế", status=Article.Status.DRAFT)
    page = html(client.get(category.get_absolute_url()))
    assert '<h1 class="page-title">Kinh tế</h1>' in page
    assert "Hỗ trợ doanh nghiệp nhỏ" in page
    assert "Tin chuyên mục khác" not in page and "Nháp kinh tế" not in page
    assert client.get("/chuyen-muc/khong-co/").status_code == 404


def test_pages_load_nothing_from_other_sites(client):
    article = ArticlePhotoFactory().article
    for url in (reverse("news:home"), article.get_absolute_url()):
        page = html(client.get(url))
        assert not re.search(r'src="(https?:)?//', page), url
        assert not re.search(r'<link rel="stylesheet" href="(https?:)?//', page), url


def test_public_pages_send_a_content_security_policy(client):
    response = client.get(reverse("news:home"))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def _count_queries(client, url):
    clear_cache()  # measure a cold page: nothing from an earlier request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_page_queries_do_not_grow_with_photos_or_related(client):
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=10))
    ArticlePhotoFactory(article=article)
    ArticleFactory(published_at=timezone.now() - timedelta(days=11))
    ArticleFactory(published_at=timezone.now() - timedelta(days=9))
    small = _count_queries(client, article.get_absolute_url())
    for n in range(6):
        ArticlePhotoFactory(article=article)
        ArticleFactory(published_at=timezone.now() - timedelta(days=12 + n))
        ArticleFactory(published_at=timezone.now() - timedelta(days=8 - n))
    large = _count_queries(client, article.get_absolute_url())
    assert small == large


def test_home_page_queries_do_not_grow_with_articles_photos_or_categories(client):
    ArticlePhotoFactory()
    small = _count_queries(client, reverse("news:home"))
    for _ in range(15):
        article = ArticleFactory(category=CategoryFactory())
        ArticlePhotoFactory(article=article)
        ArticlePhotoFactory(article=article)
    large = _count_queries(client, reverse("news:home"))
    assert small == large
