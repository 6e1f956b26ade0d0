"""Search: diacritics and case do not matter, drafts never show, and any
input gets a page with results, a hint or a Vietnamese message."""

import html
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from news import search
from news import text as folding
from news.forms import SearchForm
from news.models import Article
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

URL = reverse("news:search")


def found(client, **params):
    """Titles of the articles a search returns, in order."""
    response = client.get(URL, params)
    assert response.status_code == 200
    return [article.title for article in response.context["object_list"]]


@pytest.fixture
def articles():
    now = timezone.now()
    return {
        "title": ArticleFactory(
            title="Đại hội Đảng bộ phường Bồ Đề nhiệm kỳ mới",
            lead="Các đại biểu bầu ban chấp hành.",
            body="<p>Không khí phấn khởi.</p>",
            published_at=now - timedelta(days=1),
        ),
        "body": ArticleFactory(
            title="Hội nghị tổng kết công tác năm",
            lead="Quận tổng kết một năm làm việc.",
            body="<p>Báo cáo của <strong>ĐẢNG BỘ</strong> quận được thông qua.</p>",
            published_at=now - timedelta(hours=2),
        ),
        "other": ArticleFactory(
            title="Khánh thành vườn hoa ven sông",
            lead="Người dân Long Biên có thêm chỗ dạo mát.",
            body="<p>Vườn hoa rộng hai héc-ta.</p>",
            published_at=now - timedelta(days=3),
        ),
    }


# Folding


def test_fold_removes_diacritics_case_and_the_stroke_of_d():
    assert folding.fold("Đại hội ĐẢNG BỘ Long Biên") == "dai hoi dang bo long bien"
    assert folding.fold("Ưu tiên Ổn định Ấm no") == "uu tien on dinh am no"


def test_document_keeps_words_only_between_spaces():
    assert folding.document("Đảng  bộ,", "x_y!") == " dang bo x y "
    assert folding.document("", "…") == ""


def test_html_to_text_separates_paragraphs_and_decodes_entities():
    assert folding.html_to_text("<p>Một&nbsp;là</p><p>Hai là</p>") == "Một là Hai là"


def test_full_width_letters_are_searched_as_plain_ones(client):
    ArticleFactory(title="Cầu Long Biên mở lại")
    assert folding.fold("Ｌｏｎｇ Ｂｉêｎ") == "long bien"
    assert found(client, q="Ｌｏｎｇ Ｂｉêｎ") == ["Cầu Long Biên mở lại"]


def test_html_to_text_keeps_table_cells_apart():
    table = (
        "<table><caption>Thu ngân sách</caption><tr><th>Chỉ tiêu</th><th>Kế hoạch</th></tr>"
        "<tr><td>Thuế</td><td>685</td></tr></table><div>Nguồn</div><div>UBND</div>"
    )
    assert folding.html_to_text(table) == "Thu ngân sách Chỉ tiêu Kế hoạch Thuế 685 Nguồn UBND"


@pytest.mark.parametrize(
    ("typed", "heading"),
    [
        ('"giao thông quanh"', "cho “giao thông quanh”"),
        ("“giao thông quanh”", "cho “giao thông quanh”"),
        ('"giao thông" quanh', "cho “&quot;giao thông&quot; quanh”"),
    ],
)
def test_the_heading_and_the_tab_quote_a_quoted_phrase_once(client, typed, heading):
    ArticleFactory(title="Điều chỉnh giao thông quanh chợ")
    page = client.get(URL, {"q": typed}).content.decode()
    assert f"1 bài viết {heading}" in page
    assert f"<title>Tìm {heading.removeprefix('cho ')} — " in page


def test_curly_quotes_make_a_phrase_as_straight_ones_do(client):
    article = ArticleFactory(title="Điều chỉnh giao thông quanh chợ", lead="Long Biên phân luồng.")
    assert found(client, q="“giao thông long”") == []
    assert found(client, q="“giao thông quanh”") == [article.title]
    assert search.parse("“cầu long biên”").phrases == [["cau", "long", "bien"]]


def test_a_date_typed_in_the_address_is_shown_in_the_date_box(client, articles):
    html = client.get(URL, {"q": "dang bo", "tu_ngay": "20/11/2026"}).content.decode()
    assert 'name="tu_ngay" value="2026-11-20"' in html


# Diacritics and case


@pytest.mark.parametrize("query", ["dang bo", "Đảng bộ", "ĐẢNG BỘ", "đảng Bộ", "DANG BO"])
def test_with_or_without_diacritics_in_any_case_the_same_articles(client, articles, query):
    assert sorted(found(client, q=query)) == sorted(
        [articles["title"].title, articles["body"].title]
    )


def test_long_bien_finds_long_bien_with_diacritics(client, articles):
    assert found(client, q="long bien") == [articles["other"].title]


def test_d_and_stroked_d_are_the_same_letter(client, articles):
    assert found(client, q="bo de") == [articles["title"].title]
    assert found(client, q="bồ đề") == [articles["title"].title]


def test_extra_spaces_and_punctuation_between_words_are_ignored(client, articles):
    assert found(client, q="   long,   bien!!  ") == [articles["other"].title]


def test_the_beginning_of_a_word_is_enough(client, articles):
    assert found(client, q="long bi") == [articles["other"].title]
    assert found(client, q="khanh tha") == [articles["other"].title]


