"""Images uploaded inside an article's body (CKEditor's upload button).

The original, stripped of its metadata (news/images.py), is kept with the
photos' originals, out of readers' reach. Readers get renditions: one at
most 960 pixels wide or high, one at most 480, JPEG, in the public media
under body/<year>/<month>/<random>-<width>x<height>.jpg and
body/<year>/<month>/<random>-medium.jpg. The body holds the large one's
address, which carries its size, so a page adds `width`, `height` and a
`srcset` (add_renditions) without opening a file or asking the database."""

import io
import re
from contextlib import suppress

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from imagekit import ImageSpec
from imagekit.processors import ResizeToFit
from PIL import Image

from .images import dated, without_metadata
from .models import LARGE_SIZE, MEDIUM_SIZE, fitted_size
from .storage import originals_storage


class Large(ImageSpec):
    processors = [ResizeToFit(LARGE_SIZE, LARGE_SIZE, upscale=False)]
    format = "JPEG"
    options = {"quality": 82, "progressive": True}


class Medium(ImageSpec):
    processors = [ResizeToFit(MEDIUM_SIZE, MEDIUM_SIZE, upscale=False)]
    format = "JPEG"
    options = {"quality": 80, "progressive": True}


def store(upload, image_format):
    """Store a validated upload: its cleaned original, then its renditions,
    and return the public URL of the large rendition. On OSError (disk full,
    bucket unreachable) whatever was written is removed and the error raised."""
    original = without_metadata(upload, image_format)
    stem, ext = original.name.split(".")
    large = Large(source=original).generate().read()
    with Image.open(io.BytesIO(large)) as image:
        width, height = image.size
    prefix = dated("body", stem)
    files = [(originals_storage, dated("uploads", original.name), original)]
    files.append((default_storage, f"{prefix}-{width}x{height}.jpg", ContentFile(large)))
    if max(width, height) > MEDIUM_SIZE:
        medium = Medium(source=original).generate().read()
        files.append((default_storage, f"{prefix}-medium.jpg", ContentFile(medium)))
    try:
        for storage, name, content in files:
            content.seek(0)
            storage.save(name, content)
    except OSError:
        for storage, name, _content in files:
            with suppress(OSError):
                storage.delete(name)
        raise
    return default_storage.url(files[1][1])


def _image_pattern():
    return re.compile(
        r'<img\b([^>]*?)\ssrc="(?P<base>'
        + re.escape(settings.MEDIA_URL)
        + r'body/\d{4}/\d{2}/[0-9a-f]{32})-(?P<w>\d+)x(?P<h>\d+)\.jpg"([^>]*)>'
    )


WIDTH_HEIGHT = re.compile(r'\s(?:width|height|srcset|sizes)="[^"]*"')
SIZES = "(min-width: 1024px) 700px, 100vw"


def add_renditions(html):
    """`html` (already sanitized) with each body image of ours given its
    size and, when it has a smaller rendition, a `srcset` and `sizes`."""

    def replace(match):
        width, height = int(match["w"]), int(match["h"])
        before = WIDTH_HEIGHT.sub("", match[1])
        after = WIDTH_HEIGHT.sub("", match[5])
        large = f"{match['base']}-{width}x{height}.jpg"
        extra = f' width="{width}" height="{height}"'
        if max(width, height) > MEDIUM_SIZE:
            medium_width = fitted_size(width, height, MEDIUM_SIZE)[0]
            extra += (
                f' srcset="{match["base"]}-medium.jpg {medium_width}w, {large} {width}w"'
                f' sizes="{SIZES}"'
            )
        return f'<img{before} src="{large}"{extra}{after} loading="lazy">'

    return _image_pattern().sub(replace, html)
