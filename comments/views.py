from captcha import views as captcha_views
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from news.models import Article
from news.views import ArticleView

from .forms import CAPTCHA_KEY, CommentForm, captcha_image_url, new_captcha_key
from .models import Comment
from .moderation import comments_open
from .notifications import notify_moderators
from .throttling import client_ip, count_captcha, count_post

AWAITING_MODERATION = "Cảm ơn bạn! Bình luận đã được gửi và đang chờ ban biên tập duyệt."
CLOSED = "Bài viết đã đóng bình luận."
TOO_MANY_CAPTCHAS = "Bạn đã lấy quá nhiều mã xác nhận. Hãy thử lại sau {minutes} phút."
TOO_MANY = "Bạn đã gửi nhiều bình luận trong thời gian ngắn. Hãy thử lại sau khoảng {minutes} phút."


def comments_url(article):
    return article.get_absolute_url() + "#binh-luan"


@method_decorator(csrf_exempt, name="dispatch")
class CommentPostView(ArticleView):
    """A reader's comment on a public article. Success redirects to the
    article (POST/redirect/GET); mistakes show the article page again with the
    form, its errors and a fresh captcha (200; 400 for tampering, 429 over
    the rate limit, 403 for a failed CSRF check).

    The article's page is shared by every reader, so its form carries no
    CSRF token and no captcha: comments.js fetches them (form_parts) when
    the reader starts writing. Without JavaScript they never arrive; such a
    post is answered like any other missing captcha, with the form, all that
    was typed, a captcha and a token. Only a post that carries a captcha key
    can store anything, and the CSRF check is made on those (it is skipped,
    not switched off: the view is exempt so that it can answer the first).

    A GET draws the same page with a new captcha: it is where "Lấy lại mã
    bảo mật" leads without JavaScript."""

    def get_queryset(self):
        return super().get_queryset().published()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.show_form(self.new_form())

    def post(self, request, *args, **kwargs):
        self.object = article = self.get_object()
        if not comments_open(article):
            messages.error(request, CLOSED)
            return redirect(comments_url(article))
        if request.POST.get("captcha_0"):
            refused = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
            if refused is not None:
                return refused
        form = self.new_form(request.POST)
        if form.is_tampered():
            return self.show_form(form, status=400)
        if form.resubmission() is None:
            if not form.is_valid():
                return self.show_form(form)
            if minutes := count_post(request):
                form.add_error(None, TOO_MANY.format(minutes=minutes))
                return self.show_form(form, status=429)
            comment, created = form.save()
            # Obvious spam went straight to Spam (comments.spam): nobody is
            # called to look at it. The reader is told the same either way.
            if created and comment.status == Comment.Status.PENDING:
                review = reverse("admin:comments_comment_change", args=[comment.pk])
                notify_moderators(comment, request.build_absolute_uri(review))
        messages.success(request, AWAITING_MODERATION)
        return redirect(comments_url(article))

    def new_form(self, data=None):
        return CommentForm(
            data,
            article=self.object,
            ip_address=client_ip(self.request),
            user_agent=self.request.headers.get("user-agent", ""),
        )

    def show_form(self, form, status=200):
        """The article page with this reader's form: their own CSRF token and
        captcha, so no cache may keep it."""
        context = self.get_context_data(object=self.object, comment_form=form)
        response = self.render_to_response(context, status=status)
        response.cache_public = False
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response


@never_cache
def form_parts(request, slug):
    """This reader's own parts of an article's comment form, as JSON: the
    CSRF token and a new captcha (its key and picture). Fetched by
    comments.js when the reader starts writing, and for "Lấy lại mã bảo
    mật"; never cached."""
    article = get_object_or_404(Article.objects.published().only("pk"), slug=slug)
    key = new_captcha_key()
    return JsonResponse(
        {
            "article": article.pk,
            "csrf_token": get_token(request),
            "captcha_key": key,
            "captcha_image": captcha_image_url(key),
        }
    )


@never_cache
def captcha_image(request, key):
    """The captcha image of a form. The form carries only a random key; the
    challenge behind it is made here, when the reader's browser first asks
    for the image (an expired one is replaced), then drawn by
    django-simple-captcha. Each new challenge is a database row, so an
    address asks for at most COMMENTS_CAPTCHA_RATE of them; past that the
    picture says when to try again (429)."""
    if not CAPTCHA_KEY.fullmatch(key):
        raise Http404
    CaptchaStore.objects.filter(hashkey=key, expiration__lte=timezone.now()).delete()
    if not CaptchaStore.objects.filter(hashkey=key).exists():
        if minutes := count_captcha(request):
            response = render(
                request,
                "comments/captcha_limited.svg",
                {"minutes": minutes},
                content_type="image/svg+xml; charset=utf-8",
                status=429,
            )
            response["Retry-After"] = str(minutes * 60)
            return response
        challenge, response = captcha_settings.get_challenge()()
        try:
            with transaction.atomic():
                CaptchaStore.objects.create(hashkey=key, challenge=challenge, response=response)
        except IntegrityError:
            pass  # the same image asked for twice at once: the other request made it
    return captcha_views.captcha_image(request, key)


@never_cache
def captcha_refresh(request):
    """django-simple-captcha's refresh (/captcha/refresh/, for scripts), which
    stores a new challenge per request: bounded as captcha_image is."""
    # Anything else is answered 404 by the library's view without a row.
    by_script = request.headers.get("x-requested-with") == "XMLHttpRequest"
    if by_script and (minutes := count_captcha(request)):
        message = TOO_MANY_CAPTCHAS.format(minutes=minutes)
        response = JsonResponse({"error": message}, status=429)
        response["Retry-After"] = str(minutes * 60)
        return response
    return captcha_views.captcha_refresh(request)
