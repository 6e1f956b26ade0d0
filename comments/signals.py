"""A moderator's decision changes what readers see: purge the pages showing
the comment's article (its page, and the lists counting its comments). A new
comment waiting for moderation changes nothing public and purges nothing."""

from django.db.models.signals import post_delete, post_save

from news import caching


def comment_saved(sender, instance, **kwargs):
    if instance.status != instance.Status.PENDING:
        caching.purge(*caching.pages_showing(instance.article))


def comment_deleted(sender, instance, **kwargs):
    if instance.status == instance.Status.APPROVED:
        caching.purge(*caching.pages_showing(instance.article))


def connect():
    post_save.connect(comment_saved, sender="comments.Comment", dispatch_uid="comments.saved")
    post_delete.connect(comment_deleted, sender="comments.Comment", dispatch_uid="comments.deleted")
