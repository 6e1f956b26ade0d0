import contextlib
import logging
from datetime import date, datetime, time, timedelta

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join

from . import search, versions, workflow
from . import text as folding
from .images import without_metadata
from .models import Article, ArticlePhoto, Category, PortalIdentity
from .placement import paragraph_starts
from .sanitize import sanitize_html
from .validators import NOT_AN_IMAGE, validate_image_file

logger = logging.getLogger(__name__)


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
            # Django's check reads on from the current position, which is the
            # end when the form is validated again after a failed save.
            data.seek(0)
        return super().to_python(data)


STORAGE_FAILED = (
    "Chưa lưu được bài viết: máy chủ không ghi được tệp ảnh (ổ đĩa đầy hoặc thư mục ảnh "
    "không cho ghi). Những gì bạn đã nhập vẫn còn dưới đây; hãy chọn lại ảnh rồi bấm Lưu sau "
    "ít phút. Nếu vẫn lỗi, hãy báo bộ phận kỹ thuật."
)


class ArticleForm(forms.ModelForm):
    """The article form of the admin. ArticleAdmin sets `storage_failed` on
    its form class when storing the photos failed: the form is then shown
    again, with why, instead of being saved. A save over someone else's
    save made after the form was opened is refused (news.versions)."""

    storage_failed = False
    editor = None  # the user saving (ArticleAdmin.get_form)
    # Set for a preview (news.admin_preview), which saves nothing and so
    # cannot overwrite anyone's save: no check for saves made meanwhile.
    preview = False
    # The newest version when the form was drawn; after a refusal, the newest
    # then, so a second, deliberate save goes through.
    opened_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # On a copy of a live article: the article's newest version when
    # publishing the copy was refused because of it; pressing again with it
    # publishes the copy over what the editor was shown.
    live_revision_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Asked for by the "Trả lại" button (news.admin_workflow), stored in the log.
    review_note = forms.CharField(
        label="Lý do trả lại",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Người gửi bài đọc lời này khi mở bài; chỉ cần khi bấm “Trả lại”.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("allow_comments")
        days = settings.COMMENTS_CLOSE_AFTER_DAYS
        if field and days:
            field.help_text += f" Bình luận cũng tự đóng {days} ngày sau khi bài được đăng."
        if self.instance.pk:
            self.fields["opened_revision"].initial = versions.latest_revision_id(self.instance)

    def _check_live_article(self, seen):
        """Publishing a copy: refused once when the live article was saved
        after the copy was made (who, when, what); pressed again, the copy
        goes in over the save the editor was shown, and no later one."""
        copy = self.instance
        if seen and seen > (copy.draft_base_revision or 0):
            copy.draft_base_revision = seen  # saved with the copy, before it is published
        refusal = workflow.live_changed(copy)
        if refusal:
            self.data = self.data.copy()
            newest = versions.latest_revision_id(copy.draft_of)
            self.data[self.add_prefix("live_revision_seen")] = newest
            raise forms.ValidationError(refusal, code="live_changed")

    def clean(self):
        if self.storage_failed:
            raise forms.ValidationError(STORAGE_FAILED, code="storage_failed")
        cleaned = super().clean()
        action = self.data.get("_workflow")
        if action == "return" and not cleaned.get("review_note", "").strip():
            self.add_error("review_note", workflow.NOTE_NEEDED)
        if action in workflow.PUBLISHING and self.instance.draft_of_id:
            self._check_live_article(cleaned.get("live_revision_seen"))
        if self.instance.pk and not self.preview:
            conflict = versions.saved_meanwhile(
                self.instance, cleaned.get("opened_revision"), self.editor
            )
            if conflict:
                self.data = self.data.copy()
                self.data[self.add_prefix("opened_revision")] = conflict.newest_revision
                self._take_their_changes(conflict)
                raise forms.ValidationError(conflict.message, code="saved_meanwhile")
        return cleaned

    # Fields whose changes by others are shown in the form again after a
    # refused save, where the editor had left them as opened.
    MERGED_FIELDS = ("title", "slug", "source", "lead", "body", "category", "author", "tags")

    def _take_their_changes(self, conflict):
        if conflict.opened is None:
            return
        for name in self.MERGED_FIELDS:
            if name not in self.fields or name not in self.cleaned_data:
                continue
            key = self._meta.model._meta.get_field(name).attname
            opened, theirs = conflict.opened.get(key), conflict.now.get(key)
            mine = self.cleaned_data[name]
            if name == "tags":
                opened, theirs = sorted(opened or []), sorted(theirs or [])
                mine = sorted(tag.pk for tag in mine)
            elif name == "body":
                mine = sanitize_html(mine)
            elif hasattr(mine, "pk"):
                mine = mine.pk
            if opened == theirs or mine != opened:
                continue
            field = self.add_prefix(name)
            if name == "tags":
                self.data.setlist(field, [str(pk) for pk in theirs])
            else:
                self.data[field] = str(theirs)


class ArticlePhotoForm(forms.ModelForm):
    class Meta:
        model = ArticlePhoto
        fields = ["image", "caption", "alt_text", "credit", "order", "after_paragraph"]
        field_classes = {"image": CheckedImageField}

    RENDITIONS = ("large", "medium", "card", "thumbnail")

    def clean_image(self):
        """A new photo is stored stripped of its metadata (GPS position,
        camera, author) under "<random>.<ext of the detected format>": a PNG
        called .gif is stored as .png, the uploader's file name is not kept,
        and the stored name is known before the write, so `discard_upload`
        can find a file whose write failed halfway."""
        image = self.cleaned_data["image"]
        if isinstance(image, UploadedFile):
            image_format = "JPEG" if image.image.format == "MPO" else image.image.format
            return without_metadata(image, image_format)
        return image

    def discard_upload(self):
        """After saving failed (the database rows are rolled back): remove
        what was written for this form's new photo, the original whole or in
        part and any rendition, so no file is left that nothing points to."""
        if "image" not in self.changed_data:
            return
        photo, chosen = self.instance, self.cleaned_data["image"].name
        if photo.image.name == chosen:
            # Not stored: the write failed (or never began). This is where it went.
            files = [(photo.image.storage, photo.image.field.generate_filename(photo, chosen))]
        else:
            files = [(photo.image.storage, photo.image.name)]
            for spec in self.RENDITIONS:
                rendition = getattr(photo, spec)
                files.append((rendition.storage, rendition.name))
        for storage, name in files:
            try:
                if storage.exists(name):
                    storage.delete(name)
            except OSError:
                logger.exception("Could not remove %s after a failed save", name)


class ArticlePhotoFormSet(forms.BaseInlineFormSet):
    """The photos of an article, each placed in its text by picking a
    paragraph by its first words: from the body as sent with this form (so
    paragraphs typed in this save count), or as saved when the form is
    first drawn. The body is read once for all the photos."""

    @cached_property
    def paragraphs(self):
        body = self.data.get("body") if self.is_bound else None
        if body is None:
            body = self.instance.body if self.instance.pk else ""
        return paragraph_starts(sanitize_html(body or ""))

    def add_fields(self, form, index):
        # Called for every form, the blank one of "Thêm một Ảnh" included.
        super().add_fields(form, index)
        field = form.fields.get("after_paragraph")
        if field is not None:
            count = len(self.paragraphs)
            choices = [(n, f"Sau đoạn {n}: {words}") for n, words in enumerate(self.paragraphs, 1)]
            # A place the body no longer has (stored, or sent) is still shown
            # as chosen, so the form never changes it behind the editor's back.
            kept = {form.initial.get("after_paragraph")}
            if form.is_bound:
                kept.add(form.data.get(form.add_prefix("after_paragraph")))
            for value in sorted({_number(v) for v in kept} - {None}):
                if not 1 <= value <= count:
                    choices.append((value, f"Sau đoạn {value} (bài không có đoạn này)"))
            field.widget = forms.Select(choices=[("", "Cuối bài"), *choices])

    def clean(self):
        """A photo placed after a paragraph the body sent does not have is
        refused with why, rather than moved to the end unseen."""
        super().clean()
        if "body" not in self.data:
            return
        count = len(self.paragraphs)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            place = data.get("after_paragraph")
            if data.get("DELETE") or place is None or 1 <= place <= count:
                continue
            form.add_error(
                "after_paragraph",
                f"Bài có {count} đoạn văn, không có đoạn {place}. Hãy chọn lại chỗ đặt ảnh "
                "hoặc chọn “Cuối bài”.",
            )


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class DateInput(forms.DateInput):
    """The browser's own date picker; it sends and shows YYYY-MM-DD.

    Drawn in Python, as Django's input template draws it: the search page
    shows two on every request, and the template took ten times as long."""

    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def format_value(self, value):
        # A date sent as typed (24/11/2026) is shown as the picker reads it.
        if isinstance(value, str):
            for pattern in get_format("DATE_INPUT_FORMATS"):
                with contextlib.suppress(ValueError):
                    return datetime.strptime(value.strip(), pattern).date().isoformat()
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        value = self.format_value(value)
        shown = format_html(' value="{}"', value) if value is not None else ""
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html(
            '<input type="{}" name="{}"{}{}>', self.input_type, name, shown, attributes
        )


class Select(forms.Select):
    """A <select> drawn in Python, as Django's templates draw it but for
    the line breaks between options: the search page shows the categories
    on every request, and the templates took ten times as long."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        options, marked = [], False
        for option, label in self.choices:
            # A single <select> marks only the first option of its value.
            selected = not marked and str(option) in chosen
            marked |= selected
            options.append((str(option), " selected" if selected else "", label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )


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
        max_length=folding.MAX_QUERY_LENGTH,
        error_messages={
            "max_length": "Từ khóa quá dài (%(show_value)d ký tự); hãy rút gọn còn tối đa "
            "%(limit_value)d ký tự, chỉ cần vài từ chính.",
            "null_characters_not_allowed": "Từ khóa có ký tự không gõ được từ bàn phím; "
            "hãy xóa ô tìm kiếm rồi gõ lại.",
        },
    )
    chuyen_muc = forms.ModelChoiceField(
        Category.objects.all(),
        widget=Select,
        to_field_name="slug",
        required=False,
        label="Chuyên mục",
        empty_label="Tất cả chuyên mục",
        error_messages={"invalid_choice": "Không có chuyên mục này; hãy chọn trong danh sách."},
    )
    tu_ngay = _date_field("Từ ngày")
    den_ngay = _date_field("Đến ngày")
    # A plain Field: whatever arrives (even a NUL byte) and is not one of
    # ORDERS means the default order, without an error.
    sap_xep = forms.Field(required=False)
    # Set by the "search for what I typed" link under a query read as Telex
    # or VNI ("1"), then kept by the form as the words it was set for, so
    # that a change of filter or order keeps them literal and other words
    # are read afresh. A plain Field: whatever arrives is never an error.
    nguyen_van = forms.Field(required=False)
    # Set by the "Tìm tiếp" link past the counted results: the id of the
    # last article shown, the results going on from the one after it. A
    # plain Field: whatever names no public article is ignored.
    truoc = forms.Field(required=False)

    def __init__(self, *args, categories=None, **kwargs):
        """`categories`: the list's (slug, name) pairs when the caller has
        them at hand (news.views.category_choices), instead of a query."""
        super().__init__(*args, **kwargs)
        if categories is not None:
            field = self.fields["chuyen_muc"]
            field.widget.choices = [("", field.empty_label), *categories]

    def clean_q(self):
        query = " ".join(self.cleaned_data["q"].split())
        if query and not folding.query_words(query):
            raise forms.ValidationError(
                "Từ khóa cần có ít nhất một chữ cái hoặc chữ số, ví dụ: Long Biên."
            )
        return query

    def clean_truoc(self):
        """The (publish time, id) of the public article the results go on
        after, or None."""
        try:
            pk = int(self.cleaned_data["truoc"])
        except (TypeError, ValueError):
            return None
        if not 0 < pk < 2**63:
            return None
        published = Article.objects.published().filter(pk=pk).values_list("published_at")
        found = published.first()
        return (found[0], pk) if found else None

    def clean_sap_xep(self):
        order = self.cleaned_data["sap_xep"]
        return order if order in dict(self.ORDERS) else self.NEWEST

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if start and end and start > end:
            # The same day is a search of that one day.
            self.add_error("den_ngay", "Ngày kết thúc không được trước ngày bắt đầu.")
        if cleaned.get("sap_xep") == self.RELEVANCE and "q" in cleaned and not self.terms:
            # Nothing to rank by: the page says the order it shows.
            cleaned["sap_xep"] = self.NEWEST
        return cleaned

    @cached_property
    def query(self):
        """The parsed query (news.search.Query): Telex or VNI read as
        Vietnamese unless the reader asked for the words as typed."""
        return search.parse(self.cleaned_data.get("q", ""), literal=self.literal)

    @property
    def literal(self):
        """Whether the reader asked for the words as typed (not read as
        Telex or VNI)."""
        flag = self.cleaned_data.get("nguyen_van") or ""
        return flag == "1" or (bool(flag) and " ".join(flag.split()) == self.cleaned_data.get("q"))

    @property
    def terms(self):
        return self.query.terms

    @property
    def reading(self):
        """What the words would be read as, Telex or VNI, when the reader
        asked for them as typed (the page links back to that reading)."""
        if not self.literal:
            return None
        return search.from_input_method(self.cleaned_data["q"])

    @property
    def asked(self):
        """The words as the page names them: as searched (Telex or VNI read
        as Vietnamese), or as sent when the form has errors, on one line."""
        if not self.is_bound:
            return ""
        if self.is_valid():
            return self.query.text
        return " ".join(folding.one_line(str(self.data.get("q") or "")).split())

    def narrowed(self):
        """Whether the reader chose a filter or the order (the page then
        shows them unfolded); call only when the form is valid."""
        data = self.cleaned_data
        return (
            bool(data["chuyen_muc"] or data["tu_ngay"] or data["den_ngay"])
            or data["sap_xep"] == self.RELEVANCE
        )

    def has_criteria(self):
        """Whether there is anything to search for: words or a filter."""
        data = self.cleaned_data
        return bool(self.terms or data["chuyen_muc"] or data["tu_ngay"] or data["den_ngay"])

    def matches(self):
        """The public matches of the words and filters read from the search
        index alone (news.search.Matches), where the database allows it;
        None without words."""
        if not (self.terms and search.Matches.available()):
            return None
        data = self.cleaned_data
        return search.Matches(
            self.query,
            category_id=data["chuyen_muc"].pk if data["chuyen_muc"] else None,
            since=_start_of(data["tu_ngay"]) if data["tu_ngay"] else None,
            until=_start_of(data["den_ngay"] + timedelta(1)) if data["den_ngay"] else None,
            after=data["truoc"],
        )

    def filter(self, articles):
        """`articles` narrowed and ordered as the reader asked; call only
        when the form is valid."""
        data = self.cleaned_data
        articles = search.matching(articles, self.query)
        if data["chuyen_muc"]:
            articles = articles.filter(category=data["chuyen_muc"])
        if data["tu_ngay"]:
            articles = articles.filter(published_at__gte=_start_of(data["tu_ngay"]))
        if data["den_ngay"]:
            articles = articles.filter(published_at__lt=_start_of(data["den_ngay"] + timedelta(1)))
        if data["truoc"]:
            published, pk = data["truoc"]
            articles = articles.filter(
                Q(published_at__lt=published) | Q(published_at=published, pk__lt=pk)
            )
        return self.order(articles)

    def order(self, articles):
        """`articles` in the order the reader asked for (newest first, as
        `articles` already are, or most relevant first)."""
        if self.terms and self.cleaned_data["sap_xep"] == self.RELEVANCE:
            return search.by_relevance(articles, self.query)
        return articles


def _start_of(day):
    """Midnight at the start of `day`, Hà Nội time."""
    return timezone.make_aware(datetime.combine(day, time.min))


LOGO_MIN_SIDE = 112  # what search engines ask of a publisher's logo
LOGO_MAX_RATIO = 1.25  # the header's box, the page icon and the share picture are square


class PortalIdentityForm(forms.ModelForm):
    """The portal's identity in the admin. The logo is checked like every
    upload (news.validators) and stored under a new name each time, so
    browsers and caches holding the old one fetch the new."""

    class Meta:
        model = PortalIdentity
        fields = [
            "name",
            "short_name",
            "tagline",
            "description",
            "logo",
            "source",
            "governing_body",
            "responsible_person",
            "licence",
            "address",
            "phone",
            "email",
        ]
        field_classes = {"logo": CheckedImageField}
        error_messages = {
            "email": {
                "invalid": "Địa chỉ thư điện tử chưa đúng, ví dụ: toasoan@phuong.gov.vn.",
            },
        }

    def clean_logo(self):
        logo = self.cleaned_data["logo"]
        if isinstance(logo, UploadedFile):
            width, height = logo.image.size
            if min(width, height) < LOGO_MIN_SIDE:
                raise forms.ValidationError(
                    f"Biểu trưng quá nhỏ ({width}×{height} điểm ảnh). Hãy chọn ảnh có mỗi cạnh "
                    f"từ {LOGO_MIN_SIDE} điểm ảnh trở lên."
                )
            image_format = "JPEG" if logo.image.format == "MPO" else logo.image.format
            if image_format not in ("PNG", "JPEG"):
                raise forms.ValidationError(
                    "Biểu trưng cần là ảnh PNG hoặc JPEG (ảnh động, WebP không dùng được làm "
                    "biểu tượng trang)."
                )
            if max(width, height) > LOGO_MAX_RATIO * min(width, height):
                raise forms.ValidationError(
                    f"Biểu trưng cần gần vuông (ảnh này {width}×{height} điểm ảnh): nó được đặt "
                    "trong ô vuông đầu trang, làm biểu tượng trang và ảnh khi chia sẻ."
                )
            # Stored without its metadata, under a new random name (news/images.py).
            return without_metadata(logo, image_format)
        return logo
