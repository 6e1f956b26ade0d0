"""A moderator's decision changes what readers see: redraw cached pages.
A new comment waiting for moderation changes nothing public and does not."""

from django.db.models.signals import post_delete, post_save

from news import pagecache


def comment_saved(sender, instance, **kwargs):
    if instance.status != instance.Status.PENDING:
        pagecache.invalidate()


def comment_deleted(sender, instance, **kwargs):
    if instance.status == instance.Status.APPROVED:
        pagecache.invalidate()


def connect():
    post_save.connect(comment_saved, sender="comments.Comment", dispatch_uid="comments.saved")
    post_delete.connect(comment_deleted, sender="comments.Comment", dispatch_uid="comments.deleted")
