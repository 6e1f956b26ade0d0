"""factory_boy factories for the test suite."""

import io
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from news.models import Article, ArticlePhoto, Author, Category, PortalIdentity


def image_bytes(size=(640, 400), color=(40, 90, 140), fmt="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")
    order = factory.Sequence(int)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Phóng viên {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Quận Long Biên ra quân làm sạch đường phố lần {n}")
    source = "HNP"
    lead = "Sáng nay, hàng trăm người dân các phường cùng tham gia dọn vệ sinh."
    body = "<p>Đoàn viên thanh niên và người dân cùng thu gom rác thải.</p>"
    category = factory.SubFactory(CategoryFactory)
    author = factory.SubFactory(AuthorFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))


class ArticlePhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticlePhoto

    article = factory.SubFactory(ArticleFactory)
    image = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="anh.jpg"))
    caption = "Phó Chủ tịch UBND quận phát biểu tại hội nghị."
    alt_text = "Đại biểu phát biểu trên hội trường"
    order = factory.Sequence(int)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("mat-khau-thu-nghiem")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "comments.Comment"

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Nguyễn Văn Bạn Đọc {n}")
    phone = "+84912345678"
    title = factory.Sequence(lambda n: f"Ý kiến số {n} về việc dọn vệ sinh")
    content = "Tôi hoan nghênh việc làm này.\nMong phường tổ chức thường xuyên hơn."
    ip_address = "203.0.113.7"
    user_agent = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)"


class PortalIdentityFactory(factory.django.DjangoModelFactory):
    """The portal as a ward's newsroom fills it in (the one row there is)."""

    class Meta:
        model = PortalIdentity
        django_get_or_create = ("id",)

    id = 1
    name = "Tin tức Long Biên"
    short_name = "LB"
    tagline = "Thông tin phường Long Biên, thành phố Hà Nội"
    description = "Tin tức, sự kiện và hoạt động của phường Long Biên, Hà Nội."
    source = "HNP"
    governing_body = "Ủy ban nhân dân phường Long Biên"
    responsible_person = "Trần Văn Kiên — Phó Chủ tịch UBND phường"
    licence = "Giấy phép số 45/GP-TTĐT do Sở Văn hóa và Thể thao Hà Nội cấp ngày 12/9/2025"
    address = "Phường Long Biên, thành phố Hà Nội"
    phone = "024 3872 0000"
    email = "toasoan@longbien.example.vn"
