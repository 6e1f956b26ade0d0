"""Bring media stored before originals were kept private up to date."""

import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand

from news import body_images
from news.forms import ArticlePhotoForm
from news.images import without_metadata
from news.models import Article, ArticlePhoto
from news.storage import originals_storage
from news.validators import validate_image_file

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Chuyển ảnh gốc đã tải lên trước đây ra khỏi thư mục công khai: xóa siêu dữ liệu "
        "(vị trí GPS, máy ảnh), đặt tên ngẫu nhiên, tạo lại ảnh thu nhỏ; ảnh trong thân bài "
        "được thay bằng ảnh thu nhỏ có srcset. Chạy lại không làm gì thêm."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Chỉ đếm, không thay đổi gì.")

    def handle(self, *args, dry_run=False, **options):
        photos = self.move_photos(dry_run)
        images, articles = self.move_body_images(dry_run)
        verb = "Sẽ chuyển" if dry_run else "Đã chuyển"
        self.stdout.write(
            f"{verb} {photos} ảnh bài viết và {images} ảnh trong thân {articles} bài."
        )

    def move_photos(self, dry_run):
        moved = 0
        for photo in ArticlePhoto.objects.order_by("pk").iterator():
            name = photo.image.name
            if not name or originals_storage.exists(name) or not default_storage.exists(name):
                continue
            moved += 1
            if dry_run:
                continue
            upload, image_format = self._opened(name)
            if upload is None:
                continue
            old_renditions = [getattr(photo, spec).name for spec in ArticlePhotoForm.RENDITIONS]
            # Stored in the private storage under a random name; renditions made anew.
            photo.image = without_metadata(upload, image_format)
            photo.save()
            for old in (name, *old_renditions):
                if default_storage.exists(old):
                    default_storage.delete(old)
        return moved

    def move_body_images(self, dry_run):
        pattern = re.compile(r'src="' + re.escape(settings.MEDIA_URL) + r'(uploads/[^"?#]+)"')
        images = articles = 0
        for article in Article.objects.filter(
            body__contains='src="' + settings.MEDIA_URL
        ).iterator():
            names = [name for name in pattern.findall(article.body) if default_storage.exists(name)]
            if not names:
                continue
            articles += 1
            images += len(names)
            if dry_run:
                continue
            body = article.body
            for name in names:
                upload, image_format = self._opened(name)
                if upload is None:
                    continue
                url = body_images.store(upload, image_format)
                body = body.replace(f'src="{settings.MEDIA_URL}{name}"', f'src="{url}"')
                default_storage.delete(name)
            article.body = body
            article.save()
        return images, articles

    def _opened(self, name):
        """(the public file `name`, its format), or (None, None) with a
        warning when it is not an image we accept."""
        with default_storage.open(name) as file:
            upload = ContentFile(file.read(), name=name.rsplit("/", 1)[-1])
        try:
            image_format = validate_image_file(upload)
        except ValidationError as exc:
            self.stderr.write(f"Bỏ qua {name}: {' '.join(exc.messages)}")
            return None, None
        return upload, image_format
