"""Browser tests: Debian's Chromium driven by Playwright, never a downloaded
browser, and axe-core loaded into the pages from its file (put in
node_modules/ by `make test`, scripts/fetch_axe.py, or by `npm ci`).

Without Chromium or axe-core the tests are skipped with the reason, and the
run ends with a banner saying which checks were not made; in CI (CI=true)
that is a failure instead, so CI cannot pass without them."""

import os
import re
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect, sync_playwright

from news.roles import ensure_roles

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
IN_CI = os.environ.get("CI", "").lower() in {"true", "1"}
PASSWORD = "mat-khau-thu-nghiem"  # tests.factories.UserFactory

# axe-core leaves its WCAG 2.2 target-size rule (2.5.8: targets of at least
# 24×24 CSS px, or spaced so) off by default; the newsroom wants it checked.
AXE_OPTIONS = {"rules": {"target-size": {"enabled": True}}}
# Findings of impact moderate or minor: not failures, listed after the run.
LESSER_AXE_FINDINGS = set()

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are still ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


CHROMIUM_MISSING = f"Chromium is not installed at {CHROMIUM}"
AXE_MISSING = "axe-core is not installed (make axe)"
# What is missing, and what the tests skipped for want of it leave unchecked.
MISSING_TOOLS = {
    CHROMIUM_MISSING: (
        "CHROMIUM IS MISSING",
        f"Nothing was opened in a browser: no reader, newsroom or moderator journey, no "
        f"accessibility check, no phone layout. Install it (apt-get install chromium, or "
        f"CHROMIUM_PATH) and run make test again. Looked for: {CHROMIUM}",
    ),
    AXE_MISSING: (
        "AXE-CORE IS MISSING",
        "No page was checked for accessibility. Run make axe, then make test again.",
    ),
}


MISSING_BANNER = []


def pytest_unconfigure(config):
    terminal = config.pluginmanager.get_plugin("terminalreporter")
    if terminal is None:
        return
    for title, advice in MISSING_BANNER:
        terminal.write_sep("!", title, red=True, bold=True)
        terminal.write_line(advice, red=True, bold=True)
        terminal.write_sep("!", red=True, bold=True)


