"""Search through the database's engine: ranking that reads Vietnamese,
Telex and VNI, tags and authors, exact counts, and an index that follows
every change to what it holds."""

import html
import importlib
import re
import threading
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from news import search
from news.models import Article, Author, Tag
from tests.factories import ArticleFactory, AuthorFactory
from tests.news.test_search import URL, found

pytestmark = pytest.mark.django_db


def ranked(client, q):
    return found(client, q=q, sap_xep="lien-quan")


def days_ago(n):
    return timezone.now() - timedelta(days=n)


# Ranking


def test_the_diacritics_typed_rank_articles_with_exactly_them_first(client):
    ArticleFactory(
        title="Thông báo của phường Long Biên",
        lead="Đường Long Biên – Xuân Quan hạn chế xe tải.",
        published_at=days_ago(1),
    )
    ArticleFactory(
        title="Sửa lòng đường phố Ngọc Lâm",
        lead="Mặt đường được trải lại nhựa.",
        published_at=days_ago(5),
    )
    assert ranked(client, "lòng đường") == [
        "Sửa lòng đường phố Ngọc Lâm",
        "Thông báo của phường Long Biên",
    ]


def test_syllables_side_by_side_rank_above_scattered_ones(client):
    ArticleFactory(
        title="Thông tin về lớp học mới",
        lead="Lớp học giao cho giáo viên trẻ, phụ huynh thông qua kế hoạch.",
        published_at=days_ago(1),
    )
    ArticleFactory(
        title="Phân luồng tại nút cầu Chương Dương",
        lead="Cảnh sát giao thông điều tiết từ sáng sớm.",
        published_at=days_ago(20),
    )
    assert ranked(client, "giao thông") == [
        "Phân luồng tại nút cầu Chương Dương",
        "Thông tin về lớp học mới",
    ]


def test_a_title_match_ranks_above_a_body_match_and_newer_wins_ties(client):
    ArticleFactory(title="Bàn giao nhà văn hóa", body="<p>Nhân dân Gia Thụy phấn khởi.</p>")
    ArticleFactory(title="Gia Thụy có nhà văn hóa mới", published_at=days_ago(30))
    ArticleFactory(title="Gia Thụy trồng cây", published_at=days_ago(3))
    assert ranked(client, "gia thuy") == [
        "Gia Thụy trồng cây",
        "Gia Thụy có nhà văn hóa mới",
        "Bàn giao nhà văn hóa",
    ]


def test_words_in_double_quotes_must_follow_each_other(client):
    ArticleFactory(title="Cầu Long Biên đón khách")
    ArticleFactory(title="Cầu mới ở phường Long Biên")
    assert found(client, q='"cau long bien"') == ["Cầu Long Biên đón khách"]
    assert len(found(client, q="cau long bien")) == 2


def test_a_quoted_pair_of_words_is_found_within_one_part_the_last_word_begun(client):
    ArticleFactory(title="Sửa cầu vượt Long Biên", lead="Xe tải đi đường tránh.")
    ArticleFactory(title="Phường khánh thành cầu", lead="Vượt khó, nhà văn hóa mới xong.")
    ArticleFactory(title="Cầu thang máy", lead="Trường học vượt chuẩn.")
    assert found(client, q='"cau vuot"') == ["Sửa cầu vượt Long Biên"]
    assert found(client, q='"cầu vượ"') == ["Sửa cầu vượt Long Biên"]
    assert found(client, q='"duong tranh" "xe tai"') == ["Sửa cầu vượt Long Biên"]
    assert found(client, q='"tranh duong"') == []
    assert found(client, q='"cau vuot" long bi') == ["Sửa cầu vượt Long Biên"]
    # Only the query's last word may be a beginning, inside quotes or not.
    assert found(client, q='"cau vuo" long') == []
    # The title's last word and the lead's first do not make a phrase.
    assert found(client, q='"cau vuot kho"') == []


