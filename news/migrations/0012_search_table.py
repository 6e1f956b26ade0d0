"""On PostgreSQL, the search index moves from three columns of news_article
to a table of its own, news_article_search (the name SQLite's FTS5 table has
had since 0008), one row an article:

- `words`, its folded words without positions (a few hundred words, small
  enough to stay in the row), under a GIN index: what every match reads.
  Testing an article newest first costs a fraction of what reading its full
  vector out of TOAST did, so a common word's first 1,000 matches are found
  by walking the narrow table instead of building a bitmap of all of them;
- `pairs`, every two words that follow each other as one word
  ("cau_vuot"), under a GIN index: a quoted phrase is found there, where
  checking positions read the full vector of every article having its words;
- `vector` (the words with positions and weights: long phrases and rank),
  `exact` (the words with diacritics) and `passage`, as before;
- copies of the article's status, publish time and category, so that the
  public matches are counted without touching news_article. Triggers keep
  them in step with the article whatever changes it, and empty or prune the
  table when articles are truncated or deleted.

SQLite keeps its FTS5 table unchanged.
"""

from django.db import migrations

from news import search

POSTGRESQL = [
    """CREATE TABLE news_article_search (
        article_id bigint PRIMARY KEY,
        status varchar(20) NOT NULL,
        published_at timestamptz NOT NULL,
        category_id bigint NOT NULL,
        words tsvector NOT NULL,
        vector tsvector NOT NULL,
        exact tsvector NOT NULL,
        pairs tsvector NOT NULL,
        passage text NOT NULL
    )""",
    # The words stay in the row (compressed if need be); the rest go out to
    # TOAST first when a row is too long for its page.
    "ALTER TABLE news_article_search ALTER COLUMN words SET STORAGE MAIN",
    "CREATE INDEX news_article_search_words_idx ON news_article_search USING gin (words)",
    "CREATE INDEX news_article_search_pairs_idx ON news_article_search USING gin (pairs)",
    "CREATE INDEX news_article_search_public_idx ON news_article_search "
    "(published_at DESC, article_id DESC) WHERE status = 'published'",
    """CREATE FUNCTION news_article_search_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE news_article_search;
        ELSIF TG_OP = 'DELETE' THEN
            DELETE FROM news_article_search WHERE article_id = OLD.id;
        ELSE
            UPDATE news_article_search SET status = NEW.status,
                published_at = NEW.published_at, category_id = NEW.category_id
            WHERE article_id = NEW.id;
        END IF;
        RETURN NULL;
    END $$""",
    "CREATE TRIGGER news_article_search_truncate AFTER TRUNCATE ON news_article "
    "FOR EACH STATEMENT EXECUTE FUNCTION news_article_search_follow()",
    "CREATE TRIGGER news_article_search_delete AFTER DELETE ON news_article "
    "FOR EACH ROW EXECUTE FUNCTION news_article_search_follow()",
    "CREATE TRIGGER news_article_search_update AFTER UPDATE OF status, published_at, category_id "
    "ON news_article FOR EACH ROW EXECUTE FUNCTION news_article_search_follow()",
]
OLD_COLUMNS = [
    "DROP INDEX IF EXISTS article_search_vector_idx",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_passage",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_exact",
    "ALTER TABLE news_article DROP COLUMN IF EXISTS search_vector",
]
POSTGRESQL_BACK = [
    "DROP TRIGGER IF EXISTS news_article_search_update ON news_article",
    "DROP TRIGGER IF EXISTS news_article_search_delete ON news_article",
    "DROP TRIGGER IF EXISTS news_article_search_truncate ON news_article",
    "DROP FUNCTION IF EXISTS news_article_search_follow()",
    "DROP TABLE IF EXISTS news_article_search",
    # 0008's columns come back empty: manage.py rebuild_search_index fills them
    # with the code of that time.
    "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_vector tsvector",
    "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_exact tsvector",
    "ALTER TABLE news_article ADD COLUMN IF NOT EXISTS search_passage text",
    "CREATE INDEX IF NOT EXISTS article_search_vector_idx ON news_article "
    "USING gin (search_vector)",
]


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in POSTGRESQL:
        schema_editor.execute(statement)
    Article = apps.get_model("news", "Article")
    search.index(
        Article.objects.using(schema_editor.connection.alias).all(), using=schema_editor.connection
    )
    for statement in OLD_COLUMNS:
        schema_editor.execute(statement)


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL_BACK:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0011_live_drafts"),
    ]

    operations = [
        migrations.RunPython(create_table, drop_table),
    ]
