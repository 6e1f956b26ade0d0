import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from comments.models import Comment
from news.models import Article

pytestmark = pytest.mark.django_db


def test_generates_searchable_articles_with_photos_and_comments(settings, client):
    settings.DEBUG = True
    call_command("generate_data", articles=40, comments=300, batch=15)
    assert Article.objects.count() == 40
    assert Comment.objects.count() == 300
    assert set(Comment.objects.values_list("status", flat=True)) >= {"approved", "pending"}
    article = Article.objects.published().filter(photos__isnull=False).first()
    assert article.search_document.startswith(" ")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    # Every picture the page names is there, as a browser would load it:
    # the photos are written in bulk, without the save that makes renditions.
    names = re.findall(r'<img[^>]+src="([^"]+)"', response.content.decode())
    names += re.findall(r'<img[^>]+src="([^"]+)"', client.get("/").content.decode())
    media = [name for name in names if name.startswith(settings.MEDIA_URL)]
    assert media
    for name in media:
        assert default_storage.exists(name.removeprefix(settings.MEDIA_URL)), name
    # A second run adds more, with new slugs.
    call_command("generate_data", articles=10, comments=0, batch=15)
    assert Article.objects.count() == 50


def test_refuses_to_fill_a_production_database(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("generate_data", articles=1, comments=0)
    assert not Article.objects.exists()
