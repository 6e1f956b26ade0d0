"""The index again for the articles that write a number with a dot between
thousands ("3.000 hộ"): it now holds such a number as one word, "3000"
(news.search._joined). Only those articles are read again; the others'
entries do not change. Not in one transaction, so that the rows written
over can be cleared at the end (news.search.tidy)."""

from django.db import migrations
from django.db.models import Q

from news import search

GROUPED = r"[0-9]\.[0-9]{3}"


def reindex(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    connection = schema_editor.connection
    grouped = (
        Q(title__regex=GROUPED)
        | Q(lead__regex=GROUPED)
        | Q(body__regex=GROUPED)
        | Q(tags__name__regex=GROUPED)
        | Q(author__name__regex=GROUPED)
    )
    ids = Article.objects.using(connection.alias).filter(grouped).values("pk").distinct()
    articles = Article.objects.using(connection.alias).filter(pk__in=ids)
    if articles.exists():
        search.index(articles, using=connection)
        search.tidy(using=connection)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("news", "0013_search_reindex_tags_apart"),
    ]

    operations = [migrations.RunPython(reindex, migrations.RunPython.noop, elidable=True)]
