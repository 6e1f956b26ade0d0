"""The reader's comment form. It owns its defences: a single-use captcha, a
honeypot, plain-text clean-up of every field and Vietnamese phone numbers."""

import re
import secrets
import unicodedata

from captcha.fields import CaptchaField, CaptchaTextInput
from captcha.models import CaptchaStore
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone

from news import text as folding
from news.models import Article

from . import moderation, spam
from .models import EDITORIAL_BOARD, BlockedPhrase, Comment, Office, Reply

# Capital letters a reader cannot mistake for another letter or a digit.
CAPTCHA_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ"
CAPTCHA_SIZE = 5


def captcha_challenge():
    """CAPTCHA_CHALLENGE_FUNCT: (text drawn in the image, expected answer)."""
    text = "".join(secrets.choice(CAPTCHA_ALPHABET) for _ in range(CAPTCHA_SIZE))
    return text, text.lower()


# C0 and C1 control characters except tab, line feed and carriage return.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Invisible characters that hide or reorder text: zero-width space, word
# joiner, byte order mark, and the bidirectional marks, embeddings and isolates.
INVISIBLE_CHARACTERS = re.compile(
    "[\u200b\u2060\ufeff\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"
)
# Vietnamese needs at most two combining marks on a letter once decomposed
# (NFD: ệ = e + dot below + circumflex); longer runs are "Zalgo" text that
# spills over neighbouring lines.
MAX_COMBINING_MARKS = 2


def _limit_combining_marks(text):
    kept, run = [], 0
    for char in text:
        run = run + 1 if unicodedata.combining(char) else 0
        if run <= MAX_COMBINING_MARKS:
            kept.append(char)
    return "".join(kept)


def clean_text(value, multiline=False):
    """Reader text as plain text: NFC (as typed by any Vietnamese keyboard),
    without control or invisible characters, whitespace collapsed; line
    breaks kept, at most one blank line in a row, when `multiline`."""
    value = unicodedata.normalize("NFD", value)
    value = unicodedata.normalize("NFC", _limit_combining_marks(value))
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = INVISIBLE_CHARACTERS.sub("", CONTROL_CHARACTERS.sub("", value))
    if not multiline:
        return " ".join(value.split())
    lines = (" ".join(line.split()) for line in value.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


PHONE_CHARACTERS = re.compile(r"\+?[0-9 .()\-]+")
VIETNAMESE_NUMBER = re.compile(r"0[35789][0-9]{8}|02[0-9]{9}")


def normalize_phone(value):
    """A Vietnamese mobile (03/05/07/08/09 + 8 digits) or landline (02x + 8
    digits) number as "+84…", or None. Accepts spaces, dots, dashes and
    brackets, and the forms 0912345678, +84912345678, 0084… and 84912345678."""
    value = unicodedata.normalize("NFKC", value).strip()
    if not PHONE_CHARACTERS.fullmatch(value):
        return None
    digits = re.sub(r"[^0-9]", "", value)
    if value.startswith("+"):
        if not digits.startswith("84"):
            return None
        national = "0" + digits[2:].removeprefix("0")
    elif digits.startswith("0084"):
        national = "0" + digits[4:].removeprefix("0")
    elif digits.startswith("84") and len(digits) in (11, 12):
        national = "0" + digits[2:]
    else:
        national = digits
    if VIETNAMESE_NUMBER.fullmatch(national):
        return "+84" + national[1:]
    return None


TOO_LONG = "Dài tối đa %(limit_value)d ký tự (bạn đã nhập %(show_value)d)."


class PlainTextField(forms.CharField):
    """A CharField for text a reader typed, cleaned by `clean_text`. NUL bytes
    are removed here, so they never reach the database (PostgreSQL refuses them)."""

    multiline = False

    def to_python(self, value):
        value = super().to_python(value)
        if self.max_length and len(value) > 4 * self.max_length:
            # Far over the limit: refuse before the character-by-character clean-up.
            raise ValidationError(
                self.error_messages.get("max_length", TOO_LONG),
                code="max_length",
                params={"limit_value": self.max_length, "show_value": len(value)},
            )
        return clean_text(value, multiline=self.multiline)


class MultilinePlainTextField(PlainTextField):
    multiline = True


class HoneypotField(forms.CharField):
    """A field people never see (hidden by CSS, out of the tab order, hidden
    from screen readers). Robots that fill every input fill it."""

    widget = forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})

    def __init__(self, **kwargs):
        super().__init__(required=False, label="Trang web (để trống ô này)", **kwargs)

    def clean(self, value):
        if value:
            raise ValidationError(
                "Không gửi được bình luận. Hãy tải lại trang và thử lại.", code="honeypot"
            )
        return ""