def test_the_middle_of_a_word_does_not_match(client, articles):
    assert found(client, q="ien") == []


def test_every_word_must_be_found(client, articles):
    assert found(client, q="dang bo khanh") == []


def test_an_edited_article_is_found_by_its_new_words(client, articles):
    article = articles["other"]
    article.title = "Mở rộng cầu Chương Dương"
    article.save()
    assert found(client, q="chuong duong") == ["Mở rộng cầu Chương Dương"]
    assert found(client, q="khanh thanh") == []


# Only public articles


def test_drafts_and_scheduled_articles_are_never_found(client):
    ArticleFactory(title="Bản nháp về cầu Vĩnh Tuy", status=Article.Status.DRAFT)
    ArticleFactory(
        title="Bài hẹn giờ về cầu Vĩnh Tuy", published_at=timezone.now() + timedelta(hours=3)
    )
    ArticleFactory(title="Thông xe cầu Vĩnh Tuy")
    assert found(client, q="vinh tuy") == ["Thông xe cầu Vĩnh Tuy"]


def test_editors_do_not_see_drafts_in_search_either(client, editor, articles):
    ArticleFactory(title="Bản nháp về vườn hoa", status=Article.Status.DRAFT)
    client.force_login(editor)
    assert found(client, q="vuon hoa") == [articles["other"].title]


# Order, filters, pages


def test_newest_first_by_default_and_by_relevance_on_request(client, articles):
    assert found(client, q="dang bo") == [articles["body"].title, articles["title"].title]
    by_relevance = found(client, q="dang bo", sap_xep="lien-quan")
    assert by_relevance == [articles["title"].title, articles["body"].title]


def test_an_unknown_order_falls_back_to_newest(client, articles):
    assert found(client, q="dang bo", sap_xep="'; DROP TABLE") == [
        articles["body"].title,
        articles["title"].title,
    ]


def test_filter_by_category(client, articles):
    category = CategoryFactory(name="Xây dựng Đảng", slug="xay-dung-dang")
    ArticleFactory(title="Đảng bộ quận học tập nghị quyết", category=category)
    assert found(client, q="dang bo", chuyen_muc="xay-dung-dang") == [
        "Đảng bộ quận học tập nghị quyết"
    ]


def test_a_category_alone_lists_its_articles(client, articles):
    slug = articles["other"].category.slug
    assert found(client, chuyen_muc=slug) == [articles["other"].title]


def test_the_heading_names_the_section_and_days_searched(client, articles):
    def heading(**params):
        page = client.get(URL, params).content.decode()
        return " ".join(re.search(r'id="ket-qua">(.*?)</h2>', page, re.S).group(1).split())

    category = articles["other"].category
    assert heading(chuyen_muc=category.slug) == f"1 bài viết trong chuyên mục {category.name}"
    assert heading(q="vuon hoa", chuyen_muc=category.slug, tu_ngay="2026-03-01") == (
        f"1 bài viết cho “vuon hoa” trong chuyên mục {category.name} từ ngày 01/03/2026"
    )
    assert heading(q="vuon hoa", den_ngay="2020-03-02") == (
        "Không tìm thấy bài viết nào cho “vuon hoa” đến ngày 02/03/2020"
    )
    assert heading(q="vuon hoa", tu_ngay="2020-03-02", den_ngay="2020-03-02") == (
        "Không tìm thấy bài viết nào cho “vuon hoa” ngày 02/03/2020"
    )


def test_filter_by_date_range_in_hanoi_days(client):
    hanoi = timezone.get_current_timezone()
    for day, hour, minute in [(1, 0, 30), (2, 23, 50), (3, 0, 10)]:
        ArticleFactory(
            title=f"Tin cầu Đuống ngày {day}",
            published_at=datetime(2026, 3, day, hour, minute, tzinfo=hanoi),
        )
    assert found(client, q="cau duong", tu_ngay="2026-03-01", den_ngay="2026-03-02") == [
        "Tin cầu Đuống ngày 2",
        "Tin cầu Đuống ngày 1",
    ]
    assert found(client, q="cau duong", tu_ngay="02/03/2026") == [
        "Tin cầu Đuống ngày 3",
        "Tin cầu Đuống ngày 2",
    ]


def test_pages_keep_the_query_and_filters(client, settings):
    settings.NEWS_PAGE_SIZE = 2
    for n in range(5):
        ArticleFactory(title=f"Đường Nguyễn Văn Cừ đoạn {n}")
    response = client.get(URL, {"q": "nguyen van cu", "sap_xep": "lien-quan"})
    html = response.content.decode()
    assert "5 bài viết" in html
    assert 'href="?q=nguyen+van+cu&amp;sap_xep=lien-quan&amp;trang=2"' in html
    page3 = client.get(URL, {"q": "nguyen van cu", "trang": "3"})
    assert len(page3.context["object_list"]) == 1


def test_pages_of_results_list_every_match_once_newest_first(client, settings):
    settings.NEWS_PAGE_SIZE = 2
    now = timezone.now()
    for n in range(5):
        ArticleFactory(title=f"Ngõ chợ Gia Lâm số {n}", published_at=now - timedelta(hours=n))
    ArticleFactory(title="Tin khác")
    pages = [found(client, q="ngo cho gia lam", trang=str(n)) for n in (1, 2, 3)]
    assert pages == [
        ["Ngõ chợ Gia Lâm số 0", "Ngõ chợ Gia Lâm số 1"],
        ["Ngõ chợ Gia Lâm số 2", "Ngõ chợ Gia Lâm số 3"],
        ["Ngõ chợ Gia Lâm số 4"],
    ]


