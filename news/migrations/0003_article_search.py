from django.db import migrations, models

from news import text as folding

TRIGRAM_INDEX = "article_search_trgm_idx"


def fill_search_text(apps, schema_editor):
    Article = apps.get_model("news", "Article")
    batch = []
    for article in Article.objects.only("title", "lead", "body").iterator(chunk_size=500):
        article.search_title = folding.document(article.title)
        article.search_document = folding.document(
            article.title, article.lead, folding.html_to_text(article.body)
        )
        batch.append(article)
        if len(batch) == 500:
            Article.objects.bulk_update(batch, ["search_title", "search_document"])
            batch = []
    Article.objects.bulk_update(batch, ["search_title", "search_document"])


def create_trigram_index(apps, schema_editor):
    """On PostgreSQL, a trigram index answers `LIKE '% word%'` on the folded
    text. pg_trgm is a trusted extension, so the database owner may create it."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON news_article "
        "USING gin (search_document gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0002_article_allow_comments"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_document",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_title",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
