"""Photos in the text: an article's first photo stands under the lead, each
other one after the paragraph its editor chose (ArticlePhoto.after_paragraph),
or at the end of the body. A paragraph is a <p> at the top of the body, as
CKEditor writes each one the editor types; headings, lists, quotes and
tables are not counted, and a photo never lands inside one of them."""

from html import unescape
from html.parser import HTMLParser

VOID = {"br", "img", "hr", "col", "wbr", "input", "source"}


class _TopLevelParagraphs(HTMLParser):
    """Finds where each top-level <p> of (sanitized) HTML ends, as offsets."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.ends = []  # offset just after each top-level </p>
        self.texts = []
        self._text = None
        self._line_starts = [0]
        for line in html.splitlines(keepends=True):
            self._line_starts.append(self._line_starts[-1] + len(line))
        self.feed(html)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if self._text is not None:
                self._text.append(" ")
            return
        if self.depth == 0 and tag == "p":
            self._text = []
        self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and tag == "p" and self._text is not None:
            # Sanitized HTML closes every paragraph with exactly "</p>".
            self.ends.append(self._offset() + len("</p>"))
            self.texts.append(" ".join("".join(self._text).split()))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)

    def handle_entityref(self, name):
        self.handle_data(unescape(f"&{name};"))

    def handle_charref(self, name):
        self.handle_data(unescape(f"&#{name};"))


def paragraph_starts(html, words=10):
    """The first few words of each paragraph of `html`, in order."""
    starts = []
    for text in _TopLevelParagraphs(html).texts:
        cut = text.split()
        starts.append(" ".join(cut[:words]) + ("…" if len(cut) > words else ""))
    return starts


def place_photos(html, photos, draw):
    """`html` with each photo drawn (by `draw(photo)`, safe HTML) after its
    paragraph; photos without one, or whose paragraph the body no longer
    has, come after the body's end, in their order."""
    ends = _TopLevelParagraphs(html).ends
    by_paragraph, at_end = {}, []
    for photo in photos:
        n = photo.after_paragraph
        if n and n <= len(ends):
            by_paragraph.setdefault(n, []).append(photo)
        else:
            at_end.append(photo)
    parts, position = [], 0
    for n, end in enumerate(ends, 1):
        if n in by_paragraph:
            parts.append(html[position:end])
            parts.extend(draw(photo) for photo in by_paragraph[n])
            position = end
    parts.append(html[position:])
    parts.extend(draw(photo) for photo in at_end)
    return "".join(parts)
