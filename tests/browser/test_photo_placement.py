"""An editor places a photo in the text in the admin; readers on a phone and
on a desktop see it after that paragraph, each loading the rendition that
fits their screen."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from news.body_images import store
from tests.browser.conftest import DESKTOP, PHONE, VIEWPORTS, log_in, wait_until_loaded
from tests.factories import ArticleFactory, ArticlePhotoFactory, image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PARAGRAPHS = [
    "Sáng 24/11, phường Phúc Đồng khánh thành vườn hoa mới bên hồ.",
    "Vườn hoa rộng hơn hai nghìn mét vuông, trồng cây bóng mát và hoa theo mùa.",
    "Người dân các tổ dân phố góp công dọn dẹp và trồng cây trong ba tuần.",
]


@pytest.fixture
def article(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    figure = store(SimpleUploadedFile("ho.jpg", image_bytes((1600, 1000), (20, 110, 160))), "JPEG")
    body = (
        f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        f'<figure class="image"><img src="{figure}" alt="Mặt hồ nhìn từ vườn hoa"></figure>'
        f"<p>{PARAGRAPHS[2]}</p>"
    )
    article = ArticleFactory(title="Phúc Đồng có vườn hoa mới", body=body)
    ArticlePhotoFactory(
        article=article,
        order=0,
        caption="Lãnh đạo phường cắt băng khánh thành.",
        alt_text="Cắt băng khánh thành",
        image=SimpleUploadedFile("a.jpg", image_bytes((1200, 800), (200, 60, 60))),
    )
    ArticlePhotoFactory(
        article=article,
        order=1,
        caption="Thiếu nhi trồng cây trong vườn hoa.",
        alt_text="Các em nhỏ trồng cây",
        image=SimpleUploadedFile("b.jpg", image_bytes((1200, 800), (60, 160, 60))),
    )
    return article


def test_editor_places_a_photo_after_a_paragraph(live_server, page_factory, editor, article):
    page = page_factory(DESKTOP)
    log_in(page, live_server, editor)
    page.goto(live_server.url + reverse("admin:news_article_change", args=[article.pk]))
    place = page.locator("#id_photos-1-after_paragraph")
    expect(place.locator("option")).to_have_text(
        [
            "Cuối bài",
            "Sau đoạn 1: Sáng 24/11, phường Phúc Đồng khánh thành vườn hoa mới…",
            "Sau đoạn 2: Vườn hoa rộng hơn hai nghìn mét vuông, trồng cây…",
            "Sau đoạn 3: Người dân các tổ dân phố góp công dọn dẹp…",
        ]
    )
    place.select_option(label="Sau đoạn 1: Sáng 24/11, phường Phúc Đồng khánh thành vườn hoa mới…")
    page.get_by_role("button", name="Lưu lại", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    assert article.photos.get(order=1).after_paragraph == 1
    page.goto(live_server.url + article.get_absolute_url())
    body = page.locator(".article__body")
    expect(body.locator("> *").nth(1)).to_have_class("article__photo")
    expect(body.locator("> *").nth(1).locator("figcaption")).to_have_text(
        "Thiếu nhi trồng cây trong vườn hoa."
    )


def above(page, first, second):
    """`first` ends above where `second` begins, on the screen."""
    a, b = first.bounding_box(), second.bounding_box()
    return a["y"] + a["height"] <= b["y"] + 1


@VIEWPORTS
def test_readers_see_the_photo_after_its_paragraph(live_server, page_factory, article, viewport):
    photo = article.photos.get(order=1)
    photo.after_paragraph = 2
    photo.save()
    for reader in ("first", "second"):  # the second from every cache warm
        page = page_factory(viewport)
        page.goto(live_server.url + article.get_absolute_url())
        lead_photo = page.get_by_role("img", name="Cắt băng khánh thành")
        placed = page.get_by_role("img", name="Các em nhỏ trồng cây")
        body_image = page.get_by_role("img", name="Mặt hồ nhìn từ vườn hoa")
        paragraphs = [page.get_by_text(text) for text in PARAGRAPHS]
        for image in (lead_photo, placed, body_image):
            image.scroll_into_view_if_needed()
            wait_until_loaded(image)
        # Under the lead, then the first two paragraphs, the photo, the rest.
        assert above(page, page.locator(".article__lead"), lead_photo), reader
        assert above(page, lead_photo, paragraphs[0])
        assert above(page, paragraphs[1], placed)
        assert above(page, placed, body_image)
        assert above(page, body_image, paragraphs[2])
        # A phone loads the 480-pixel renditions, a desktop the 960 ones.
        wanted = "480w" if viewport == PHONE else "960w"
        for image in (lead_photo, placed, body_image):
            candidates = dict(
                reversed(candidate.split())
                for candidate in image.get_attribute("srcset").split(", ")
            )
            loaded = image.evaluate("image => new URL(image.currentSrc).pathname")
            assert loaded == candidates[wanted], (reader, loaded, candidates)
            assert image.bounding_box()["width"] <= viewport["width"]
        assert page.console_errors == []


def test_a_new_articles_photo_is_placed_before_its_first_save(
    live_server, page_factory, editor, settings, tmp_path
):
    from news.models import Article
    from tests.browser.test_editor_journey import choose_author
    from tests.factories import AuthorFactory, CategoryFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    CategoryFactory(name="Đô thị", slug="do-thi")
    AuthorFactory(name="Đông Hải")
    pictures = []
    for name, color in (("le-khanh-thanh", (200, 60, 60)), ("tre-em", (60, 160, 60))):
        path = tmp_path / f"{name}.jpg"
        path.write_bytes(image_bytes((1200, 800), color))
        pictures.append(str(path))
    page = page_factory(DESKTOP)
    log_in(page, live_server, editor)
    page.goto(live_server.url + reverse("admin:news_article_add"))
    page.get_by_label("Tiêu đề:").fill("Phúc Đồng có vườn hoa mới")
    page.get_by_label("Chuyên mục:").select_option(label="Đô thị")
    choose_author(page, "Đông Hải")
    page.get_by_label("Sapo:").fill("Sáng 24/11, phường khánh thành vườn hoa bên hồ.")
    page.get_by_role("textbox", name="Trình chỉnh sửa Văn bản dạng RTF").click()
    for n, text in enumerate(PARAGRAPHS):
        page.keyboard.type(text)
        if n < len(PARAGRAPHS) - 1:
            page.keyboard.press("Enter")

    photos = page.get_by_role("group", name="Ảnh trong bài")
    photos.locator("#id_photos-0-image").set_input_files(pictures[0])
    photos.locator("#id_photos-0-caption").fill("Lãnh đạo phường cắt băng khánh thành.")
    photos.locator("#id_photos-0-alt_text").fill("Cắt băng khánh thành")
    photos.get_by_role("button", name="Thêm Ảnh").click()
    photos.locator("#id_photos-1-image").set_input_files(pictures[1])
    photos.locator("#id_photos-1-caption").fill("Thiếu nhi trồng cây trong vườn hoa.")
    photos.locator("#id_photos-1-alt_text").fill("Các em nhỏ trồng cây")
    photos.locator("#id_photos-1-order").fill("1")
    # The paragraphs just typed are offered, before any save.
    photos.locator("#id_photos-1-after_paragraph").select_option(
        label="Sau đoạn 2: Vườn hoa rộng hơn hai nghìn mét vuông, trồng cây…"
    )
    page.get_by_role("button", name="Đăng bài").click()
    expect(page.locator(".messagelist")).to_contain_text("thành công")
    article = Article.objects.get()
    assert article.photos.get(order=1).after_paragraph == 2

    page.goto(live_server.url + article.get_absolute_url())
    placed = page.get_by_role("img", name="Các em nhỏ trồng cây")
    wait_until_loaded(placed)
    assert above(page, page.get_by_text(PARAGRAPHS[1]), placed)
    assert above(page, placed, page.get_by_text(PARAGRAPHS[2]))
    assert page.console_errors == []