def test_a_number_is_never_a_beginning(client):
    """A number as the last word is the number: "150" is not the beginning
    of "1.500" (another number), nor of "15000"; "Long Biê" still begins
    "Long Biên", and "bộ", typed with its marks, is a beginning too."""
    ArticleFactory(title="Hỗ trợ 150 hộ dân", published_at=days_ago(1))
    ArticleFactory(title="Hơn 1.500 hộ dân có nước sạch", published_at=days_ago(2))
    ArticleFactory(title="Cầu Long Biên sơn lại", published_at=days_ago(3))
    ArticleFactory(title="Bồi thường đất ven đê", published_at=days_ago(4))
    assert found(client, q="150") == ["Hỗ trợ 150 hộ dân"]
    assert found(client, q="hộ dân 150") == ["Hỗ trợ 150 hộ dân"]
    assert found(client, q="1.500") == found(client, q="1500") == ["Hơn 1.500 hộ dân có nước sạch"]
    assert found(client, q="Long Biê") == ["Cầu Long Biên sơn lại"]
    # Typed with its marks, a word still begins others ("Việt Hư" is on
    # the way to "Việt Hưng"); the marks fall only on the word as typed.
    assert found(client, q="bộ") == ["Bồi thường đất ven đê"]


# Telex and VNI


@pytest.mark.parametrize("typed", ["ddaij hooij", "d9a5i ho65i", "DDAIJ HOOIJ"])
def test_telex_and_vni_are_read_as_vietnamese_with_a_link_to_the_words_as_typed(client, typed):
    ArticleFactory(title="Đại hội Đảng bộ phường Bồ Đề")
    response = client.get(URL, {"q": typed})
    page = response.content.decode()
    assert [a.title for a in response.context["object_list"]] == ["Đại hội Đảng bộ phường Bồ Đề"]
    assert "Kết quả cho «đại hội»" in page
    assert "1 bài viết cho “đại hội”" in page  # the heading names what was searched
    link = re.search(r'<a href="([^"]+)">Tìm đúng «([^»]+)»</a>', page)
    assert link.group(2) == typed
    literal = client.get(URL + link.group(1).replace("&amp;", "&"))
    assert list(literal.context["object_list"]) == []
    assert "Kết quả cho" not in literal.content.decode()
    assert literal.context["form"].cleaned_data["q"] == typed


def test_the_words_as_typed_link_back_to_their_reading(client):
    ArticleFactory(title="Phường Thạch Bàn mở đường")
    literal = client.get(URL, {"q": "thajch bafn", "nguyen_van": "1"})
    page = literal.content.decode()
    assert list(literal.context["object_list"]) == []
    back = re.search(r'Tìm đúng «thajch bafn». <a href="([^"]+)">Tìm «thạch bàn»</a>', page)
    again = client.get(URL + html.unescape(back.group(1)))
    assert [a.title for a in again.context["object_list"]] == ["Phường Thạch Bàn mở đường"]
    # Words that are no Telex have no reading to go back to.
    assert "Tìm đúng" not in client.get(URL, {"q": "thach", "nguyen_van": "1"}).content.decode()


def test_telex_mixed_with_plain_words_keeps_the_plain_ones(client):
    ArticleFactory(title="Trường học mới ở Long Biên")
    response = client.get(URL, {"q": "truowngf long bien"})
    assert "Kết quả cho «trường long bien»" in response.content.decode()
    assert [a.title for a in response.context["object_list"]] == ["Trường học mới ở Long Biên"]


@pytest.mark.parametrize(
    ("typed", "read"), [("khoong", "không"), ("tooi laan", "tôi lân"), ("ddeen", "đên")]
)
def test_a_doubled_vowel_without_a_tone_is_read_as_telex(client, typed, read):
    response = client.get(URL, {"q": typed})
    assert f"Kết quả cho «{read}»" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("nguowif daan vaf xe", "người dân và xe"),
        ("ddaij hooij laf gif", "đại hội là gì"),
        ("truowngf cos mowis", "trường có mới"),
        # The tone typed before the final consonant, as many readers do.
        ("thajch bafn", "thạch bàn"),
        ("phuwowngf thajch bafn", "phường thạch bàn"),
        ("nhaajt", "nhật"),
    ],
)
def test_short_telex_words_are_read_beside_plain_telex(typed, read):
    assert search.from_input_method(typed) == read


def test_a_short_word_is_read_as_telex_only_right_after_a_telex_word():
    assert search.from_input_method("ddi xe bus") == "đi xe bus"


