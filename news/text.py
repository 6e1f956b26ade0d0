"""Vietnamese text: slugs, and the folded form that searches compare."""

import html
import re
import unicodedata

from django.utils.html import strip_tags
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


# Folding: what search and the admin's and moderators' searches compare.
# Every searched text keeps a folded copy: lower case, without diacritics,
# "đ" as "d", so "dang bo", "Đảng bộ" and "ĐẢNG BỘ" read alike.

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
_COMBINING = re.compile(r"[\u0300-\u036f]")
_WORD = re.compile(r"[^\W_]+")
_D = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text):
    """`text` in lower case without diacritics: "Đảng bộ" → "dang bo". Letters
    typed full width, as some keyboards of East Asia do ("Ｌｏｎｇ"), and
    ligatures ("ﬁ") become the plain letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    return _COMBINING.sub("", decomposed).translate(_D).lower()


# C0 controls and DEL: never typed, and no part of an HTML attribute's value.
_CONTROLS = dict.fromkeys([*range(0x20), 0x7F])


def one_line(text):
    """`text` without control characters (a NUL byte pasted into an
    address): what a page may write back of what a reader sent."""
    return text.translate(_CONTROLS)


def words(text):
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


def exact_words(text):
    """The words of `text` in lower case, diacritics kept (composed):
    "Lòng đường" → ["lòng", "đường"]."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def html_to_text(body):
    """The readable text of an article body, tags removed, entities decoded."""
    spaced = re.sub(
        r"<(/p|br|/h\d|/li|/figcaption|/blockquote|/t[dhr]|/caption|/d[dt]|/div)\b",
        r" <\1",
        body or "",
    )
    return re.sub(r"\s+", " ", html.unescape(strip_tags(spaced))).strip()


def document(*texts):
    """The stored folded form of `texts`: folded words between spaces, with
    a space at both ends, so that `LIKE '% word%'` finds a word's beginning."""
    found = [word for text in texts for word in words(text)]
    return f" {' '.join(found)} " if found else ""


def query_words(query):
    """The distinct folded words of a reader's query, at most MAX_WORDS."""
    unique = []
    for word in words(query):
        if word not in unique:
            unique.append(word)
    return unique[:MAX_WORDS]
