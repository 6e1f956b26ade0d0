import contextlib
import logging
import mimetypes
import time

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView

from comments.throttling import client_network

from . import body_images, caching, counters, search
from .forms import SearchForm
from .models import Article, ArticleSlug, Category, Tag
from .paginators import SearchPaginator, TaggedCountPaginator
from .storage import originals_storage
from .text import MAX_WORDS
from .validators import validate_image_file

logger = logging.getLogger(__name__)


class PublicPageMixin:
    """Pages every anonymous reader sees alike: marked public, with the cache
    tag of what they list (news/caching.py); the templates add the tags of
    the articles they draw."""

    # Each view defines cache_tag(): the tag of what its page lists.
    # False for a page drawn from unsaved data (ArticlePreview): every part
    # of it is drawn afresh, none read from or kept in the cache.
    fragment_cache = True

    def get_context_data(self, **kwargs):
        if self.fragment_cache:
            # The versions of the tags its parts are kept under, in one round
            # trip to the cache (every page has the menu; home keys the lists).
            caching.versions([self.cache_tag(), "home", caching.MENU], self.request)
        return super().get_context_data(
            list_tag=self.cache_tag(), fragment_cache=self.fragment_cache, **kwargs
        )

    def render_to_response(self, context, **kwargs):
        return caching.public(super().render_to_response(context, **kwargs), self.cache_tag())


class PublicArticlesMixin(PublicPageMixin):
    """Lists of public articles with what their cards show, page by page."""

    page_kwarg = "trang"

    def get_paginate_by(self, queryset):
        return settings.NEWS_PAGE_SIZE

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get_paginator(self, queryset, per_page, **kwargs):
        return TaggedCountPaginator(
            queryset, per_page, tag=self.cache_tag(), request=self.request, **kwargs
        )


class HomeView(PublicArticlesMixin, ListView):
    template_name = "news/home.html"

    def cache_tag(self):
        return "home"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            # Lazy: not asked for while the blocks are in the fragment cache.
            context["category_blocks"] = SimpleLazyObject(
                lambda: Article.objects.latest_by_category(per_category=4)
            )
        return context


class CategoryView(PublicArticlesMixin, ListView):
    template_name = "news/category.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def cache_tag(self):
        return caching.category_tag(self.category.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category, current_category_slug=self.category.slug, **kwargs
        )


