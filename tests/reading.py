"""Reading an article as a browser does: the page, then its read beacon."""

import re
from html import unescape

READ_URL = re.compile(r'<script src="[^"]*reads[^"]*\.js" data-read-url="([^"]+)"')


def read(client, article, address=None):
    """Load `article`'s page with `client` and, as static/js/reads.js does
    once the page is shown, post the read to the address the page names (a
    page that counts no read, such as a newsroom preview, names none).
    `address`: the reader's IP address (the test client's own by default);
    one address counts once per article within NEWS_READ_WINDOW_SECONDS.
    Returns the page."""
    extra = {"REMOTE_ADDR": address} if address else {}
    page = client.get(article.get_absolute_url(), **extra)
    for url in READ_URL.findall(page.content.decode()):
        beacon = client.post(unescape(url), **extra)
        assert beacon.status_code == 204
    return page
