"""Changes that readers must see at once start a new page-cache generation."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import pagecache


def page_content_changed(sender, **kwargs):
    pagecache.invalidate()


def connect():
    for model in ("Article", "ArticlePhoto", "Category", "Tag", "Author"):
        for signal in (post_save, post_delete):
            signal.connect(
                page_content_changed,
                sender=f"news.{model}",
                dispatch_uid=f"news.pagecache.{signal}.{model}",
            )
    m2m_changed.connect(
        page_content_changed, sender="news.Article_tags", dispatch_uid="news.pagecache.tags"
    )