@pytest.mark.parametrize("page", ["0", "-3"])
def test_a_page_number_below_one_opens_the_first_page(client, settings, page):
    settings.NEWS_PAGE_SIZE = 2
    now = timezone.now()
    for n in range(5):
        ArticleFactory(title=f"Phố Hồng Tiến số {n}", published_at=now - timedelta(hours=n))
    assert found(client, q="hong tien", trang=page) == ["Phố Hồng Tiến số 0", "Phố Hồng Tiến số 1"]


def test_words_past_the_eighth_are_named_as_left_out(client):
    ArticleFactory(title="Một hai ba bốn năm sáu bảy tám")
    response = client.get(URL, {"q": "một hai ba bốn năm sáu bảy tám Chín mười một"})
    html = response.content.decode()
    assert [a.title for a in response.context["object_list"]] == ["Một hai ba bốn năm sáu bảy tám"]
    assert "Chỉ tìm theo 8 từ đầu tiên; đã bỏ qua: «Chín mười»." in html
    assert "đã bỏ qua" not in client.get(URL, {"q": "một hai ba"}).content.decode()


@pytest.fixture
def numbers():
    now = timezone.now()
    ArticleFactory(
        title="Hơn 3.000 hộ dân có nước sạch",
        lead="Mỗi hộ được hỗ trợ 1.500.000 đồng lắp đồng hồ.",
        published_at=now - timedelta(days=1),
    )
    # "3" and "000" apart, as "3.000" was searched before it was one word.
    ArticleFactory(
        title="Tổ dân phố 3 họp về nước sạch",
        lead="Hồ sơ đánh số từ 000 đến 120; mỗi hộ góp 3 ý kiến.",
        published_at=now - timedelta(days=2),
    )


@pytest.mark.parametrize("q", ["3000", "3.000", "hơn 3.000 hộ", '"3.000 hộ"', "1500000 đồng"])
def test_a_number_written_with_dots_between_thousands_is_one_word(client, numbers, q):
    assert found(client, q=q) == ["Hơn 3.000 hộ dân có nước sạch"]


def test_a_number_with_dots_is_marked_whole_and_its_parts_match_nothing(client, numbers):
    html = client.get(URL, {"q": "3000 hộ dân"}).content.decode()
    assert "Hơn <mark>3.000</mark> <mark>hộ</mark> <mark>dân</mark> có nước sạch" in html
    html = client.get(URL, {"q": "1.500.000"}).content.decode()
    assert "hỗ trợ <mark>1.500.000</mark> đồng" in html
    # Its parts are not words of it: "000" is the other article's alone.
    html = client.get(URL, {"q": "000"}).content.decode()
    assert "Hơn 3.000 hộ" not in html
    assert "đánh số từ <mark>000</mark> đến 120" in html
    # Nothing typed is said to be left out.
    assert "đã bỏ qua" not in client.get(URL, {"q": "3.000 hộ"}).content.decode()


@pytest.mark.parametrize(
    ("q", "text", "shown"),
    [
        ("3000", "Hơn 3.000 hộ, 3 000 hộ", "Hơn <mark>3.000</mark> hộ, 3 000 hộ"),
        # A number is never a beginning: "150" is not "1.500.000".
        ("150", "150 hộ, 1.500.000 đồng", "<mark>150</mark> hộ, 1.500.000 đồng"),
        ("1 5", "1.500.000 đồng, 1.5 km", "1.500.000 đồng, <mark>1</mark>.<mark>5</mark> km"),
        # A comma is the decimal point, and a dot before fewer than three
        # digits no grouping: those stay apart.
        ("2", "2,5 km và 2.50", "<mark>2</mark>,5 km và <mark>2</mark>.50"),
    ],
)
def test_only_numbers_grouped_by_thousands_are_marked_whole(q, text, shown):
    assert search.highlight(text, search.parse(q)) == shown


@pytest.mark.parametrize("page", ["999", "abc", "-1", "1e9"])
def test_a_page_out_of_range_shows_a_page_not_an_error(client, articles, page):
    response = client.get(URL, {"q": "dang bo", "trang": page})
    assert response.status_code == 200


# What the reader sees


def test_matched_words_are_highlighted_in_titles_and_excerpts(client, articles):
    html = client.get(URL, {"q": "dang bo"}).content.decode()
    assert "<mark>Đảng</mark> <mark>bộ</mark> phường" in html
    # Found in the body only: the passage of the body is shown.
    assert "Báo cáo của <mark>ĐẢNG</mark> <mark>BỘ</mark> quận" in html


