from datetime import date, datetime, time, timedelta

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from . import search
from .models import ArticlePhoto, Category
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


class DateInput(forms.DateInput):
    """The browser's own date picker; it sends and shows YYYY-MM-DD."""

    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
DATE_RANGE_MESSAGE = "Hãy chọn ngày trong khoảng từ năm 1900 đến năm 2100."


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=DateInput(),
        validators=[
            MinValueValidator(EARLIEST, DATE_RANGE_MESSAGE),
            MaxValueValidator(LATEST, DATE_RANGE_MESSAGE),
        ],
        error_messages={
            "invalid": "Ngày chưa đúng; hãy nhập theo dạng ngày/tháng/năm, ví dụ 24/11/2026."
        },
    )


class SearchForm(forms.Form):
    """A reader's search: words (diacritics and case do not matter), and
    optionally a category, a date range and the order of results."""

    NEWEST, RELEVANCE = "moi-nhat", "lien-quan"
    ORDERS = [(NEWEST, "Mới nhất"), (RELEVANCE, "Phù hợp nhất")]

    q = forms.CharField(
        label="Từ khóa",
        required=False,
        max_length=search.MAX_QUERY_LENGTH,
        error_messages={
            "max_length": "Từ khóa quá dài (%(show_value)d ký tự); hãy rút gọn còn tối đa "
            "%(limit_value)d ký tự, chỉ cần vài từ chính."
        },
    )
    chuyen_muc = forms.ModelChoiceField(
        Category.objects.all(),
        to_field_name="slug",
        required=False,
        label="Chuyên mục",
        empty_label="Tất cả chuyên mục",
        error_messages={"invalid_choice": "Không có chuyên mục này; hãy chọn trong danh sách."},
    )
    tu_ngay = _date_field("Từ ngày")
    den_ngay = _date_field("Đến ngày")
    sap_xep = forms.CharField(required=False)

    def clean_q(self):
        query = " ".join(self.cleaned_data["q"].split())
        if query and not search.query_words(query):
            raise forms.ValidationError(
                "Từ khóa cần có ít nhất một chữ cái hoặc chữ số, ví dụ: Long Biên."
            )
        return query

    def clean_sap_xep(self):
        order = self.cleaned_data["sap_xep"]
        return order if order in dict(self.ORDERS) else self.NEWEST

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if start and end and start > end:
            self.add_error("den_ngay", "Ngày kết thúc phải sau ngày bắt đầu.")
        return cleaned

    @property
    def terms(self):
        return search.query_words(self.cleaned_data.get("q", ""))

    def has_criteria(self):
        """Whether there is anything to search for: words or a filter."""
        data = self.cleaned_data
        return bool(self.terms or data["chuyen_muc"] or data["tu_ngay"] or data["den_ngay"])

    def filter(self, articles):
        """`articles` narrowed and ordered as the reader asked; call only
        when the form is valid."""
        data = self.cleaned_data
        articles = search.matching(articles, self.terms)
        if data["chuyen_muc"]:
            articles = articles.filter(category=data["chuyen_muc"])
        if data["tu_ngay"]:
            articles = articles.filter(published_at__gte=_start_of(data["tu_ngay"]))
        if data["den_ngay"]:
            articles = articles.filter(published_at__lt=_start_of(data["den_ngay"] + timedelta(1)))
        if self.terms and data["sap_xep"] == self.RELEVANCE:
            articles = search.by_relevance(articles, self.terms)
        return articles


def _start_of(day):
    """Midnight at the start of `day`, Hà Nội time."""
    return timezone.make_aware(datetime.combine(day, time.min))