def test_the_words_as_typed_stay_literal_when_the_filters_or_order_change(client):
    ArticleFactory(title="Đại hội Đảng bộ phường Bồ Đề")
    literal = client.get(URL, {"q": "ddaij hooij", "nguyen_van": "1"}).content.decode()
    assert '<input type="hidden" name="nguyen_van" value="ddaij hooij">' in literal
    # The reader changes the order: the form sends the words it was set for.
    again = client.get(
        URL, {"q": "ddaij hooij", "nguyen_van": "ddaij hooij", "sap_xep": "lien-quan"}
    )
    assert "Kết quả cho" not in again.content.decode()
    assert list(again.context["object_list"]) == []
    # Other words typed in the same box are read afresh.
    other = client.get(URL, {"q": "ddaij hooij ddangr", "nguyen_van": "ddaij hooij"})
    assert "Kết quả cho «đại hội đảng»" in other.content.decode()


@pytest.mark.parametrize(
    "plain",
    [
        "long bien",
        "dai hoi",
        "cau",
        "or",
        "2026",
        "covid",
        "xe bus",
        "gas",
        "vaf",
        "taxi",
        "visa",
        "text",
        "next",
        "best",
        "left",
        "post office",
        "thach ban",
        "U23 Việt Nam",
        "ddaij hội",
    ],
)
def test_ordinary_words_are_not_taken_for_telex_or_vni(plain):
    assert search.from_input_method(plain) is None


# Tags and authors


def test_tags_and_author_names_are_searched(client):
    article = ArticleFactory(title="Một buổi sáng", author=AuthorFactory(name="Đông Hải"))
    article.tags.add(Tag.objects.create(name="ngập úng"))
    assert found(client, q="dong hai") == ["Một buổi sáng"]
    assert found(client, q="ngập úng") == ["Một buổi sáng"]


def test_a_quoted_phrase_runs_within_a_tag_or_the_author_never_from_one_to_the_next(client):
    article = ArticleFactory(title="Một buổi sáng", author=AuthorFactory(name="Hà Trang"))
    # Tags are indexed in name order: "giao thông", then "long biên".
    article.tags.add(Tag.objects.create(name="Long Biên"), Tag.objects.create(name="Giao thông"))
    assert found(client, q='"long bien"') == ["Một buổi sáng"]
    assert found(client, q='"thong long"') == []
    assert found(client, q='"bien ha"') == []
    assert found(client, q="thong long") == ["Một buổi sáng"]  # unquoted, anywhere


def test_renamed_tags_and_authors_and_removed_tags_are_searched_by_what_they_are_now(client):
    article = ArticleFactory(title="Một buổi sáng", author=AuthorFactory(name="Đông Hải"))
    tag = Tag.objects.create(name="ngập úng")
    article.tags.add(tag)
    tag.name = "mưa lớn"
    tag.save()
    author = Author.objects.get(name="Đông Hải")
    author.name = "Minh Châu"
    author.save()
    assert found(client, q="ngap ung") == []
    assert found(client, q="mua lon") == ["Một buổi sáng"]
    assert found(client, q="minh chau") == ["Một buổi sáng"]
    tag.articles.clear()
    assert found(client, q="mua lon") == []


def test_a_deleted_article_leaves_the_index(client):
    article = ArticleFactory(title="Tin sẽ bị xóa")
    article.delete()
    assert found(client, q="tin se bi xoa") == []
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM news_article_search")
            assert cursor.fetchone()[0] == 0


# Counting and showing


def test_more_than_a_hundred_results_are_counted_exactly(client, settings):
    author = AuthorFactory()
    ArticleFactory.create_batch(130, title="Chợ Phúc Đồng họp phiên sáng", author=author)
    page = client.get(URL, {"q": "phuc dong"}).content.decode()
    assert "130 bài viết cho “phuc dong”" in page


def test_the_excerpt_comes_from_the_stored_plain_text_with_the_words_marked(client):
    ArticleFactory(
        title="Tin vắn",
        lead="Sáng nay tại phường.",
        body="<p>Đoàn kiểm tra <b>an toàn thực phẩm</b> làm việc &amp; lập biên bản.</p>",
    )
    page = client.get(URL, {"q": "thuc pham"}).content.decode()
    assert "an toàn <mark>thực</mark> <mark>phẩm</mark> làm việc &amp; lập biên bản" in page


# Keeping the index


def test_rebuilding_the_index_finds_every_article_again(client):
    ArticleFactory(title="Đường hoa Xuân")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM news_article_search")
    assert found(client, q="duong hoa") == []
    out, err = StringIO(), StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    assert "Đã lập chỉ mục 1 bài viết." in out.getvalue()
    assert "Chỉ mục tìm kiếm" in err.getvalue()
    assert found(client, q="duong hoa") == ["Đường hoa Xuân"]


