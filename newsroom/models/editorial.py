"""The trash, the audit log and shared preview links of articles."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.publishing import Action

from .articles import Article

User = get_user_model()

PREVIEW_SALT = "newsroom.preview-link"


class TrashedArticle(Article):
    """The trash, listed on its own in the admin so that editors can restore or purge."""

    class Meta:
        proxy = True
        verbose_name = _("article in the trash")
        verbose_name_plural = _("trash")


class EditorialEvent(models.Model):
    """The audit log: who did what to which article, and when. Kept when the article is purged."""

    Action = Action

    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("article")
    )
    article_title = models.CharField(_("article title"), max_length=255)
    action = models.CharField(_("action"), max_length=20, choices=Action)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("user")
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name_plural = _("editorial events")
        ordering = ["-created_at", "-pk"]
        verbose_name = _("editorial event")

    def __str__(self):
        return f"{self.get_action_display()}: {self.article_title}"


class PreviewLink(models.Model):
    """A signed link that shows one revision of an article to someone without an account."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="preview_links", verbose_name=_("article")
    )
    # The revision shown: later edits do not leak to whoever holds the link.
    version = models.ForeignKey(
        "reversion.Version", on_delete=models.CASCADE, related_name="+", verbose_name=_("version")
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Who the link is for, e.g. “Dr. Samain, proofreading”.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Preview of “%s”") % self.article

    def get_absolute_url(self):
        return reverse("newsroom:preview-link", args=[self.token])

    @property
    def token(self):
        return signing.dumps(self.pk, salt=PREVIEW_SALT)

    @classmethod
    def from_token(cls, token):
        """The link a token names; raises BadSignature when it was not made here, DoesNotExist when gone."""
        return cls.objects.select_related("article", "version").get(pk=signing.loads(token, salt=PREVIEW_SALT))

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def withdrawn_at(self):
        """When the link stopped working other than by expiring: revoked, or its article trashed."""
        return self.revoked_at or self.article.deleted_at

    @property
    def is_usable(self):
        return self.withdrawn_at is None and not self.is_expired
