"""Review comments on a draft: on the whole article or on one paragraph, with replies; a thread is
resolved as a whole. Each comment keeps the revision of the article it was written on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewCommentQuerySet(models.QuerySet):
    def threads(self):
        """The first comments of open threads, oldest first, with their replies and authors."""
        return (
            self.filter(parent__isnull=True, resolved_at__isnull=True)
            .select_related("author")
            .prefetch_related(models.Prefetch("replies", queryset=ReviewComment.objects.select_related("author")))
            .order_by("created_at", "pk")
        )


class ReviewComment(models.Model):
    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="review_comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies", verbose_name=_("reply to")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    paragraph = models.PositiveIntegerField(_("paragraph"), null=True, blank=True)
    quote = models.TextField(_("quoted text"), blank=True)
    # The django-reversion revision of the article the comment was written on (none if unsaved yet).
    revision_id = models.PositiveIntegerField(_("revision"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )

    objects = ReviewCommentQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "pk"]
        verbose_name = _("review comment")

    def __str__(self):
        return self.text[:60]

    @property
    def thread(self):
        return self.parent or self

    def participants(self):
        """Everyone who wrote in this comment's thread."""
        root = self.thread
        ids = {root.author_id, *root.replies.values_list("author_id", flat=True)} - {None}
        return type(self.author).objects.filter(pk__in=ids)