def test_the_migration_indexes_numbers_with_dots_again_and_only_those(client, monkeypatch):
    """Articles indexed before a number with dots was one word ("3.000" as
    "3" and "000") are found by "3000" once migration 0014 has run; the
    others are not written again."""
    reindex = importlib.import_module("news.migrations.0014_search_numbers_whole").reindex
    with monkeypatch.context() as before:
        before.setattr(search, "_joined", lambda text: text)
        ArticleFactory(title="Hơn 3.000 hộ dân có nước sạch")
        other = ArticleFactory(title="Tổ dân phố 3 họp")
    assert found(client, q="3000") == []
    written, write = [], search.write

    def noted(rows, using):
        rows = list(rows)
        written.extend(pk for pk, _ in rows)
        write(rows, using=using)

    monkeypatch.setattr(search, "write", noted)
    reindex(django_apps, SimpleNamespace(connection=connection))
    assert found(client, q="3000") == ["Hơn 3.000 hộ dân có nước sạch"]
    assert other.pk not in written and written


def test_counts_read_the_index_from_its_first_page(db):
    """A scan of a large table synchronised with the one before it starts
    where that one stopped: each count would read other pages."""
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronize_seqscans")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_clears_the_rows_it_wrote_over(client):
    """Every row written again leaves its old version behind, which each
    count would walk until a VACUUM: the rebuild runs one at its end."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 table is emptied and filled again")
    ArticleFactory(title="Đường hoa Xuân")

    def vacuumed():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT coalesce(last_vacuum, 'epoch') FROM pg_stat_user_tables "
                "WHERE relname = 'news_article_search'"
            )
            return cursor.fetchone()[0]

    before = vacuumed()
    call_command("rebuild_search_index", stdout=StringIO(), stderr=StringIO())
    assert vacuumed() > before
    assert found(client, q="duong hoa") == ["Đường hoa Xuân"]


def test_an_article_changed_without_a_save_is_found_as_it_is_now(client, monkeypatch):
    """Status, publish time and category changed by an UPDATE that sends no
    signal (a bulk change, a fix in the database), or an article deleted:
    search follows at once, in what it lists and in what it counts."""
    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    moved, *others = [ArticleFactory(title=f"Đường hoa Xuân {n}") for n in range(4)]
    category = ArticleFactory(title="Lịch trực ban").category
    articles = Article.objects.filter(pk=moved.pk)
    assert "Hơn 3 bài viết" in client.get(URL, {"q": "duong hoa"}).content.decode()

    articles.update(status=Article.Status.DRAFT)
    assert sorted(found(client, q="duong hoa")) == sorted(a.title for a in others)
    page = client.get(URL, {"q": "duong hoa"}).content.decode()
    assert "3 bài viết cho" in page
    assert "Hơn 3" not in page

    articles.update(status=Article.Status.PUBLISHED, category=category)
    assert found(client, q="duong hoa", chuyen_muc=category.slug) == [moved.title]

    articles.update(published_at=timezone.now() + timedelta(days=1))
    page = client.get(URL, {"q": "duong hoa", "chuyen_muc": category.slug}).content.decode()
    assert "Không tìm thấy bài viết nào" in page

    others[0].delete()
    assert sorted(found(client, q="duong hoa")) == sorted(a.title for a in others[1:])


@pytest.mark.django_db(transaction=True)
def test_an_edit_is_found_once_committed_and_not_while_its_transaction_is_open(client):
    article = ArticleFactory(title="Phố đi bộ cuối tuần")
    seen_during = []
    with transaction.atomic():
        article.title = "Phố đi bộ Trịnh Công Sơn"
        article.save()
        if connection.vendor == "postgresql":
            # Another connection, as another reader's request would use.
            reader = threading.Thread(
                target=lambda: (
                    seen_during.append(
                        (found(client, q="cuoi tuan"), found(client, q="trinh cong son"))
                    ),
                    connection.close(),
                )
            )
            reader.start()
            reader.join()
    if connection.vendor == "postgresql":
        # The reader finds the article as it was committed, by its old words.
        assert seen_during == [(["Phố đi bộ cuối tuần"], [])]
    assert found(client, q="trinh cong son") == ["Phố đi bộ Trịnh Công Sơn"]
    assert found(client, q="cuoi tuan") == []
    assert Article.objects.count() == 1


def test_an_article_with_a_very_long_word_saves_and_is_found_by_its_other_words(client):
    ArticleFactory(title="Ảnh chụp văn bản", body=f"<p>mã {'x' * 3000} hết</p>")
    assert found(client, q="van ban") == ["Ảnh chụp văn bản"]


def test_only_the_last_word_may_be_a_beginning(client):
    ArticleFactory(title="Khánh thành vườn hoa Long Biên")
    assert found(client, q="long bi") == ["Khánh thành vườn hoa Long Biên"]
    assert found(client, q="lon bien") == []
    page = client.get(URL, {"q": "hoa lo"}).content.decode()
    assert "vườn <mark>hoa</mark> <mark>Long</mark> Biên" in page


@pytest.mark.parametrize("value", ["0", "false", "\x00", "x" * 300])
def test_any_value_of_the_literal_flag_gets_a_page_not_an_error(client, value):
    ArticleFactory(title="Đại hội Đảng bộ phường Bồ Đề")
    response = client.get(URL, {"q": "ddaij hooij", "nguyen_van": value})
    assert response.status_code == 200
    assert not response.context["form"].errors


def test_a_beginning_many_words_share_is_tested_beside_the_rarer_whole_words(client):
    """On PostgreSQL a query's last word, when it begins words found in many
    articles ("so" of "số", "sông", "song"), is tested on the articles the
    other words select rather than looked up in the index (news.search:
    the index reads the entries of every word it begins). The articles
    found are the same either way."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 looks up every word in its index")
    for n in range(30):
        ArticleFactory(title=f"Tin số {n} về sông Đuống và song ngữ", published_at=days_ago(n + 1))
    ArticleFactory(title="Tổ dân phố Thụy Lôi, số nhà mới", published_at=days_ago(40))
    ArticleFactory(title="Ngõ Thụy Khuê sửa xong", published_at=days_ago(41))
    ArticleFactory(title="Sông Thụy Lôi được nạo vét", published_at=days_ago(42))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE news_article_search")
    search.read_statistics_again()

    condition, _ = search._pg_match(search.parse("Thụy, số"))
    assert "ts_match_vq" in condition
    assert (
        found(client, q="Thụy, số")
        == found(client, q="thuy so")
        == [
            "Tổ dân phố Thụy Lôi, số nhà mới",
            "Sông Thụy Lôi được nạo vét",
        ]
    )
    page = client.get(URL, {"q": "thuy so"}).content.decode()
    assert "2 bài viết cho “thuy so”" in page
    # A beginning rarer than the other words is looked up in the index
    # ("so" is then a whole word: "Sông" is not found).
    condition, _ = search._pg_match(search.parse("so thuy"))
    assert "ts_match_vq" not in condition
    assert found(client, q="so thuy") == ["Tổ dân phố Thụy Lôi, số nhà mới"]


