from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from news.views import ArticleView

from .forms import CommentForm
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
        article_url = reverse("news:article", kwargs={"slug": kwargs["slug"]})
        return redirect(article_url + "#viet-binh-luan")

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