def test_a_result_links_to_its_article_and_category_with_its_time_in_ha_noi(client):
    category = CategoryFactory(name="Đô thị", slug="do-thi")
    # 06:30 on 2 March in Hà Nội; the microseconds a save records are no
    # part of the time a page gives machines (HTML allows three digits).
    published = datetime(2026, 3, 1, 23, 30, 0, 123456, tzinfo=UTC)
    article = ArticleFactory(
        title="Lát lại vỉa hè phố Ngọc Lâm", category=category, published_at=published
    )
    html = client.get(URL, {"q": "via he"}).content.decode()
    result = re.search(r'<article class="search-result">.*?</article>', html, re.S).group(0)
    assert (
        f'<a href="{article.get_absolute_url()}">Lát lại <mark>vỉa</mark> <mark>hè</mark> phố'
        in result
    )
    assert '<time datetime="2026-03-02T06:30:00+07:00">06:30 02/03/2026</time>' in result
    assert f'<a href="{category.get_absolute_url()}">Đô thị</a>' in result


def first_excerpt(client, q):
    """The excerpt of the first result of a search for `q`, as HTML."""
    html = client.get(URL, {"q": q}).content.decode()
    return re.search(r'<p class="search-result__excerpt">(.*?)</p>', html, re.S).group(1)


def test_a_long_passage_is_cut_around_the_first_match_and_highlighted_there(client):
    filler = " ".join(f"câu{n}" for n in range(120))
    ArticleFactory(
        title="Tin phường",
        lead="Mở đầu bài.",
        body=f"<p>{filler} Phường lắp đèn chiếu sáng ngõ 12. {filler}</p>",
    )
    shown = first_excerpt(client, "chieu sang")
    assert shown.startswith("… ") and shown.endswith(" …")
    assert "lắp đèn <mark>chiếu</mark> <mark>sáng</mark> ngõ 12." in shown
    assert "Mở đầu bài" not in shown
    assert len(re.sub(r"</?mark>", "", shown)) <= 230


def test_an_excerpt_at_the_end_of_the_stored_passage_says_the_text_goes_on(client):
    """The index keeps the first 1,200 characters: a match near their end
    is shown with the mark that the article goes on."""
    filler = ""
    while len(filler) < 1100:
        filler += f"câu{len(filler)} "
    ArticleFactory(
        title="Tin phường",
        lead="Mở đầu bài.",
        body=f"<p>{filler}Phường lắp đèn chiếu sáng ngõ 12. {filler}</p>",
    )
    shown = first_excerpt(client, "chieu sang")
    assert "lắp đèn <mark>chiếu</mark> <mark>sáng</mark> ngõ 12." in shown
    assert shown.startswith("… ") and shown.endswith(" …")


@pytest.mark.parametrize("at", [0, 100, 300, 600])
def test_the_excerpt_shows_the_words_where_they_stand_together(at):
    """A reader who searched "Thạch Bàn" sees the place where it is named,
    not the first "bàn" of "địa bàn"; with no two words together, the
    first match."""
    filler = ""
    while len(filler) < at:
        filler += f"câu{len(filler)} "
    after = " ".join(f"đoạn{n}" for n in range(150))
    text = f"Trên địa bàn có {filler}nhiều tuyến phố. Phường Thạch Bàn mở đường mới. {after}"
    shown = str(search.excerpt(text, search.parse("thach ban")))
    assert "Phường <mark>Thạch</mark> <mark>Bàn</mark> mở đường mới." in shown
    apart = f"Trên địa bàn có {filler}nhiều tuyến phố. Thạch Cầu và Bồ Đề mở đường. {after}"
    shown = str(search.excerpt(apart, search.parse("thach ban")))
    assert shown.startswith("Trên địa <mark>bàn</mark> có")


@pytest.mark.parametrize("at", [0, 60, 200, 300, 400, 440, 460, 480, 500, 520, 700])
def test_the_excerpt_is_cut_around_the_first_match_wherever_it_lies(at):
    """The beginning of a passage is searched first (news.search.excerpt):
    a first match in it, across its end or past it gets the same window."""
    filler = ""
    while len(filler) < at:
        filler += f"câu{len(filler)} "
    after = " ".join(f"đoạn{n}" for n in range(150))
    text = f"{filler} Lắp đèn chiếu sáng ngõ 12, thêm đèn chiếu sáng ngõ 14. {after}"
    shown = str(search.excerpt(text.strip(), search.parse("chieu sang")))
    assert "đèn <mark>chiếu</mark> <mark>sáng</mark> ngõ 12" in shown
    assert "đèn <mark>chiếu</mark> <mark>sáng</mark> ngõ 14" in shown
    assert shown.count("<mark>") == 4
    assert shown.startswith("… ") == (len(filler) > 220 // 3)
    assert len(re.sub(r"</?mark>", "", shown)) <= 230


def test_the_category_list_follows_a_new_and_a_renamed_category(
    client, articles, django_capture_on_commit_callbacks
):
    assert "Môi trường" not in client.get(URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        category = CategoryFactory(name="Môi trường", slug="moi-truong")
    assert '<option value="moi-truong">Môi trường</option>' in client.get(URL).content.decode()
    category.name = "Môi trường xanh"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    html = client.get(URL, {"q": "dang bo", "chuyen_muc": "moi-truong"}).content.decode()
    assert '<option value="moi-truong" selected>Môi trường xanh</option>' in html


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "“ĐẢNG BỘ” – đảng viên, bộ đội, Đảngbộ",
            "“<mark>ĐẢNG</mark> <mark>BỘ</mark>” – <mark>đảng</mark> viên, <mark>bộ</mark> đội, "
            "Đảngbộ",
        ),
        # A letter no article table holds: the same marks, found more slowly.
        ("🎉 Đảng bộ: bộđội", "🎉 <mark>Đảng</mark> <mark>bộ</mark>: <mark>bộđội</mark>"),
        ("Ấp Đông, ĐẢNG", "Ấp Đông, <mark>ĐẢNG</mark>"),
    ],
)
def test_highlighting_marks_whole_words_and_the_beginning_of_the_last(text, shown):
    assert search.highlight(text, search.parse("dang bo")) == shown