def test_a_long_phrase_past_the_count_is_paged_newest_first_whatever_the_reading(
    client, monkeypatch
):
    """Past the count's limit, a page of a phrase newest first is read on
    PostgreSQL by walking the newest articles for the first pages, with
    all but one of the phrase's pairs tested article by article (news.search:
    PostgreSQL took the pairs for unrelated words and sorted thousands of
    phrases to show twelve), and from the index for the later ones. Either
    way the page holds the phrase's articles, newest first, and none that
    has every pair of its words but not the phrase."""
    monkeypatch.setattr(search, "COUNT_LIMIT", 30)
    phrase = [
        ArticleFactory(title=f"Kiến nghị của nhân dân số {n}", published_at=days_ago(2 * n + 1))
        for n in range(32)
    ]
    for n in range(32):
        ArticleFactory(
            title=f"Kiến nghị của nhân viên số {n}",
            lead="Tiếp thu ý kiến của nhân dân.",
            published_at=days_ago(2 * n + 2),
        )
    titles = [article.title for article in phrase]
    q = '"kien nghi cua nhan dan"'
    assert found(client, q=q) == titles[:12]
    assert found(client, q=q, trang=2) == titles[12:24]
    assert found(client, q=q, trang=3) == titles[24:30]
    assert "Hơn 30 bài viết" in client.get(URL, {"q": q}).content.decode()
    if connection.vendor == "postgresql":
        walked, _ = search._pg_match(search.parse(q), walked=True)
        assert "ts_match_vq(s.pairs" in walked
        assert "ts_match_vq(s.vector" in walked
        assert "ts_match_vq" not in search._pg_match(search.parse(q))[0]