class TagView(PublicArticlesMixin, ListView):
    template_name = "news/tag.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tags=self.tag)

    def cache_tag(self):
        return caching.tag_tag(self.tag.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


_categories = (None, [])


def category_choices(request):
    """Every category as (slug, name), in the menu's order, for the search
    form's list. Each process reads them once for each version of the menu
    tag, which any change of a category renews (as news.portal.current
    keeps the identity): one query less on every search."""
    global _categories
    version, renewed = caching.versions([caching.MENU], request)[caching.MENU]
    remembered, choices = _categories
    if remembered != version:
        choices = list(Category.objects.values_list("slug", "name"))
        # Read after the change that made this version: it may be kept.
        started = getattr(request, "cache_started", None) or time.time()
        if renewed < started - caching.CLOCK_MARGIN:
            _categories = (version, choices)
    return choices


class SearchView(PublicArticlesMixin, ListView):
    """Search over public articles. Whatever a reader types gets a page:
    results, a hint, or the form's Vietnamese error messages."""

    template_name = "news/search.html"
    paginator_class = SearchPaginator

    def cache_tag(self):
        # Many readers search for the same thing at once (a storm, a road
        # closure): result pages are public, and any article change purges them.
        return "search"

    def get_paginator(self, queryset, per_page, **kwargs):
        # Counted up to a limit instead (a count per query would not be reused).
        return self.paginator_class(queryset, per_page, matches=self.matches, **kwargs)

    def get(self, request, *args, **kwargs):
        # The page's tags in one round trip to the cache, the menu's first
        # needed here (get_context_data asks again, and is answered at once).
        caching.versions([self.cache_tag(), "home", caching.MENU], request)
        self.form = SearchForm(request.GET or None, categories=category_choices(request))
        self.matches = self.form.matches() if self.searched() else None
        return super().get(request, *args, **kwargs)

    def searched(self):
        """Whether the reader asked for something the form can search for."""
        return self.form.is_bound and self.form.is_valid() and self.form.has_criteria()

    def get_queryset(self):
        form = self.form
        if not self.searched():
            return Article.objects.none()
        if self.matches is None:
            return search.with_passage(form.filter(self.searchable()))
        if form.cleaned_data["sap_xep"] == form.NEWEST:
            # The page is read by the index alone (SearchPaginator.page): an
            # ORM query built here went unused, and cost a fiftieth of a page.
            return Article.objects.none()
        # The index names the matches (news.search.Matches, filters included)
        # and the paginator reads only those: no need to test them again.
        return search.with_passage(form.order(self.searchable()))

    @staticmethod
    def searchable():
        """Public articles with what a result shows: its title, date,
        category and the plain-text passage the index keeps (no body,
        photos, author or comment count to fetch)."""
        shown = ("title", "slug", "published_at", "category__name", "category__slug")
        return Article.objects.published().select_related("category").only(*shown)

    def paginate_queryset(self, queryset, page_size):
        # A page number out of range shows the nearest page, not a 404: the
        # first for 0 or less (Paginator.get_page would show the last).
        paginator = self.get_paginator(queryset, page_size)
        number = self.request.GET.get(self.page_kwarg)
        with contextlib.suppress(TypeError, ValueError):
            number = max(1, int(number))
        page = paginator.get_page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        searched = self.searched()
        context = super().get_context_data(
            form=self.form,
            searched=searched,
            query=self.form.query if searched else None,
            max_words=MAX_WORDS,
            **kwargs,
        )
        context["results"] = (
            search.results(context["object_list"], self.form.query) if searched else []
        )
        return context


def can_preview(user):
    """Whether `user` belongs to the newsroom (not every staff account:
    moderators see comments only), whose reads are not counted."""
    return user.has_perm("news.view_article")


def visible_to(user, articles):
    """The articles `user` may open on the site: the public ones; every
    unpublished one for the editors who review them; a reporter's own."""
    if user.has_perm("news.review_article"):
        return articles
    if can_preview(user):
        return articles.published() | articles.filter(created_by=user.pk)
    return articles.published()


class ArticleView(PublicPageMixin, DetailView):
    """An article page. Editors may preview drafts and scheduled articles,
    a reporter their own (visible_to); for everyone else those do not exist. A former slug redirects
    permanently. Reads are counted by the page's beacon (news.views.read)."""

    template_name = "news/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # Photos and tags are fetched by the template (Article.load_media),
        # only when it draws them rather than taking them from the cache.
        articles = Article.objects.select_related("category", "author")
        return visible_to(self.request.user, articles)

    def cache_tag(self):
        return caching.article_tag(self.object.pk)

    def get(self, request, *args, **kwargs):
        try:
            self.object = self.get_object()
        except Http404:
            old = ArticleSlug.objects.filter(slug=kwargs["slug"]).select_related("article")
            old = old.first()
            if old and visible_to(request.user, Article.objects.filter(pk=old.article_id)).exists():
                return redirect(old.article, permanent=True)
            raise
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_public:
            add_never_cache_headers(response)
            response.cache_public = False
        return response

    def get_context_data(self, **kwargs):
        article = self.object
        count = settings.NEWS_RELATED_COUNT

        def public():
            return (
                Article.objects.published()
                .with_comment_count()
                .only("title", "slug", "view_count", "published_at")
            )

        # Lazy: while the part of the page that lists them is in the
        # fragment cache, their queries are neither run nor even built
        # (building them was a quarter of an article drawn from fragments).
        kwargs["newer_articles"] = SimpleLazyObject(
            lambda: list(public().newer_than(article)[:count])[::-1]
        )
        kwargs["older_articles"] = SimpleLazyObject(
            lambda: list(public().older_than(article)[:count])
        )
        kwargs["is_preview"] = not article.is_public
        # Reads by readers are counted, not the newsroom's previews and checks.
        kwargs["counts_reads"] = article.is_public and not can_preview(self.request.user)
        kwargs["current_category_slug"] = article.category.slug
        return super().get_context_data(**kwargs)


class ArticlePreview(ArticleView):
    """The page of an article as typed in the admin, not saved (news.
    admin_preview): what readers would see, under a banner saying so. Drawn
    afresh, never cached or indexed. Without the comment section: its form
    would post to the saved article (a new one has none), and a preview
    must not take comments."""

    template_name = "news/article_preview.html"
    fragment_cache = False

    @classmethod
    def response(cls, request, article):
        """The preview of `article`, an unsaved instance with its photos and
        tags already in its prefetch cache."""
        view = cls()
        view.setup(request, slug=article.slug)
        view.object = article
        response = TemplateResponse(
            request, cls.template_name, view.get_context_data(object=article)
        )
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response


@csrf_exempt
@require_POST
def read(request, pk):
    """A read of an article, reported by its page once shown (static/js/
    reads.js): pages come from a shared cache that Django never sees, so
    reads are counted here, once per reader and article within
    NEWS_READ_WINDOW_SECONDS; no address is stored (news/counters.py).
    Unknown articles are dropped when the tally is written. Exempt from
    CSRF: it changes nothing but a count, and a page served from the cache
    carries no token. The answer is the same whether the read counted."""
    counters.record_read(pk, client_network(request))
    response = HttpResponse(status=204)
    add_never_cache_headers(response)
    return response


STORAGE_FAILED = (
    "Máy chủ chưa lưu được ảnh (ổ đĩa đầy hoặc thư mục ảnh không cho ghi). "
    "Hãy thử lại sau ít phút; nếu vẫn lỗi, hãy báo bộ phận kỹ thuật."
)


@staff_member_required
@require_POST
def editor_upload(request):
    """Image upload for CKEditor 5 in the admin: for those who write articles,
    with the same checks as article photos. The original, stripped of its
    metadata and under a random name, is kept privately; the body gets the
    address of a rendition (news/body_images.py), so no file other than an
    image made here (an .html, say) can be placed under the site's domain.
    Answers in the JSON shape CKEditor expects, with a 503 and a message when
    the file cannot be stored."""
    if not (
        request.user.has_perm("news.add_article") or request.user.has_perm("news.change_article")
    ):
        return JsonResponse(
            {"error": {"message": "Bạn không có quyền tải ảnh lên bài viết."}}, status=403
        )
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": "Chưa chọn tệp ảnh."}}, status=400)
    try:
        image_format = validate_image_file(upload)
    except ValidationError as exc:
        return JsonResponse({"error": {"message": " ".join(exc.messages)}}, status=400)
    try:
        url = body_images.store(upload, image_format)
    except OSError:
        # Disk full or media directory not writable: what was written is gone.
        logger.exception("Could not store an editor upload")
        return JsonResponse({"error": {"message": STORAGE_FAILED}}, status=503)
    return JsonResponse({"url": url})


@staff_member_required
def original(request, name):
    """An uploaded original, for the newsroom only (the admin links a photo's
    file here). Readers never get originals: only renditions are public."""
    if not (
        request.user.has_perm("news.add_article") or request.user.has_perm("news.change_article")
    ):
        raise PermissionDenied
    if ".." in name.split("/") or not name.startswith(("photos/", "uploads/")):
        raise Http404
    try:
        file = originals_storage.open(name)
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(file, content_type=mimetypes.guess_type(name)[0])
    response["Content-Security-Policy"] = "default-src 'none'"
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