@pytest.mark.parametrize(
    ("q", "text", "shown"),
    [
        # Diacritics typed: only the words written so.
        ("bộ", "Phường Bồ Đề: Đảng bộ họp", "Phường Bồ Đề: Đảng <mark>bộ</mark> họp"),
        ("BỘ đội", "Bồ Đề, BỘ ĐỘI", "Bồ Đề, <mark>BỘ</mark> <mark>ĐỘI</mark>"),
        ("bộ", "Phường Bồ Đề, bồi thường", "Phường Bồ Đề, bồi thường"),
        ("bo", "Bồ Đề, bộ đội", "<mark>Bồ</mark> Đề, <mark>bộ</mark> đội"),
        # A quoted phrase: only where its words follow each other.
        (
            '"thạch bàn"',
            "Thạch Cầu gần Thạch  Bàn, trên địa bàn",
            "Thạch Cầu gần <mark>Thạch</mark>  <mark>Bàn</mark>, trên địa bàn",
        ),
        ('"thach ban"', "Thạch Cầu, bàn ghế", "Thạch Cầu, bàn ghế"),
        # Found in the index, where punctuation parts no words: marked too.
        (
            '"7,5"',
            "Rộng 7,5 m, dài 7 m, cao 5 m",
            "Rộng <mark>7</mark>,<mark>5</mark> m, dài 7 m, cao 5 m",
        ),
        (
            '"20/11" lễ',
            "Lễ 20/11, ngày 20, tháng 11",
            "<mark>Lễ</mark> <mark>20</mark>/<mark>11</mark>, ngày 20, tháng 11",
        ),
        ("Thạch Bàn", "Thạch Cầu, bán bánh", "<mark>Thạch</mark> Cầu, bán bánh"),
        (
            '"tổ dân phố" họp',
            "Tổ dân phố 3 họp; dân phối hợp",
            "<mark>Tổ</mark> <mark>dân</mark> <mark>phố</mark> 3 <mark>họp</mark>; dân phối hợp",
        ),
    ],
)
def test_the_marks_follow_what_the_reader_typed(q, text, shown):
    assert search.highlight(text, search.parse(q)) == shown


def test_a_result_marks_the_word_typed_with_its_diacritics(client):
    ArticleFactory(title="Đảng bộ phường Bồ Đề đại hội", lead="Bồ Đề đón đại biểu của Đảng bộ.")
    html = client.get(URL, {"q": "bộ"}).content.decode()
    assert "Đảng <mark>bộ</mark> phường Bồ Đề đại hội" in html
    assert "Bồ Đề đón đại biểu của Đảng <mark>bộ</mark>." in html


def test_a_partial_word_highlights_the_whole_word(client, articles):
    html = client.get(URL, {"q": "long bi"}).content.decode()
    assert "<mark>Long</mark> <mark>Biên</mark>" in html


