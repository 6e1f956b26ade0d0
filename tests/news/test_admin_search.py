"""The admin's search ignores diacritics and case, as the site's search does:
"bo de" finds "Bồ Đề" in articles, tags, authors and categories, and in the
autocomplete of the article form."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from news.models import Tag
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory

pytestmark = pytest.mark.django_db

HOSTILE = ["%", "_", "'", '"', "\\", "%_%", "' OR 1=1 --", "…!?", "bo" * 5000, "đ" * 300]


def listed(client, model, query):
    """The names the changelist of `model` shows for `query`."""
    response = client.get(reverse(f"admin:news_{model}_changelist"), {"q": query})
    assert response.status_code == 200
    return sorted(str(obj) for obj in response.context["cl"].result_list)


@pytest.fixture
def newsroom():
    ArticleFactory(title="Phường Bồ Đề trồng thêm cây xanh")
    ArticleFactory(title="Họp dân", lead="Người dân phường BỒ ĐỀ góp ý quy hoạch.")
    ArticleFactory(title="Cầu Long Biên", body="<p>Bờ đê sông Hồng được gia cố.</p>")
    ArticleFactory(title="Bài của Đông Hải", author=AuthorFactory(name="Đông Hải"))
    ArticleFactory(title="Ngập úng ở Gia Thụy")
    for name in ("Bồ Đề", "bờ đê sông Hồng", "Gia Thụy"):
        Tag.objects.create(name=name)
    CategoryFactory(name="Đời sống", slug="doi-song")
    CategoryFactory(name="Kinh tế", slug="kinh-te")


@pytest.mark.parametrize("query", ["bo de", "Bồ Đề", "BỒ ĐỀ", "bồ đề", "  bo,de! "])
def test_articles_are_found_without_diacritics_or_case(editor_client, newsroom, query):
    # Title, lead and body: "Bờ đê" folds like "Bồ Đề", as on the site.
    assert listed(editor_client, "article", query) == [
        "Cầu Long Biên",
        "Họp dân",
        "Phường Bồ Đề trồng thêm cây xanh",
    ]


def test_each_word_must_begin_a_word(editor_client, newsroom):
    assert listed(editor_client, "article", "bo de trong") == ["Phường Bồ Đề trồng thêm cây xanh"]
    assert listed(editor_client, "article", "uong") == []


def test_articles_are_found_by_their_author(editor_client, newsroom):
    assert listed(editor_client, "article", "dong hai") == ["Bài của Đông Hải"]
    assert listed(editor_client, "article", "hai bai") == ["Bài của Đông Hải"]


def test_tags_authors_and_categories_are_found_without_diacritics(editor_client, newsroom):
    assert listed(editor_client, "tag", "BO DE") == ["Bồ Đề", "bờ đê sông Hồng"]
    assert listed(editor_client, "tag", "thuy") == ["Gia Thụy"]
    assert listed(editor_client, "author", "đông HAI") == ["Đông Hải"]
    assert listed(editor_client, "category", "doi") == ["Đời sống"]


def test_the_changelist_says_how_it_searches(editor_client, newsroom):
    response = editor_client.get(reverse("admin:news_tag_changelist"))
    assert "Tìm không phân biệt dấu và chữ hoa" in response.content.decode()


def test_a_renamed_tag_is_found_by_its_new_name(editor_client, newsroom):
    tag = Tag.objects.get(name="Gia Thụy")
    tag.name = "Phúc Đồng"
    tag.save()
    assert listed(editor_client, "tag", "phuc dong") == ["Phúc Đồng"]
    assert listed(editor_client, "tag", "gia thuy") == []


@pytest.mark.parametrize("model", ["article", "tag", "author", "category"])
def test_hostile_queries_find_nothing_and_never_fail(editor_client, newsroom, model):
    for query in HOSTILE:
        assert listed(editor_client, model, query) == [], query


def test_an_empty_query_lists_everything(editor_client, newsroom):
    assert len(listed(editor_client, "tag", "   ")) == 3


class AutocompleteBoxes(HTMLParser):
    """The autocomplete boxes of a form: what each asks, and where."""

    def __init__(self):
        super().__init__()
        self.boxes = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select" and "admin-autocomplete" in (attrs.get("class") or ""):
            self.boxes[attrs["name"]] = attrs


def autocomplete(client, box, term):
    """The choices `box` offers once `term` is typed, asked as its script asks."""
    response = client.get(
        box["data-ajax--url"],
        {
            "app_label": box["data-app-label"],
            "model_name": box["data-model-name"],
            "field_name": box["data-field-name"],
            "term": term,
        },
    )
    assert response.status_code == 200
    return sorted(result["text"] for result in response.json()["results"])


def test_the_article_form_autocompletes_tags_and_authors_without_diacritics(
    editor_client, newsroom
):
    parser = AutocompleteBoxes()
    parser.feed(editor_client.get(reverse("admin:news_article_add")).content.decode())
    tags, author = parser.boxes["tags"], parser.boxes["author"]
    assert autocomplete(editor_client, tags, "bo d") == ["Bồ Đề", "bờ đê sông Hồng"]
    assert autocomplete(editor_client, author, "DONG") == ["Đông Hải"]
    for query in HOSTILE:
        assert autocomplete(editor_client, tags, query) == [], query
        assert autocomplete(editor_client, author, query) == [], query
