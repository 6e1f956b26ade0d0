from django.db import migrations, models

from news import text as folding

TRIGRAM_INDEX = "comment_search_trgm_idx"


def fill_search_text(apps, schema_editor):
    Comment = apps.get_model("comments", "Comment")
    batch = []
    for comment in Comment.objects.only("name", "title", "content").iterator(chunk_size=2000):
        comment.search_text = folding.document(comment.name, comment.title, comment.content)
        batch.append(comment)
        if len(batch) == 2000:
            Comment.objects.bulk_update(batch, ["search_text"])
            batch = []
    Comment.objects.bulk_update(batch, ["search_text"])


def create_trigram_index(apps, schema_editor):
    """On PostgreSQL, a trigram index answers `LIKE '% word%'` on the folded
    text (pg_trgm: created by news/0003)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON comments_comment "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_comment_submitted_idx"),
        ("news", "0003_article_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