def test_titles_are_escaped_in_results(client):
    ArticleFactory(title="Cầu Long Biên <script>alert(1)</script>")
    html = client.get(URL, {"q": "script"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;<mark>script</mark>&gt;alert(1)" in html


def test_no_result_says_so_and_suggests_what_to_try(client, articles):
    html = client.get(URL, {"q": "tàu vũ trụ"}).content.decode()
    assert "Không tìm thấy bài viết nào cho “tàu vũ trụ”" in html
    assert "bớt một vài từ" in html
    assert "bỏ bộ lọc" not in html  # none was set
    category = articles["title"].category.slug
    html = client.get(URL, {"q": "tàu vũ trụ", "chuyen_muc": category}).content.decode()
    assert "bớt một vài từ" in html
    assert "bỏ bộ lọc chuyên mục hoặc khoảng ngày" in html
    html = client.get(URL, {"tu_ngay": "2001-01-01", "den_ngay": "2001-01-02"}).content.decode()
    assert "Không tìm thấy bài viết nào" in html
    assert "bớt một vài từ" not in html  # no words to drop
    assert "bỏ bộ lọc chuyên mục hoặc khoảng ngày" in html


@pytest.mark.parametrize(
    ("params", "title"),
    [
        ({"q": "ddaij hooij"}, "Tìm “đại hội” — "),
        ({"q": "   "}, "Tìm kiếm — "),
        ({"q": "  long   bien "}, "Tìm “long bien” — "),
        ({"q": "long bien", "tu_ngay": "2026-02-31"}, "Chưa tìm được: Tìm “long bien” — "),
        ({"q": "x" * 300}, "Chưa tìm được: Tìm “" + "x" * 59 + "…” — "),
        ({"q": '""'}, "Chưa tìm được: Tìm kiếm — "),
    ],
)
def test_the_tab_names_what_was_searched_and_whether_it_could_be(client, params, title):
    html = client.get(URL, params).content.decode()
    assert re.search(r"<title>(.*?)</title>", html).group(1).startswith(title)


def test_the_tab_names_the_section_searched_without_words(client):
    ArticleFactory(title="Lát lại vỉa hè", category=CategoryFactory(name="Đô thị", slug="do-thi"))
    html = client.get(URL, {"chuyen_muc": "do-thi"}).content.decode()
    assert (
        re.search(r"<title>(.*?)</title>", html)
        .group(1)
        .startswith("Tìm trong chuyên mục Đô thị — ")
    )


def test_the_search_box_is_on_every_page_and_keeps_the_query(client, articles):
    home = client.get(reverse("news:home")).content.decode()
    assert f'action="{URL}"' in home and 'name="q"' in home
    html = client.get(URL, {"q": "long bien"}).content.decode()
    assert 'value="long bien"' in html
    # One box on the search page: the header's would repeat the page's own.
    assert html.count('name="q"') == 1


@pytest.mark.parametrize(
    ("params", "unfolded", "in_use"),
    [
        ({}, True, False),
        ({"q": "long bien"}, False, False),
        ({"q": "long bien", "sap_xep": "lien-quan"}, True, True),
        ({"q": "long bien", "tu_ngay": "2020-01-01"}, True, True),
        ({"q": "long bien", "tu_ngay": "32/13/2026"}, True, False),
        ({"q": "tàu vũ trụ"}, False, False),
    ],
)
def test_filters_fold_away_once_results_are_shown_unless_one_is_used(
    client, articles, params, unfolded, in_use
):
    """On a phone the filters filled the screen above the results."""
    html = client.get(URL, params).content.decode()
    details = re.search(r'<details class="search-form__more"([^>]*)>', html).group(1)
    assert (" open" in details) == unfolded
    assert ("Lọc, sắp xếp (đang dùng)" in html) == in_use


# Bad input: a friendly page, never a 500


def test_an_empty_search_shows_the_form_with_a_hint(client, articles):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert response.context["object_list"].count() == 0
        assert "Nhập từ khóa" in response.content.decode()


@pytest.mark.parametrize("query", ["!!!", "…", "%", "%%__", "' \" ;", "<>"])
def test_punctuation_only_gets_a_message(client, articles, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "ít nhất một chữ cái hoặc chữ số" in response.content.decode()


def test_a_very_long_query_gets_a_message_and_is_not_run(client, articles):
    response = client.get(URL, {"q": "dang-bo-" * 1250})
    assert response.status_code == 200
    assert "Từ khóa quá dài (10000 ký tự)" in response.content.decode()
    assert response.context["object_list"].count() == 0


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "dang'; DROP TABLE news_article; --",
        "\\",
        "long_bien",
        "bien%",
        "\x00dang",
    ],
)
def test_sql_fragments_and_wildcards_are_plain_text(client, articles, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert Article.objects.count() == 3


def test_every_message_an_input_points_to_is_on_the_page(client, articles):
    """A screen reader reads the message of a box from the id its
    aria-describedby names: each must be on the page, with the message."""
    html = client.get(
        URL, {"q": "x" * 300, "tu_ngay": "32/13/2026", "den_ngay": "hôm qua"}
    ).content.decode()
    described = {}
    for tag in re.findall(r"<(?:input|select)\b[^>]*>", html):
        name, ids = re.search(r'name="(\w+)"', tag), re.search(r'aria-describedby="([^"]+)"', tag)
        if name and ids:
            described[name.group(1)] = ids.group(1).split()
    assert set(described) >= {"q", "tu_ngay", "den_ngay"}
    for name, ids in described.items():
        for id_ in ids:
            assert re.search(rf'id="{id_}"', html), f"{name}: no element {id_}"
    beside = dict(re.findall(r'<p class="search-form__error" id="id_(\w+)_error">(.*?)</p>', html))
    assert "Từ khóa quá dài" in beside["q"]
    # A date the browser cannot show in its box is quoted as typed.
    assert (
        beside["tu_ngay"].startswith("Ngày chưa đúng")
        and "Đã gõ: “32/13/2026”" in beside["tu_ngay"]
    )
    assert "Đã gõ: “hôm qua”" in beside["den_ngay"]


def test_a_date_the_box_shows_is_not_quoted_again(client, articles):
    page = client.get(URL, {"tu_ngay": "2026-05-02", "den_ngay": "01/05/2026"}).content.decode()
    assert "Ngày kết thúc không được trước ngày bắt đầu." in page
    assert 'name="den_ngay" value="2026-05-01"' in page
    assert "Đã gõ" not in page


def test_one_day_is_searched_with_the_same_start_and_end(client):
    day = timezone.make_aware(datetime(2026, 5, 2, 9))
    ArticleFactory(title="Chợ Long Biên họp chợ phiên", published_at=day)
    ArticleFactory(title="Chợ Long Biên sửa mái", published_at=day - timedelta(days=1))
    response = client.get(URL, {"q": "cho", "tu_ngay": "2026-05-02", "den_ngay": "2026-05-02"})
    assert "Chưa tìm được" not in response.content.decode()
    assert found(client, q="cho", tu_ngay="2026-05-02", den_ngay="2026-05-02") == [
        "Chợ Long Biên họp chợ phiên"
    ]


def test_most_relevant_without_words_says_it_shows_the_newest_first(client):
    category = CategoryFactory(name="Đô thị", slug="do-thi")
    older = ArticleFactory(
        title="Đường Ngọc Thụy", category=category, published_at=timezone.now() - timedelta(days=3)
    )
    newer = ArticleFactory(
        title="Vỉa hè Bồ Đề", category=category, published_at=timezone.now() - timedelta(days=1)
    )
    params = {"chuyen_muc": "do-thi", "sap_xep": "lien-quan"}
    html = client.get(URL, params).content.decode()
    assert found(client, **params) == [newer.title, older.title]
    assert 'value="moi-nhat" checked' in html
    assert 'value="lien-quan" checked' not in html


def test_a_control_character_in_the_address_is_not_written_back_into_the_page(client):
    html = client.get(URL, {"q": "\x00dang\x07 bo"}).content.decode()
    assert "có ký tự không gõ được" in html
    assert "\x00" not in html
    assert "\x07" not in html
    assert 'name="q" id="id_q" value="dang bo"' in html


def test_wildcards_do_not_match_everything(client, articles):
    assert found(client, q="bien%") == [articles["other"].title]
    assert found(client, q="_") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu_ngay": "32/13/2026"}, "Ngày chưa đúng"),
        ({"den_ngay": "hôm qua"}, "Ngày chưa đúng"),
        ({"tu_ngay": "0001-01-01"}, "từ năm 1900 đến năm 2100"),
        ({"den_ngay": "9999-12-31"}, "từ năm 1900 đến năm 2100"),
        ({"tu_ngay": "2026-05-02", "den_ngay": "2026-05-01"}, "Ngày kết thúc không được trước"),
        ({"chuyen_muc": "khong-co"}, "Không có chuyên mục này"),
    ],
)
def test_bad_filters_get_a_message_and_keep_the_query(client, articles, params, message):
    response = client.get(URL, {"q": "long bien", **params})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="long bien"' in html


