"""What readers see changes when newsroom content changes: purge the pages
that show it once the change commits (news/caching.py)."""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from . import caching
from .caching import MENU, article_tag, category_tag, pages_showing, tag_tag


def neighbours(article):
    """The tags of the articles whose pages list `article` among the newest
    and earlier ones ("Các bài mới đăng", "Các bài đã đăng") now. Pages that
    listed it before carry its own tag already."""
    from .models import Article

    if not article.is_public:
        return set()
    count = settings.NEWS_RELATED_COUNT
    public = Article.objects.published().values_list("pk", flat=True)
    near = [*public.newer_than(article)[:count], *public.older_than(article)[:count]]
    return {article_tag(pk) for pk in near}


def article_before_save(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        old = sender.objects.filter(pk=instance.pk).values_list("category_id", flat=True)
        instance.category_before_save = old.first()


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "category_before_save", None)
    caching.purge(*pages_showing(instance, [before] if before else ()), *neighbours(instance))


def article_deleted(sender, instance, **kwargs):
    # Before the delete, while its keywords are still linked to it.
    caching.purge(*pages_showing(instance))


def article_tags_changed(sender, instance, action, pk_set, reverse, **kwargs):
    """Keywords added to or taken from articles (from either side; a clear
    is seen before it happens, while the rows still say what it clears)."""
    from .models import Article

    if action not in ("pre_clear", "post_add", "post_remove"):
        return
    if reverse:  # tag.articles.add(...): `instance` is the tag
        tag_ids = [instance.pk]
        article_ids = pk_set if pk_set is not None else instance.articles.values("pk")
    else:
        article_ids = [instance.pk]
        tag_ids = pk_set if pk_set is not None else instance.tags.values_list("pk", flat=True)
    caching.purge(*(tag_tag(pk) for pk in tag_ids))
    for article in Article.objects.filter(pk__in=article_ids).only("category"):
        caching.purge(*pages_showing(article, tag_ids=()))


def photo_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        caching.purge(*pages_showing(instance.article))


def category_changed(sender, instance, raw=False, **kwargs):
    # Its name is in the menu of every page, on cards and on article pages.
    if not raw:
        caching.purge(MENU, "home", "search", "feeds", "sitemap", category_tag(instance.pk))


def tag_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        shown_on = instance.articles.values_list("pk", flat=True)
        caching.purge(tag_tag(instance.pk), "sitemap", *(article_tag(pk) for pk in shown_on))


def author_changed(sender, instance, raw=False, **kwargs):
    # The signature under each of its articles, and in the feeds.
    if not raw:
        shown_on = instance.articles.values_list("pk", flat=True)
        caching.purge("feeds", *(article_tag(pk) for pk in shown_on))


def portal_changed(sender, instance, raw=False, **kwargs):
    # Its name, logo and footer are on every page (`menu`) and in the feeds.
    if not raw:
        caching.purge(MENU, "feeds")


def connect():
    pre_save.connect(article_before_save, sender="news.Article", dispatch_uid="news.cache.pre")
    for model, handler, signals in (
        ("Article", article_saved, (post_save,)),
        ("Article", article_deleted, (pre_delete,)),
        ("ArticlePhoto", photo_changed, (post_save, post_delete)),
        ("Category", category_changed, (post_save, post_delete)),
        # Before a delete, while its articles are still linked to it.
        ("Tag", tag_changed, (post_save, pre_delete)),
        ("Author", author_changed, (post_save, pre_delete)),
        ("PortalIdentity", portal_changed, (post_save, post_delete)),
    ):
        for signal in signals:
            signal.connect(
                handler, sender=f"news.{model}", dispatch_uid=f"news.cache.{model}.{signal}"
            )
    m2m_changed.connect(
        article_tags_changed, sender="news.Article_tags", dispatch_uid="news.cache.tags"
    )
