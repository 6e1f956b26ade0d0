"""The full-text index of articles (news/search.py): on PostgreSQL a
tsvector column with a GIN index, one of the words with diacritics and a
plain-text passage on news_article,
on SQLite an FTS5 table keyed by the article's id; filled from the
articles there are."""

from django.db import migrations

from news import search

POSTGRESQL = [
    "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_vector tsvector",
    "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_exact tsvector",
    "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_passage text",
    "CREATE INDEX IF NOT EXISTS article_search_vector_idx ON news_article "
    "USING gin (search_vector)",
]
POSTGRESQL_BACK = [
    "DROP INDEX IF EXISTS article_search_vector_idx",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_passage",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_exact",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_vector",
]
# Columns hold folded words (exact: the words with diacritics, as written),
# so the tokenizer only splits and lowers; prefix indexes make "bi*" cheap.
SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS news_article_search USING fts5("
    "title, extra, lead, body, exact, passage UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')",
]
SQLITE_BACK = ["DROP TABLE IF EXISTS news_article_search"]


def create_index(apps, schema_editor):
    statements = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)
    if schema_editor.connection.vendor == "postgresql":
        return  # 0012 moves the index to a table of its own and fills it
    Article = apps.get_model("news", "Article")
    search.index(
        Article.objects.using(schema_editor.connection.alias).all(), using=schema_editor.connection
    )


def drop_index(apps, schema_editor):
    statements = POSTGRESQL_BACK if schema_editor.connection.vendor == "postgresql" else SQLITE_BACK
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_newsroom_workflow"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
