"""Take the README's screenshots of a running longbien site with Debian's Chromium.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 docs/screenshots \\
        [--login USER:PASSWORD] [--reporter USER:PASSWORD] [--moderator USER:PASSWORD] \\
        [--chief USER:PASSWORD] [--comments 3] [--admin /quan-tri/]

Saves, at desktop (1280 px) and phone (390 px) widths, the home page, an
article, its comment form (empty, and after a reader's mistake) and a search;
with --login (an editor), the article list and editor in the admin; with
--reporter too, the newsroom at work (`newsroom_pages`: the review queue, an
article's history compared, a save refused; it sends an article for review
and changes a published one); with --moderator, the admin index, the
moderation queue's list and its keyboard queue (desktop and phone); with
--chief (the editor-in-chief), the portal's identity and legal footer as
kept in the admin ("Thông tin trang"). The reader pages show the header and
the legal footer the portal has.

With --comments N, N readers first comment through the form, as a person
would, so the queue has comments waiting (and the "awaiting moderation"
message is shot). The captcha answers are read from the site's database, so
the environment must point at it (DJANGO_SETTINGS_MODULE, DATABASE_URL) as it
does for the running server. The site's rate limit allows 5 comments from one
address in 10 minutes.

The article page is the same for every reader: its form has no CSRF token and
a neutral captcha picture until the reader starts writing, when the page's
script fetches this reader's own. The script does as a reader does: it goes
into the form first and waits for the real picture before it reads the
captcha or shoots the form.
"""

import argparse
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image
from playwright.sync_api import expect, sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# A reader in Hà Nội: the admin then shows no "your clock differs" note.
PAGE = {"locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh", "device_scale_factor": 1}
SEARCH = "/tim-kiem/?q=long+bien"
QUEUE = "comments/comment/hang-cho/"  # under the admin
# The reporter's article, sent for review in the newsroom's shots.
REPORTER_ARTICLE = {
    "title": "Phường Bồ Đề ra quân tổng vệ sinh môi trường cuối tuần",
    "lead": "Sáng thứ bảy, hơn 300 đoàn viên, hội viên và người dân phường Bồ Đề "
    "tham gia dọn vệ sinh các tuyến ngõ, khơi thông cống rãnh.",
    "body": "Lực lượng ra quân chia thành 12 tổ, mỗi tổ phụ trách một khu dân cư. "
    "Rác thải thu gom được chuyển về điểm tập kết ngay trong ngày.",
}
# Added to the lead in the second tab of the conflict's shot.
CONFLICT_LEAD = " Thông tin chi tiết được đăng trên trang thông tin của phường."
# Typed into the reply box of the queue's phone shot, never sent.
QUEUE_ANSWER = (
    "Phường đã giao tổ dân phố kiểm tra và nạo vét cống trước ngày 15/12. "
    "Trong lúc chờ, khi mưa lớn bà con nên đi đường Ngọc Thụy."
)
# The captcha picture of the page every reader shares, before theirs arrives.
CAPTCHA_PLACEHOLDER = "captcha-cho.svg"
READERS = [
    ("Vũ Thị Mai", "0912 345 678", "Cảm ơn phường", "Tin rất hữu ích cho người dân trong khu."),
    ("Trần Văn Bình", "", "Mong có thêm sân chơi", "Khu tôi ở còn thiếu chỗ cho trẻ em chơi."),
    ("Lê Thị Hoa", "024 3872 1234", "Hỏi về giờ làm việc", "Thứ bảy bộ phận một cửa có làm không?"),
    ("Phạm Đức Anh", "", "Đề nghị lắp đèn", "Ngõ 12 tối quá, mong phường lắp thêm đèn."),
    ("Nguyễn Thu Trang", "", "Hoan nghênh", "Cảm ơn tòa soạn đã đưa tin kịp thời."),
]


def settled(page):
    """`page` once its pictures (lazy ones too) and fonts have loaded."""
    pictures = page.locator("img")
    pictures.evaluate_all("images => images.forEach(i => { i.loading = 'eager'; })")
    for picture in pictures.all():
        if picture.is_visible():
            expect(picture).to_have_js_property("complete", True)
            expect(picture).not_to_have_js_property("naturalWidth", 0)
    page.evaluate("document.fonts.ready.then(() => true)")
    return page


