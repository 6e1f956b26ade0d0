from django.utils.text import slugify

from news.text import vietnamese_slugify


def test_django_slugify_drops_the_letter_d_with_stroke():
    # The reason news.text exists: Django alone turns "Đại hội" into "ai-hoi".
    assert slugify("Đại hội Đảng bộ") == "ai-hoi-ang-bo"


def test_vietnamese_title_becomes_readable_slug():
    assert vietnamese_slugify("Đại hội Đảng bộ") == "dai-hoi-dang-bo"


def test_all_tone_marks_and_vowels_are_folded():
    title = "Người dân phường Phúc Đồng hưởng ứng “Ngày chủ nhật xanh”"
    assert vietnamese_slugify(title) == "nguoi-dan-phuong-phuc-dong-huong-ung-ngay-chu-nhat-xanh"


def test_long_titles_are_cut_at_a_word_boundary():
    slug = vietnamese_slugify("Cầu Long Biên " * 30, max_length=40)
    assert len(slug) <= 40
    assert not slug.endswith("-")
    assert slug.startswith("cau-long-bien-cau-long-bien")
