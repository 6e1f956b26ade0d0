"""Where uploaded originals live: apart from the public media, so readers
get only the renditions made from them (news.models.ArticlePhoto, news.body_images).

STORAGES["originals"] names the backend: a directory outside MEDIA_ROOT by
default (PRIVATE_MEDIA_ROOT), or a private prefix of an S3-compatible bucket
(settings: MEDIA_S3_*). Either way an original's URL is a staff-only view
(news.views.original), never a public address."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.urls import reverse
from django.utils.functional import LazyObject, empty


class StaffURLMixin:
    def url(self, name):
        return reverse("news:original", kwargs={"name": name})


class PrivateFileSystemStorage(StaffURLMixin, FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (read at use, so tests may change it)."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


try:
    from storages.backends.s3 import S3Storage
except ImportError:  # pragma: no cover - django-storages is a dependency
    S3Storage = None
else:

    class PrivateS3Storage(StaffURLMixin, S3Storage):
        """Originals in the bucket, under their own prefix, readable by no one
        but the site's own credentials (no ACL of their own: private)."""


class OriginalsStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["originals"]


originals_storage = OriginalsStorage()


def get_originals_storage():
    """The `storage` of fields holding originals (a callable, so migrations
    do not depend on the backend chosen by the environment)."""
    return originals_storage


def _reset(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        originals_storage._wrapped = empty


setting_changed.connect(_reset, dispatch_uid="news.storage.reset")
