"""Take screenshots of a running longbien site with Debian's Chromium.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 docs/screenshots \
        [--login USER:PASSWORD] [--moderator USER:PASSWORD]

Saves the home and an article page at desktop and phone sizes; with --login,
the article editor in the admin; with --moderator, the moderation queue.
"""

import argparse
import os
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def login(page, base, credentials):
    username, password = credentials.split(":", 1)
    page.goto(base + "/quan-tri/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("out", type=Path)
    parser.add_argument("--login")
    parser.add_argument("--moderator")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    base = options.base.rstrip("/")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page = browser.new_page(viewport=viewport, device_scale_factor=1)
            page.goto(base + "/")
            page.screenshot(path=options.out / f"home-{name}.png", full_page=True)
            href = page.locator("main a[href^='/bai-viet/']").first.get_attribute("href")
            page.goto(base + href)
            page.screenshot(path=options.out / f"article-{name}.png", full_page=True)
            form = page.locator("#binh-luan")
            if form.count():
                form.scroll_into_view_if_needed()
                form.screenshot(path=options.out / f"comment-form-{name}.png")
                # A reader's mistake: what they typed stays, errors sit by each field.
                page.fill("#id_name", "Nguyễn Văn An")
                page.fill("#id_phone", "12345")
                page.click("#viet-binh-luan button[type=submit]")
                page.wait_for_load_state()
                page.locator("#binh-luan").screenshot(
                    path=options.out / f"comment-form-errors-{name}.png"
                )
            page.close()
        if options.login:
            page = browser.new_page(viewport=DESKTOP)
            login(page, base, options.login)
            page.goto(base + "/quan-tri/news/article/")
            page.screenshot(path=options.out / "admin-articles.png", full_page=False)
            link = page.locator("#result_list a[href*='/change/']").first.get_attribute("href")
            page.goto(base + link)
            page.wait_for_selector(".ck-editor__editable")
            page.screenshot(path=options.out / "admin-article-editor.png", full_page=True)
            page.close()
        if options.moderator:
            page = browser.new_page(viewport=DESKTOP)
            login(page, base, options.moderator)
            page.screenshot(path=options.out / "admin-index-moderator.png")
            page.goto(base + "/quan-tri/comments/comment/")
            page.screenshot(path=options.out / "moderation-queue.png", full_page=False)
            page.close()
        browser.close()
    print(
        "\n".join(sorted(str(p) for p in options.out.glob("*.png") if re.search(r"\.png$", p.name)))
    )


if __name__ == "__main__":
    main()
