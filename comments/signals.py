"""A moderator's decision changes what readers see: purge the pages showing
the comment's article (its page, and the lists counting its comments). A new
comment waiting for moderation changes nothing public and purges nothing; a
reply purges them when its comment is public."""

from django.db.models.signals import post_delete, post_save

from news import caching


def comment_saved(sender, instance, **kwargs):
    if instance.status != instance.Status.PENDING:
        caching.purge(*caching.pages_showing(instance.article))


def comment_deleted(sender, instance, **kwargs):
    if instance.status == instance.Status.APPROVED:
        caching.purge(*caching.pages_showing(instance.article))


def reply_changed(sender, instance, **kwargs):
    # A reply is public under an approved comment only.
    comment = instance.comment
    if comment.status == comment.Status.APPROVED:
        caching.purge(*caching.pages_showing(comment.article))


def connect():
    post_save.connect(comment_saved, sender="comments.Comment", dispatch_uid="comments.saved")
    post_delete.connect(comment_deleted, sender="comments.Comment", dispatch_uid="comments.deleted")
    post_save.connect(reply_changed, sender="comments.Reply", dispatch_uid="comments.reply-saved")
    post_delete.connect(
        reply_changed, sender="comments.Reply", dispatch_uid="comments.reply-deleted"
    )