def unavailable(reason):
    """Skip for want of a browser tool; in CI, fail: the tests must run there."""
    if IN_CI:
        pytest.fail(f"{reason}; CI=true needs the browser tests to run.", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def pytest_terminal_summary(terminalreporter):
    # A missing browser must not pass for a green run: the banner goes last,
    # after the counts (pytest_unconfigure), in capitals.
    for missing, (loud, advice) in MISSING_TOOLS.items():
        skipped = [
            report
            for report in terminalreporter.stats.get("skipped", [])
            if missing in str(getattr(report, "longrepr", ""))
        ]
        if skipped:
            MISSING_BANNER.append((f"{loud}: {len(skipped)} BROWSER TESTS DID NOT RUN", advice))
    if LESSER_AXE_FINDINGS:
        terminalreporter.section("axe-core: moderate and minor findings (not failures)")
        for line in sorted(LESSER_AXE_FINDINGS):
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        unavailable(f"{CHROMIUM_MISSING} (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _roles(transactional_db):
    # Groups are rows: a transactional test may start from an emptied database.
    ensure_roles()


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(viewport=DESKTOP, **kwargs):
        """A page in a browser of its own. It keeps the site's
        Content-Security-Policy: what the policy blocks is logged as a
        console error, which the tests check for."""
        context = browser.new_context(
            viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **kwargs
        )
        contexts.append(context)
        track_requests(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: message.type == "error" and page.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        return page

    yield make
    for context in contexts:
        settle(context)
        context.close()
    wait_for_the_server_to_finish()


def track_requests(context):
    """Count the context's requests still waiting for an answer. A page sends
    some on its own (the read beacon, a refreshed captcha) that a test does
    not wait for."""
    context.in_flight = set()
    # What each address answered last, for a test's failure message.
    context.answers = {}
    context.on("request", lambda request: context.in_flight.add(request))
    context.on("requestfinished", lambda request: context.in_flight.discard(request))
    context.on("requestfailed", lambda request: context.in_flight.discard(request))
    context.on("response", lambda response: _keep_answer(context, response))
    context.on(
        "requestfailed", lambda request: context.answers.update({request.url: request.failure})
    )


def _keep_answer(context, response):
    answer = f"{response.status} {response.headers.get('content-type', '')}"
    context.answers[response.url] = answer.strip()


def settle(context, timeout=5.0):
    """Wait until every request the context's pages sent has its answer, so
    that no request is still writing to the database when the test's data is
    emptied (SQLite refuses that with "database table is locked")."""
    deadline = time.monotonic() + timeout
    while context.in_flight and time.monotonic() < deadline:
        pages = [page for page in context.pages if not page.is_closed()]
        if not pages:
            break
        pages[0].wait_for_timeout(50)  # lets Playwright deliver its events


def wait_for_the_server_to_finish(timeout=5.0):
    """Wait for the live server's request threads (one per browser
    connection; closing the contexts closes the connections) to end."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = [t for t in threading.enumerate() if "process_request_thread" in t.name]
        if not busy:
            return
        time.sleep(0.02)


def axe_violations(page, impacts=("serious", "critical"), context=None):
    """Run axe-core on the page (or on `context`, a CSS selector); return the
    violations of the given impacts, one line each. The others are kept for
    the summary at the end of the run."""
    if not AXE.exists():
        unavailable(AXE_MISSING)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated rather than added as a <script>: the site's CSP forbids those.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "([context, options]) => axe.run(context || document, options)",
        [context, AXE_OPTIONS],
    )
    url = urlsplit(page.url)
    where = f"{url.path}{'?' + url.query if url.query else ''} at {page.viewport_size['width']}px"
    found = []
    for violation in result["violations"]:
        line = (
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            f"{len(violation['nodes'])}×, e.g. {violation['nodes'][0]['target']}"
        )
        if violation["impact"] in impacts:
            found.append(line)
        else:
            LESSER_AXE_FINDINGS.add(f"{where}: {line}")
    return found


def fits_the_screen(page):
    """No horizontal scrolling: nothing is wider than the viewport."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def wait_until_loaded(image):
    """Wait until the <img> `image` (a locator) shows a picture."""
    expect(image).to_be_visible()
    expect(image).to_have_js_property("complete", True)
    expect(image).not_to_have_js_property("naturalWidth", 0)


def wait_for_pictures(page):
    """Wait until every picture shown in the main content has loaded; lazy
    ones are asked for at once, as if the reader had scrolled to them."""
    pictures = page.locator("main img")
    pictures.evaluate_all("images => images.forEach(i => { i.loading = 'eager'; })")
    for picture in pictures.all():
        if picture.is_visible():
            wait_until_loaded(picture)


def wait_for_own_captcha(page):
    """Wait until the captcha picture on screen is the reader's own, fully
    loaded; return the key that its address names.

    A page every reader shares shows a neutral picture until the reader
    starts writing and comments.js brings their own captcha: wait, as a
    reader waits to see letters, for a picture drawn from a key and fully
    loaded (the challenge is made when it is drawn). Until then the form
    has no key: letters typed and sent would be answered "enter the code
    in the picture", and "Lấy lại mã bảo mật" would wait for the picture
    already on its way rather than ask for another."""
    image = page.locator(".captcha__image")
    expect(image).to_be_visible()
    try:
        shown = page.wait_for_function(
            r"""image => {
                const path = image.currentSrc && new URL(image.currentSrc).pathname;
                return image.complete && image.naturalWidth > 0
                    && /[0-9a-f]{40}(?:\.png|\/)$/.test(path || "") && path;
            }""",
            arg=image.element_handle(),
        ).json_value()
    except PlaywrightTimeoutError:
        # Say what the picture's address answered (a 503 from Varnish, a
        # 429, nothing yet): a picture that never shows is otherwise a bare
        # timeout.
        source = image.evaluate("image => image.currentSrc")
        answer = getattr(page.context, "answers", {}).get(source, "no answer yet")
        raise AssertionError(f"the captcha picture {source} did not show: {answer}") from None
    # Our form's picture is /ma-xac-nhan/<key>.png; a refreshed one is
    # django-simple-captcha's /captcha/image/<key>/.
    return re.search(r"/([0-9a-f]{40})(?:\.png|/)$", shown).group(1)


def captcha_answer(page):
    """The letters the captcha picture on screen shows: read from the
    challenge of the key that the loaded picture's address names (not the
    form's hidden key, which is what the server checks them against)."""
    return CaptchaStore.objects.get(hashkey=wait_for_own_captcha(page)).response


def log_in(page, live_server, user):
    """Log `user` in through the admin's login form, as a person would."""
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(live_server.url + reverse("admin:index"))