class CaptchaWidget(CaptchaTextInput):
    """The captcha image, its key and the answer box. The <label> belongs to
    the answer box; the form's template adds the refresh link."""

    template_name = "comments/captcha_widget.html"
    use_fieldset = False

    def __init__(self, attrs=None, **kwargs):
        super().__init__(attrs, **kwargs)
        self.widgets[1].attrs.update(
            {"class": "captcha__answer", "maxlength": "10", "size": "8", "enterkeyhint": "send"}
        )

    # Drawn in a page every reader shares (the article's cached page): no
    # key and a neutral picture; comments.js fetches this reader's own.
    blank = False

    def fetch_captcha_store(self, name, value, attrs=None, generator=None):
        # A new random key, not stored yet: the challenge is made when the
        # reader's browser first asks for the image (views.captcha_image).
        # Showing the form writes nothing.
        self._key = "" if self.blank else new_captcha_key()
        self._value = [self._key, ""]
        self.id_ = self.build_attrs(attrs).get("id", None)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["blank"] = self.blank
        return context

    def image_url(self):
        if self.blank:
            return static("img/captcha-cho.svg")
        return captcha_image_url(self._key)


def new_captcha_key():
    """A key for a captcha whose challenge is made when its picture is first
    asked for (comments.views.captcha_image)."""
    return secrets.token_hex(20)


def captcha_image_url(key):
    return reverse("comments:captcha_image", kwargs={"key": key})


CAPTCHA_KEY = re.compile(r"[0-9a-f]{40}")


