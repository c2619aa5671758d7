"""Review comments from the article's change page: post a comment or a reply, resolve a thread.

There is no list of comments of its own: they are read in the panel of each article (the panel is
``{% review_comments original %}`` of ``desk_comments``). Each POST checks the right to edit that
article again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from .. import notifications
from ..models import ReviewComment
from ..templatetags.desk_comments import paragraphs


def current_revision_id(article):
    version = Version.objects.get_for_object(article).only("revision_id").first()
    return version.revision_id if version else None


class CommentPagesMixin:
    """The comment pages, under the inbox's admin (comments have no list of their own)."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("comments/<int:object_id>/post/", view(self.post_view), name="desk_reviewcomment_post"),
            path("comments/<int:pk>/resolve/", view(self.resolve_view), name="desk_reviewcomment_resolve"),
            *super().get_urls(),
        ]

    def editable_article(self, request, article_id):
        from newsroom.models import Article

        article = get_object_or_404(Article.objects.not_trashed(), pk=article_id)
        if not article.editable_by(request.user):
            raise PermissionDenied
        return article

    def back(self, article):
        return redirect(reverse("admin:newsroom_article_change", args=[article.pk]) + "#review-comments")

    def post_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.editable_article(request, object_id)
        text = request.POST.get("text", "").strip()
        if not text:
            messages.error(request, _("Write a comment before posting it."))
            return self.back(article)
        parent = None
        if request.POST.get("parent"):
            parent = article.review_comments.filter(pk=request.POST["parent"], parent__isnull=True).first()
            if parent is None:
                messages.error(request, _("That comment is no longer there to reply to."))
                return self.back(article)
        index, quote = self.paragraph(article, request.POST.get("paragraph", ""))
        comment = ReviewComment.objects.create(
            article=article,
            parent=parent,
            author=request.user,
            text=text[:5000],
            paragraph=index if parent is None else None,
            quote=quote if parent is None else "",
            revision_id=current_revision_id(article),
        )
        notifications.comment_posted(comment)
        messages.success(request, _("Your comment is posted."))
        return self.back(article)

    def paragraph(self, article, value):
        texts = paragraphs(article.body)
        if value.isdigit() and int(value) < len(texts):
            return int(value), texts[int(value)][:500]
        return None, ""

    def resolve_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment = get_object_or_404(ReviewComment, pk=pk, parent__isnull=True)
        article = self.editable_article(request, comment.article_id)
        ReviewComment.objects.filter(pk=pk, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=request.user
        )
        messages.success(request, _("The thread is resolved."))
        return self.back(article)
