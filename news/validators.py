"""Checks for uploaded images, shared by article photos and editor uploads."""

import re
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
# The extension a file of each format is stored under, whatever it was called
# (MPO: see validate_image_file).
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
NOT_AN_IMAGE = "Tệp này không phải ảnh hợp lệ. Hãy chọn ảnh JPEG, PNG, GIF hoặc WebP."


def validate_image_file(upload):
    """Refuse files that are not images, are too large on disk, would decode
    into too many pixels (decompression bombs), are cut short (truncated
    uploads), or carry HTML or script besides the picture (polyglots). Return
    the detected format ("JPEG", "PNG", "GIF" or "WEBP").

    Only the image header is read for the pixel check, so a bomb is refused
    before Pillow allocates memory for it; only then is the image decoded.
    """
    max_bytes = settings.MAX_IMAGE_UPLOAD_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            "Tệp ảnh quá lớn (%(size)s). Dung lượng tối đa là %(max)s.",
            code="file_too_large",
            params={"size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                # Phones add a second picture (a depth or HDR map) to their
                # JPEGs; Pillow calls those MPO. Browsers show them as JPEG.
                image_format = "JPEG" if image.format == "MPO" else image.format
                if image_format not in ALLOWED_FORMATS:
                    raise _unsupported(image_format)
                if width * height > settings.MAX_IMAGE_PIXELS:
                    raise _too_many_pixels(width, height)
                image.verify()
            if image_format != "PNG":
                # PNG's verify() has read every chunk and checked its checksum;
                # the others are decoded to find out whether they are whole.
                _decode(upload)
        if _contains_markup(upload):
            raise ValidationError(
                "Tệp ảnh có lẫn mã HTML hoặc mã lệnh nên không được nhận. Hãy mở ảnh bằng "
                "phần mềm chỉnh ảnh, lưu lại thành JPEG hoặc PNG rồi tải lên.",
                code="markup",
            )
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from exc
    finally:
        upload.seek(position)
    return image_format


def _decode(upload):
    """Decode the image, raising OSError if its data is cut short. A JPEG is
    decoded at 1/8 scale: every byte is still read, in 1/64 of the memory."""
    upload.seek(0)
    with Image.open(upload) as image:
        image.draft(None, (image.width // 8, image.height // 8))
        image.load()


# Tags that make a browser which sniffs content types run a file as a web
# page. Long enough that compressed image data does not contain them by chance.
MARKUP = re.compile(rb"<(?:script|html|body|iframe|object|embed|!doctype|\?php)[\s/>]", re.I)


def _contains_markup(upload):
    tail = b""
    for chunk in upload.chunks():
        if MARKUP.search(tail + chunk):
            return True
        tail = chunk[-16:]
    return False


def _unsupported(image_format):
    return ValidationError(
        "Định dạng ảnh %(format)s không được hỗ trợ. Hãy dùng JPEG, PNG, GIF hoặc WebP.",
        code="invalid_format",
        params={"format": image_format},
    )


def _too_many_pixels(width=None, height=None):
    size = f" ({width}×{height} điểm ảnh)" if width else ""
    return ValidationError(
        "Ảnh có kích thước quá lớn%(size)s. Tối đa %(max)s triệu điểm ảnh; "
        "hãy thu nhỏ ảnh rồi tải lên lại.",
        code="too_many_pixels",
        params={"size": size, "max": settings.MAX_IMAGE_PIXELS // 1_000_000},
    )
