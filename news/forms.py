from django import forms

from .models import ArticlePhoto
from .validators import NOT_AN_IMAGE, validate_image_file


class CheckedImageField(forms.ImageField):
    """An image field that runs our checks (size, pixel count, format) before
    Django's own, so editors read why a file was refused — a decompression bomb
    is "too large", not "not an image" — in Vietnamese."""

    default_error_messages = {
        "invalid_image": NOT_AN_IMAGE,
        "empty": "Tệp ảnh đã chọn bị trống.",
        "missing": "Chưa có tệp ảnh.",
    }

    def to_python(self, data):
        if data and getattr(data, "size", None):
            validate_image_file(data)
        return super().to_python(data)


class ArticlePhotoForm(forms.ModelForm):
    class Meta:
        model = ArticlePhoto
        fields = ["image", "caption", "alt_text", "credit", "order"]
        field_classes = {"image": CheckedImageField}
