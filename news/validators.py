"""Checks for uploaded images, shared by article photos and editor uploads."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
NOT_AN_IMAGE = "Tệp này không phải ảnh hợp lệ. Hãy chọn ảnh JPEG, PNG, GIF hoặc WebP."


def validate_image_file(upload):
    """Refuse files that are not images, are too large on disk, or would
    decode into too many pixels (decompression bombs). Return the detected
    format ("JPEG", "PNG", "GIF" or "WEBP").

    Only the image header is read for the pixel check, so a bomb is refused
    before Pillow allocates memory for it.
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
                image_format = image.format
                if width * height > settings.MAX_IMAGE_PIXELS:
                    raise _too_many_pixels(width, height)
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from exc
    finally:
        upload.seek(position)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            "Định dạng ảnh %(format)s không được hỗ trợ. Hãy dùng JPEG, PNG, GIF hoặc WebP.",
            code="invalid_format",
            params={"format": image_format},
        )
    return image_format


def _too_many_pixels(width=None, height=None):
    size = f" ({width}×{height} điểm ảnh)" if width else ""
    return ValidationError(
        "Ảnh có kích thước quá lớn%(size)s. Tối đa %(max)s triệu điểm ảnh; "
        "hãy thu nhỏ ảnh rồi tải lên lại.",
        code="too_many_pixels",
        params={"size": size, "max": settings.MAX_IMAGE_PIXELS // 1_000_000},
    )