def test_query_count_does_not_grow_with_results(client, django_assert_max_num_queries, settings):
    settings.NEWS_PAGE_SIZE = 20
    for n in range(15):
        ArticleFactory(title=f"Phố Ngọc Lâm số {n}")
    # Another search first: what a process reads once (on PostgreSQL, which
    # words are common) is not a cost of each result.
    client.get(URL, {"q": "ngoc"})
    with django_assert_max_num_queries(6):
        client.get(URL, {"q": "ngoc lam"})


def test_many_results_are_counted_up_to_a_limit(client, monkeypatch, settings):
    monkeypatch.setattr(search, "COUNT_LIMIT", 4)
    settings.NEWS_PAGE_SIZE = 2
    for n in range(7):
        ArticleFactory(title=f"Chợ Long Biên sáng số {n}")
    response = client.get(URL, {"q": "cho long bien"})
    assert "Hơn 4 bài viết" in response.content.decode()
    assert response.context["paginator"].num_pages == 2
    assert found(client, q="cho long bien", trang="2") == [
        "Chợ Long Biên sáng số 4",
        "Chợ Long Biên sáng số 3",
    ]


def test_past_the_counted_results_a_reader_goes_on_after_the_last_one_shown(
    client, monkeypatch, settings
):
    """The results stop at the count's limit; "Tìm tiếp" goes on after the
    last article shown, with none shown twice, even when the cut falls
    inside one day (it went on from that whole day before)."""
    monkeypatch.setattr(search, "COUNT_LIMIT", 4)
    settings.NEWS_PAGE_SIZE = 2
    day = timezone.now() - timedelta(days=3)
    times = [
        day + timedelta(days=2),
        day + timedelta(days=1),
        day + timedelta(hours=3),
        day + timedelta(hours=2),
        day + timedelta(hours=1),
        day - timedelta(days=1),
        day - timedelta(days=2),
    ]
    titles = [f"Chợ Long Biên số {n}" for n in range(7)]
    for title, published in zip(titles, times, strict=True):
        ArticleFactory(title=title, published_at=published)
    first = client.get(URL, {"q": "cho long bien"}).content.decode()
    assert "Tìm tiếp" not in first
    last = client.get(URL, {"q": "cho long bien", "trang": "2"}).content.decode()
    link = re.search(r'<a href="([^"]+)">Tìm tiếp trong các bài đăng trước ([^<]+)</a>', last)
    assert link.group(2) == timezone.localtime(times[3]).strftime("%H:%M %d/%m/%Y")
    older = client.get(URL + html.unescape(link.group(1)))
    assert [a.title for a in older.context["object_list"]] == titles[4:6]
    page = older.content.decode()
    stamp = timezone.localtime(times[3]).strftime("%H:%M %d/%m/%Y")
    assert f"Các bài đăng trước {stamp}." in page
    assert older.context["form"].cleaned_data["q"] == "cho long bien"
    back = re.search(r'<a href="([^"]+)">Về các bài mới nhất</a>', page).group(1)
    assert [a.title for a in client.get(URL + html.unescape(back)).context["object_list"]] == (
        titles[:2]
    )
    link_to_2 = re.search(r'<a href="(\?[^"]*trang=2[^"]*)" rel="next">', page).group(1)
    older_2 = client.get(URL + html.unescape(link_to_2)).context["object_list"]
    assert [a.title for a in older_2] == titles[6:]
    # Most relevant first, the newest four are ranked, and the page says so;
    # the last page goes on after the oldest of them, wherever it ranked.
    ranked = client.get(URL, {"q": "cho long bien", "sap_xep": "lien-quan"}).content.decode()
    assert "Xếp theo mức phù hợp trong 4 bài mới nhất." in ranked
    assert "Tìm tiếp" not in ranked
    last = client.get(URL, {"q": "cho long bien", "trang": "2", "sap_xep": "lien-quan"})
    link = re.search(
        r'<a href="([^"]+)">Tìm tiếp trong các bài đăng trước ([^<]+)</a>', last.content.decode()
    )
    assert link.group(2) == stamp
    older = client.get(URL + html.unescape(link.group(1))).context["object_list"]
    assert sorted(a.title for a in older) == titles[4:6]


