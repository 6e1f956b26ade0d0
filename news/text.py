"""Vietnamese-aware slugs."""

from django.utils.text import slugify

# NFKD splits every Vietnamese letter into a base letter and combining marks,
# except đ/Đ, which has no decomposition and would be dropped by slugify.
_UNDECOMPOSABLE = str.maketrans({"đ": "d", "Đ": "D"})


def vietnamese_slugify(value, max_length=200):
    """Return an ASCII slug that reads like the Vietnamese text without marks.

    "Đại hội Đảng bộ" -> "dai-hoi-dang-bo". The result is cut at a hyphen so it
    stays within max_length.
    """
    slug = slugify(str(value).translate(_UNDECOMPOSABLE))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug
