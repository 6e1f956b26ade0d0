import secrets

from captcha import views as captcha_views
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from news.views import ArticleView

from .forms import CAPTCHA_KEY, CommentForm
from .moderation import comments_open
from .notifications import notify_moderators
from .throttling import client_ip, count_post

AWAITING_MODERATION = "Cảm ơn bạn! Bình luận đã được gửi và đang chờ ban biên tập duyệt."
CLOSED = "Bài viết đã đóng bình luận."
TOO_MANY = "Bạn đã gửi nhiều bình luận trong thời gian ngắn. Hãy thử lại sau khoảng {minutes} phút."


def comments_url(article):
    return article.get_absolute_url() + "#binh-luan"


class CommentPostView(ArticleView):
    """A reader's comment on a public article. Success redirects to the
    article (POST/redirect/GET); mistakes show the article page again with the
    form, its errors and a fresh captcha (200; 400 for tampering, 429
    over the rate limit).

    A GET goes to the article's form, which draws a new captcha: it is where
    "Lấy lại mã bảo mật" leads without JavaScript. (A link to the article page
    itself would not do: a link differing only by its #fragment from the page
    it is on scrolls, it does not reload.)"""

    def get_queryset(self):
        return super().get_queryset().published()

    def get(self, request, *args, **kwargs):
        # A query string of its own: the page is drawn afresh, with a new
        # captcha, not taken from the page cache or the browser's copy.
        article_url = reverse("news:article", kwargs={"slug": kwargs["slug"]})
        return redirect(f"{article_url}?ma-moi={secrets.token_hex(4)}#viet-binh-luan")

    def post(self, request, *args, **kwargs):
        self.object = article = self.get_object()
        if not comments_open(article):
            messages.error(request, CLOSED)
            return redirect(comments_url(article))
        form = CommentForm(
            request.POST,
            article=article,
            ip_address=client_ip(request),
            user_agent=request.headers.get("user-agent", ""),
        )
        if form.is_tampered():
            return self.show_form(form, status=400)
        if form.resubmission() is None:
            if not form.is_valid():
                return self.show_form(form)
            if minutes := count_post(request):
                form.add_error(None, TOO_MANY.format(minutes=minutes))
                return self.show_form(form, status=429)
            comment, created = form.save()
            if created:
                review = reverse("admin:comments_comment_change", args=[comment.pk])
                notify_moderators(comment, request.build_absolute_uri(review))
        messages.success(request, AWAITING_MODERATION)
        return redirect(comments_url(article))

    def show_form(self, form, status=200):
        context = self.get_context_data(object=self.object, comment_form=form)
        return self.render_to_response(context, status=status)


@never_cache
def captcha_image(request, key):
    """The captcha image of a form. The form carries only a random key; the
    challenge behind it is made here, when the reader's browser first asks
    for the image (an expired one is replaced), then drawn by
    django-simple-captcha."""
    if not CAPTCHA_KEY.fullmatch(key):
        raise Http404
    CaptchaStore.objects.filter(hashkey=key, expiration__lte=timezone.now()).delete()
    if not CaptchaStore.objects.filter(hashkey=key).exists():
        challenge, response = captcha_settings.get_challenge()()
        try:
            with transaction.atomic():
                CaptchaStore.objects.create(hashkey=key, challenge=challenge, response=response)
        except IntegrityError:
            pass  # the same image asked for twice at once: the other request made it
    return captcha_views.captcha_image(request, key)