def captcha_shown(page):
    """The key of this reader's captcha, once its picture has loaded: going
    into the form (as a reader starts writing) has the page fetch the key,
    the CSRF token and the picture. A form sent back with mistakes comes
    with its own. The picture's address names its key; the challenge behind
    it is stored when the picture is drawn."""
    picture = page.locator("#viet-binh-luan .captcha__image")
    if CAPTCHA_PLACEHOLDER in picture.get_attribute("src"):
        page.focus("#id_name")
    page.wait_for_function(
        """([picture, placeholder]) => !picture.getAttribute("src").includes(placeholder)
            && picture.complete && picture.naturalWidth > 0""",
        arg=[picture.element_handle(), CAPTCHA_PLACEHOLDER],
    )
    return Path(urlsplit(picture.get_attribute("src")).path).stem


def shrink(path):
    """Keep the repository small: 256 colours are plenty for these pages and
    their drawn demo photos (a third of the size)."""
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(256, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def login(page, admin, credentials):
    username, password = credentials.split(":", 1)
    page.goto(admin + "login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(admin)


def reader_pages(browser, base, out, name, viewport):
    page = browser.new_page(viewport=viewport, **PAGE)
    page.goto(base + "/")
    settled(page).screenshot(path=out / f"home-{name}.png", full_page=True)
    href = page.locator("main a[href^='/bai-viet/']").first.get_attribute("href")
    page.goto(base + href)
    settled(page).screenshot(path=out / f"article-{name}.png", full_page=True)
    if page.locator("#viet-binh-luan").count():
        # The form as a reader about to write sees it: their captcha shown.
        captcha_shown(page)
        page.locator("#id_name").blur()
        page.locator("#binh-luan").screenshot(path=out / f"comment-form-{name}.png")
        # A reader's mistake: what they typed stays, errors sit by each field.
        page.fill("#id_name", "Nguyễn Văn An")
        page.fill("#id_phone", "12345")
        page.click("#viet-binh-luan button[type=submit]")
        page.wait_for_selector("#loi-binh-luan")
        captcha_shown(settled(page))
        page.locator("#binh-luan").screenshot(path=out / f"comment-form-errors-{name}.png")
    else:
        print(f"{href}: comments are closed, no form to shoot", file=sys.stderr)
    page.goto(base + SEARCH)
    settled(page).screenshot(path=out / f"search-{name}.png", full_page=True)
    answered_comment(page, base, out, name)
    page.close()


def answered_comment(page, base, out, name):
    """The portal's answer under a reader's comment (the demo's
    load_demo_comments answers some): the first article showing one."""
    page.goto(base + "/")
    links = page.locator("main a[href^='/bai-viet/']").evaluate_all(
        "links => [...new Set(links.map(a => a.getAttribute('href')))]"
    )
    for href in links:
        page.goto(base + href)
        if page.locator(".comment__reply").count():
            comment = page.locator(".comment", has=page.locator(".comment__reply")).first
            comment.evaluate("item => item.scrollIntoView({block: 'start'})")
            settled(page).screenshot(path=out / f"reply-{name}.png")
            return
    print("no answered comment on the demo's articles: run load_demo_comments", file=sys.stderr)


def queue_pages(browser, admin, out, credentials):
    """The keyboard moderation queue at both widths. At the desk, the first
    comment has just been approved with A: one line with its "Hoàn tác",
    and the next comment is the current one; Z then takes the decision
    back, so the queue stays as it was. On the phone, the reply box is open
    under the first comment with an answer typed in; it is closed unsent."""
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page = browser.new_page(viewport=viewport, **PAGE)
        login(page, admin, credentials)
        page.goto(admin + QUEUE)
        page.wait_for_selector(".queue-item__actions:not([hidden])")  # the script has run
        first = page.locator(".queue-item").first
        if name == "desktop":
            page.keyboard.press("a")
            first.locator("[data-undo]:not([hidden])").wait_for()
            settled(page).screenshot(path=out / "queue-desktop.png")
            page.keyboard.press("z")
            expect(page.locator(".queue-item.is-decided")).to_have_count(0)
        else:
            first.get_by_role("button", name="Trả lời").click()
            first.locator("textarea").fill(QUEUE_ANSWER)
            # The comment at the top of the screen, its reply box whole below it.
            first.evaluate("item => item.scrollIntoView({block: 'start'})")
            settled(page).screenshot(path=out / "queue-phone.png")
            page.keyboard.press("Escape")
        page.close()


def bumped(text):
    """`text` with its first number two higher, as an editor correcting a
    figure would change it."""
    match = re.search(r"\d+", text)
    if match is None:
        return text + " (cập nhật)"
    return text[: match.start()] + str(int(match.group()) + 2) + text[match.end() :]


def retype_number(page):
    """In the article's CKEditor, select the first number of the body and
    type it two higher, as an editor correcting a figure would."""
    word = page.locator(".ck-editor__editable").evaluate(
        """editable => {
            const walker = document.createTreeWalker(editable, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const match = /\\d+/.exec(node.data);
                if (!match) continue;
                editable.focus();
                node.parentElement.scrollIntoView({block: "center"});
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return match[0];
            }
            return null;
        }"""
    )
    if word is None:
        page.locator(".ck-editor__editable").click()
        page.keyboard.press("Control+End")
        page.keyboard.type(" Bài đã được cập nhật.")
        return
    # CKEditor takes the selection over on the browser's "selectionchange".
    page.wait_for_timeout(200)
    page.keyboard.type(str(int(word) + 2))


def edited(page, title=None, lead=None):
    """Change what the article form holds and save it ("Lưu và tiếp tục
    chỉnh sửa"), staying on the form."""
    page.wait_for_selector(".ck-editor__editable")
    if title is not None:
        page.fill("#id_title", title)
    if lead is not None:
        page.fill("#id_lead", lead)
    page.locator("#article_form input[name=_continue]").first.click()
    page.wait_for_load_state()


def newsroom_pages(browser, admin, out, reporter, editor):
    """The newsroom at work, through the admin as its people use it: a
    reporter writes an article and sends it for review ("Gửi duyệt"); the
    editor opens the review queue (the list filtered to "Chờ duyệt"); the
    editor corrects a published article twice and compares its first and
    latest versions in "Lịch sử"; then saves it in one tab over the form
    open in another, which is refused with who changed what."""
    page = browser.new_page(viewport=DESKTOP, **PAGE)
    login(page, admin, reporter)
    page.goto(admin + "news/article/add/")
    page.wait_for_selector(".ck-editor__editable")
    page.fill("#id_title", REPORTER_ARTICLE["title"])
    page.fill("#id_lead", REPORTER_ARTICLE["lead"])
    page.locator(".ck-editor__editable").click()
    page.keyboard.type(REPORTER_ARTICLE["body"])
    page.locator("#id_category").select_option(index=1)
    page.locator(".field-author .select2-selection").click()
    page.locator("#select2-id_author-results [role=option]").first.click()
    page.get_by_role("button", name="Gửi duyệt").click()
    page.wait_for_url(admin + "news/article/**")
    expect(page.locator(".messagelist .success").first).to_be_visible()
    page.close()

    context = browser.new_context(viewport=DESKTOP, **PAGE)
    page = context.new_page()
    login(page, admin, editor)
    page.get_by_role("link", name="Bài chờ duyệt").first.click()
    page.wait_for_selector("#result_list")
    settled(page).screenshot(path=out / "newsroom-review-queue.png")

    # A published demo article, corrected twice.
    page.goto(admin + "news/article/?status__exact=published")
    page.locator("#result_list a[href*='/change/']").first.click()
    form = page.url
    for _ in range(2):
        page.wait_for_selector(".ck-editor__editable")
        retype_number(page)
        edited(page, title=bumped(page.input_value("#id_title")))
        expect(page.locator(".messagelist .success").first).to_be_visible()
    # The history ("Lịch sử phiên bản"); Django's Vietnamese names its link "Bản ghi nhớ".
    page.locator(".object-tools a.historylink").click()
    page.locator("input[name=tu]").last.check()
    page.locator("input[name=den]").first.check()
    page.get_by_role("button", name="So sánh").click()
    page.wait_for_selector(".version-changes")
    settled(page).locator("#content").screenshot(path=out / "newsroom-history-diff.png")

    # Two tabs on the same form: A saves first, B's save is refused.
    first, second = page, context.new_page()
    first.goto(form)
    second.goto(form)
    edited(first, title=bumped(first.input_value("#id_title")))
    edited(second, lead=second.input_value("#id_lead") + CONFLICT_LEAD)
    refusal = second.locator(".errornote, .errorlist.nonfield").first
    expect(refusal).to_be_visible()
    # The refusal, and below it the form as typed, down to the lead.
    bottom = second.locator(".field-lead").evaluate(
        "row => row.getBoundingClientRect().bottom + window.scrollY"
    )
    settled(second).screenshot(
        path=out / "newsroom-conflict.png",
        full_page=True,
        clip={"x": 0, "y": 0, "width": DESKTOP["width"], "height": bottom + 8},
    )
    context.close()


def captcha_store():
    """django-simple-captcha's store in the site's database."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "longbien.settings.dev")
    # Playwright's sync API runs an event loop in this thread; the queries
    # made between its steps are still ordinary synchronous ones.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from captcha.models import CaptchaStore

    return CaptchaStore


def post_comments(browser, base, out, count):
    store = captcha_store()
    page = browser.new_page(viewport=PHONE, **PAGE)
    page.goto(base + "/")
    links = page.locator("main a[href^='/bai-viet/']").evaluate_all(
        "links => [...new Set(links.map(a => a.getAttribute('href')))]"
    )
    for n, (name, phone, title, content) in enumerate(READERS[:count]):
        page.goto(base + links[n % len(links)] + "#viet-binh-luan")
        page.fill("#id_name", name)
        page.fill("#id_phone", phone)
        page.fill("#id_title", title)
        page.fill("#id_content", content)
        key = captcha_shown(page)
        page.fill("#id_captcha_1", store.objects.get(hashkey=key).response)
        page.click("#viet-binh-luan button[type=submit]")
        page.wait_for_selector("#binh-luan .message")
        if n == 0:
            settled(page).locator("#binh-luan").screenshot(path=out / "comment-sent-phone.png")
    page.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("out", type=Path)
    parser.add_argument("--login", help="an editor's USER:PASSWORD")
    parser.add_argument("--reporter", help="a reporter's USER:PASSWORD (with --login)")
    parser.add_argument("--moderator", help="a moderator's USER:PASSWORD")
    parser.add_argument("--chief", help="the editor-in-chief's USER:PASSWORD")
    parser.add_argument("--comments", type=int, default=0, help="readers' comments to post first")
    parser.add_argument("--admin", default="/quan-tri/", help="the admin's path (ADMIN_PATH)")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    base = options.base.rstrip("/")
    admin = base + "/" + options.admin.strip("/") + "/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        if options.comments:
            post_comments(browser, base, options.out, options.comments)
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            reader_pages(browser, base, options.out, name, viewport)
        if options.login:
            page = browser.new_page(viewport=DESKTOP, **PAGE)
            login(page, admin, options.login)
            page.goto(admin + "news/article/")
            page.screenshot(path=options.out / "admin-articles.png", full_page=False)
            link = page.locator("#result_list a[href*='/change/']").first.get_attribute("href")
            page.goto(base + link)
            page.wait_for_selector(".ck-editor__editable")
            settled(page).screenshot(path=options.out / "admin-article-editor.png", full_page=True)
            page.close()
            if options.reporter:
                newsroom_pages(browser, admin, options.out, options.reporter, options.login)
        if options.moderator:
            page = browser.new_page(viewport=DESKTOP, **PAGE)
            login(page, admin, options.moderator)
            page.screenshot(path=options.out / "admin-index-moderator.png")
            page.goto(admin + "comments/comment/")
            page.screenshot(path=options.out / "moderation-queue.png", full_page=False)
            page.close()
            queue_pages(browser, admin, options.out, options.moderator)
        if options.chief:
            page = browser.new_page(viewport=DESKTOP, **PAGE)
            login(page, admin, options.chief)
            page.goto(admin + "news/portalidentity/")
            settled(page).screenshot(path=options.out / "admin-portal-identity.png", full_page=True)
            page.close()
        browser.close()
    for path in sorted(options.out.glob("*.png")):
        shrink(path)
        print(path)


if __name__ == "__main__":
    main()