@pytest.mark.parametrize("value", ["abc", "0", "-3", "9" * 30, "\x00", "99999"])
def test_a_continuation_naming_no_public_article_starts_from_the_newest(client, value):
    ArticleFactory(title="Chợ Long Biên mới", published_at=timezone.now() - timedelta(hours=1))
    draft = ArticleFactory(title="Chợ Long Biên nháp", status=Article.Status.DRAFT)
    for sent in (value, str(draft.pk)):
        response = client.get(URL, {"q": "cho long bien", "truoc": sent})
        assert response.status_code == 200
        assert [a.title for a in response.context["object_list"]] == ["Chợ Long Biên mới"]
        assert "Các bài đăng trước" not in response.content.decode()


def test_relevance_ranks_the_newest_matches(client, monkeypatch):
    monkeypatch.setattr(search, "COUNT_LIMIT", 2)
    now = timezone.now()
    ArticleFactory(title="Cầu Thanh Trì", published_at=now - timedelta(days=9))
    ArticleFactory(title="Nói về cầu", lead="Cầu Thanh Trì thông xe.", published_at=now)
    ArticleFactory(
        title="Bàn về cầu", lead="Cầu Thanh Trì mở làn.", published_at=now - timedelta(days=1)
    )
    assert found(client, q="cau thanh tri", sap_xep="lien-quan") == ["Nói về cầu", "Bàn về cầu"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "cau"},
        {"chuyen_muc": "do-thi", "tu_ngay": "2026-03-02", "den_ngay": "02/03/2026"},
        {"chuyen_muc": "khong-co", "tu_ngay": "32/13/2026", "den_ngay": '"><script>'},
        {"tu_ngay": "2026-05-02", "den_ngay": "2026-05-01"},
    ],
)
def test_the_filters_are_drawn_as_djangos_own_templates_draw_them(params, monkeypatch):
    """The category list and the date boxes are drawn in Python for speed:
    the same HTML as Django's widget templates, whatever the reader sent."""
    CategoryFactory(name="Đô thị & <Giao thông>", slug="do-thi")
    CategoryFactory(name="Kinh tế", slug="kinh-te")
    for name in ["chuyen_muc", "tu_ngay", "den_ngay"]:
        ours = drawn(SearchForm(params or None), name)
        widget_class = type(SearchForm.base_fields[name].widget)
        with monkeypatch.context() as patch:
            # Django's own drawing, through its templates.
            patch.setattr(widget_class, "render", widget_class.__mro__[1].render)
            theirs = drawn(SearchForm(params or None), name)
        assert parsed(ours) == parsed(theirs)


def drawn(form, name):
    form.is_valid()
    return form[name].as_widget()


def parsed(markup):
    """The elements of `markup` in order, each as its tag, its attributes
    (in any order: the browser does not care) and its text."""
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, sorted(attrs), ""))

        def handle_data(self, data):
            if data.strip():
                found.append(("text", [], data))

    Parser().feed(markup)
    return found


def test_the_pages_of_results_are_linked_by_number_with_the_query(client, settings):
    """A reader goes to any page in two steps: the first, the last and
    those beside the current one are linked, with … for the rest."""
    settings.NEWS_PAGE_SIZE = 1
    for n in range(10):
        ArticleFactory(title=f"Chợ Long Biên phiên số {n}")
    page = client.get(URL, {"q": "cho long bien", "sap_xep": "lien-quan", "trang": 5})
    nav = re.search(r'<nav class="pagination".*?</nav>', page.content.decode(), re.S).group(0)
    links = re.findall(r'<a href="\?([^"]*)"([^>]*)>(.*?)</a>', nav)
    shown = [re.sub(r"<[^>]+>", "", text) for _, _, text in links]
    assert shown == [
        "‹ Trang trước",
        "Trang 1",
        "Trang 4",
        "Trang 5",
        "Trang 6",
        "Trang 10",
        "Trang sau ›",
    ]
    # The gaps are for the eye: a screen reader hears the numbers.
    assert nav.count('<li class="pagination__gap" aria-hidden="true">…</li>') == 2
    assert [text for _, attrs, text in links if 'aria-current="page"' in attrs] == [
        '<span class="visually-hidden">Trang </span>5'
    ]
    for query, _, _ in links:
        assert "q=cho+long+bien" in query and "sap_xep=lien-quan" in query
    last = next(query for query, _, text in links if text.endswith(">10"))
    tenth = client.get(f"{URL}?{html.unescape(last)}").context["object_list"]
    assert [a.title for a in tenth] == found(
        client, q="cho long bien", sap_xep="lien-quan", trang=10
    )
    assert len(tenth) == 1
    assert "Trang 5 / 10" in nav
    assert "<title>Tìm “cho long bien” — Trang 5 — " in page.content.decode()
