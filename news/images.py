"""What is kept of an uploaded image: the picture, never what the camera or
the editor's computer wrote about it (GPS position, camera serial number,
date, author, software, comments, XMP). Shared by article photos and images
uploaded in the body; renditions are made from these cleaned copies."""

import io
import uuid

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageOps

from .validators import EXTENSIONS

# What Pillow reads into `info` that describes the picture rather than how to
# draw it. Colour profiles (icc_profile) and GIF timing stay.
ORIENTATION = 0x0112
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "adobe", "dpi")


def without_metadata(upload, image_format):
    """A copy of the (already validated) image `upload` of `image_format`
    with its metadata gone, as a ContentFile named "<random>.<ext>": the
    uploader's file name is not kept either. A photo turned by its EXIF
    orientation is turned for real first, so it still stands upright.

    A JPEG that needs no turning keeps its own quantization tables
    (quality="keep"), so cleaning it loses nothing visible."""
    upload.seek(0)
    with Image.open(upload) as image:
        frames = getattr(image, "n_frames", 1)
        options = {}
        if frames > 1 and image_format in ("GIF", "WEBP"):
            options["save_all"] = True
        elif image_format == "JPEG" and image.getexif().get(ORIENTATION, 1) != 1:
            image, options = ImageOps.exif_transpose(image), {"quality": 92}
        elif image.format == "JPEG":
            options.update(quality="keep", subsampling="keep")
        elif image_format == "JPEG":
            options["quality"] = 92  # MPO: its first picture, as browsers show it
        for key in METADATA_KEYS:
            image.info.pop(key, None)
        # PNG text chunks (tEXt, iTXt, zTXt) are written only when asked for.
        icc = image.info.get("icc_profile")
        if icc:
            options["icc_profile"] = icc
        buffer = io.BytesIO()
        image.save(buffer, format=image_format, **options)
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name=anonymous_name(image_format))


def anonymous_name(image_format):
    """A stored file's name: random, with the extension of what it is."""
    return f"{uuid.uuid4().hex}.{EXTENSIONS[image_format]}"


def dated(prefix, name):
    return timezone.now().strftime(f"{prefix}/%Y/%m/") + name