class CommentCaptchaField(CaptchaField):
    """django-simple-captcha's field with our messages. Malformed input is
    refused before the captcha store is looked up; a malformed key is marked
    as tampering (code "tampered"). A captcha is spent by its first answer,
    right or wrong, and by one post only, however many arrive at once."""

    def clean(self, value):
        key, answer = value if isinstance(value, list | tuple) and len(value) == 2 else ("", "")
        if key and not CAPTCHA_KEY.fullmatch(key):
            # Our page always sends a well-formed key: this one was forged.
            raise ValidationError(self.error_messages["invalid"], code="tampered")
        if not key or not answer or not answer.strip():
            raise ValidationError(self.error_messages["required"], code="required")
        if len(answer) > 32 or not answer.isprintable():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        forms.MultiValueField.clean(self, value)
        if not self.spend(key, answer.strip().lower()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value

    @staticmethod
    def spend(key, answer):
        """Whether `answer` is right for the captcha `key`, which is deleted
        either way. django-simple-captcha reads the row, then deletes it: two
        posts at once both read it and both passed. Here the post whose
        DELETE removed the row is the one that spent it; the others find
        nothing left to delete."""
        store = CaptchaStore.objects.filter(hashkey=key, expiration__gt=timezone.now()).first()
        if store is None:
            return False
        spent, _ = CaptchaStore.objects.filter(pk=store.pk).delete()
        return spent == 1 and store.response == answer


# What the number is for and for how long, as Decree 13/2023/NĐ-CP on personal
# data asks; said where the reader types it.
PHONE_HELP = (
    "Không bắt buộc. Ban biên tập chỉ dùng số này để gọi điện xác minh bình luận khi cần, "
    "không bao giờ công khai, và xóa sau {days} ngày. Ví dụ: 0912 345 678."
)


def _messages(label):
    return {
        "required": f"Hãy nhập {label}.",
        "max_length": f"{label.capitalize()} dài tối đa %(limit_value)d ký tự "
        "(bạn đã nhập %(show_value)d).",
    }


class CommentForm(forms.ModelForm):
    """A reader's comment on `article`. Valid posts are stored as pending."""

    captcha = CommentCaptchaField(
        label="Mã xác nhận",
        help_text="Gõ 5 chữ cái trong ảnh, viết hoa hay thường đều được. Không đọc được thì "
        "chọn “Lấy lại mã bảo mật”.",
        widget=CaptchaWidget(),
        error_messages={
            "required": "Hãy nhập mã xác nhận trong ảnh.",
            "invalid": "Mã xác nhận không đúng hoặc đã hết hạn. Hãy nhập mã mới.",
        },
    )
    # Declared here: the box takes the spaces and dots people type, the model
    # stores the shorter normalised "+84…" form.
    phone = PlainTextField(
        label="Số điện thoại",
        required=False,
        max_length=25,
        # The help text, with how long the number is kept, is set in __init__.
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": "Số điện thoại quá dài."},
    )
    website = HoneypotField()

    class Meta:
        model = Comment
        fields = ["name", "phone", "title", "content"]
        field_classes = {
            "name": PlainTextField,
            "title": PlainTextField,
            "content": MultilinePlainTextField,
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "content": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "name": _messages("họ tên"),
            "title": _messages("tiêu đề"),
            "content": _messages("nội dung bình luận"),
        }

    def __init__(self, *args, article=None, ip_address=None, user_agent="", blank=False, **kwargs):
        kwargs.setdefault(
            "instance",
            Comment(
                article=article,
                ip_address=ip_address,
                user_agent=clean_text(user_agent)[:500],
            ),
        )
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = PHONE_HELP.format(days=self.personal_data_days)
        # The blank form of a page every reader shares carries no CSRF token
        # and no captcha of its own: they come from views.form_parts.
        self.shared = blank
        self.fields["captcha"].widget.blank = blank

    @property
    def personal_data_days(self):
        """Days the phone number, IP address and browser of a comment are
        kept (purge_personal_data blanks them after that)."""
        return settings.COMMENTS_PERSONAL_DATA_DAYS

    def clean_name(self):
        name = self.cleaned_data["name"]
        if not any(char.isalpha() for char in name):
            raise ValidationError("Họ tên phải có chữ cái.", code="no_letters")
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if not phone:
            return ""
        normalized = normalize_phone(phone)
        if normalized is None:
            raise ValidationError(
                "Số điện thoại không hợp lệ. Hãy nhập số di động hoặc cố định của Việt Nam, "
                "ví dụ 0912 345 678 hoặc +84 912 345 678.",
                code="invalid",
            )
        return normalized

    def clean_title(self):
        title = self.cleaned_data["title"]
        if not any(char.isalnum() for char in title):
            raise ValidationError("Tiêu đề phải có chữ hoặc số.", code="no_letters")
        return title

    def clean_content(self):
        content = self.cleaned_data["content"]
        if not any(char.isalnum() for char in content):
            raise ValidationError("Nội dung phải có chữ hoặc số.", code="no_letters")
        return content

    def is_tampered(self):
        """True when the post did not come from our form as a person fills it
        in (honeypot filled, captcha key forged): answered with a 400."""
        return self.has_error("website") or self.has_error("captcha", "tampered")

    def resubmission(self):
        """The stored comment this post repeats, or None.

        Checked even when the captcha failed: a double click or a reload of the
        "sent" POST sends the same captcha twice and its first use consumed it.
        Such a repeat is answered as a success and stores nothing, so the
        reader never sees an error for a comment that was in fact received.
        """
        if self.is_tampered() or any(self.has_error(f) for f in ("name", "title", "content")):
            return None
        return self._resubmissions().first()

    def save(self, commit=True):
        """Store the comment as pending, with the reasons comments.spam found
        to hold it back (held_for); return (comment, created). Obvious spam
        is moved to Spam in the same transaction by comments.moderation, with
        no moderator (the log's "automatic filter"). A repeat of a recent
        comment returns that comment with created=False."""
        if not commit:
            raise ValueError("CommentForm.save() always saves; see its docstring.")
        data = self.cleaned_data
        screening = spam.screen(data["name"], data["title"], data["content"])
        with transaction.atomic():
            # Lock the article: posts to one article are stored one at a time,
            # so two identical posts racing each other cannot both pass the check.
            Article.objects.select_for_update().only("pk").get(pk=self.instance.article_id)
            existing = self._resubmissions().first()
            if existing is not None:
                return existing, False
            self.instance.held_for = list(screening.reasons)
            comment = super().save()
            if screening.spam:
                moderation.moderate(
                    Comment.objects.filter(pk=comment.pk), Comment.Status.SPAM, None
                )
                comment.refresh_from_db(fields=["status", "moderated_by", "moderated_at"])
            return comment, True

    def _resubmissions(self):
        data = self.cleaned_data
        return Comment.objects.resubmissions(
            article=self.instance.article,
            name=data["name"],
            title=data["title"],
            content=data["content"],
            ip_address=self.instance.ip_address,
        )


class ReplyForm(forms.ModelForm):
    """The portal's answer to a comment, as a moderator or editor writes it:
    plain text cleaned like a reader's, signed by an office still in use (or
    the one it was already signed with)."""

    class Meta:
        model = Reply
        fields = ["text", "office", "published"]
        field_classes = {"text": MultilinePlainTextField}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"text": _messages("nội dung trả lời")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offices = Office.objects.filter(active=True)
        if self.instance.office_id:
            offices = Office.objects.filter(Q(active=True) | Q(pk=self.instance.office_id))
        self.fields["office"].queryset = offices
        self.fields["office"].empty_label = EDITORIAL_BOARD


class BlockedPhraseForm(forms.ModelForm):
    """A word or phrase editors block. Refused, with what was typed kept:
    a phrase without letters or digits (it would match nothing), and one
    that folds like a phrase already listed ("VAY TIEN" for "vay tiền")."""

    class Meta:
        model = BlockedPhrase
        fields = ["phrase", "action"]
        field_classes = {"phrase": PlainTextField}
        error_messages = {"phrase": _messages("từ hoặc cụm từ")}

    def clean_phrase(self):
        phrase = self.cleaned_data["phrase"]
        folded = " ".join(folding.words(phrase))
        if not folded:
            raise ValidationError("Từ hoặc cụm từ phải có chữ hoặc số.", code="no_letters")
        listed = BlockedPhrase.objects.filter(folded=folded).exclude(pk=self.instance.pk).first()
        if listed is not None:
            raise ValidationError(
                "“%(listed)s” đã có trong danh sách từ bị chặn (không phân biệt dấu và chữ hoa).",
                code="duplicate",
                params={"listed": listed.phrase},
            )
        return phrase


class OfficeForm(forms.ModelForm):
    """An office answers are signed for. Its name is cleaned like typed text
    (spaces trimmed and single), and refused when it differs from a listed
    one only in case: two near-identical names would both be offered."""

    class Meta:
        model = Office
        fields = ["name", "active"]
        field_classes = {"name": PlainTextField}
        error_messages = {"name": _messages("tên đơn vị")}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = Office.objects.exclude(pk=self.instance.pk).values_list("name", flat=True)
        listed = next((other for other in others if other.casefold() == name.casefold()), None)
        if listed is not None:
            raise ValidationError(
                "“%(listed)s” đã có trong danh sách đơn vị.",
                code="duplicate",
                params={"listed": listed},
            )
        return name
