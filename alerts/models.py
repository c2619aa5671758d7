"""Readers' e-mail alerts: subscriptions to teams, keywords and kinds of article (confirmed by the
reader before anything is sent), the articles found newly live, and what was sent to whom.

Each article reaches a subscription at most once: ``AlertItem`` is unique per subscription and
article, and each item belongs to one ``Delivery`` (one e-mail: one article, or a digest of several).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from newsroom.models import Article
from research.models import Team


def new_token():
    return secrets.token_urlsafe(32)


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("As soon as it is published")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest (Mondays)")


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed by the reader and not unsubscribed: the only ones anything is sent to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency, default=Frequency.IMMEDIATE)
    teams = models.ManyToManyField(Team, blank=True, related_name="+", verbose_name=_("teams"))
    keywords = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name=_("keywords"))
    kinds = models.JSONField(_("kinds of article"), default=list, blank=True)
    # The secret of the unsubscribe link, and (signed with a time) of the confirmation link.
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True, editable=False)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True, editable=False)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subscription")
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return self.email

    def get_unsubscribe_url(self):
        return reverse("alerts:unsubscribe", args=[self.token])

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def is_digest(self):
        return self.frequency != Frequency.IMMEDIATE

    def matches(self, article, team_ids, keyword_ids):
        """Whether the article is news this reader asked for; with no topic chosen, all news is."""
        teams = {team.pk for team in self.teams.all()}
        keywords = {tag.pk for tag in self.keywords.all()}
        if not (teams or keywords or self.kinds):
            return True
        return bool(teams & team_ids or keywords & keyword_ids or article.kind in self.kinds)

    def topics(self):
        """What the reader follows, in words (in the current language)."""
        names = [team.acronym for team in self.teams.all()] + [tag.name for tag in self.keywords.all()]
        names += [str(Article.Kind(kind).label) for kind in self.kinds if kind in Article.Kind.values]
        return names


class AlertedArticle(models.Model):
    """That an article has been found live and handed to the alerts: it is handed over once."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("article"))
    found_at = models.DateTimeField(_("found at"), default=timezone.now)

    class Meta:
        verbose_name = _("alerted article")
        verbose_name_plural = _("alerted articles")

    def __str__(self):
        return f"{self.article_id} @ {self.found_at}"


class Delivery(models.Model):
    """One e-mail to one subscription: an article as soon as it is live, or a digest of several."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        RETRYING = "retrying", _("Failed, will be tried again")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")
        CANCELLED = "cancelled", _("Not sent (unsubscribed or no longer live)")

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("subscription")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("sending attempts"), default=0)
    error = models.TextField(_("last sending error"), blank=True)
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.subscription} — {self.get_status_display()}"


class AlertItem(models.Model):
    """One article for one subscription, made once when the article goes live; sent in one delivery
    (at once, or in the next digest while ``delivery`` is empty)."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="items", verbose_name=_("subscription")
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", verbose_name=_("article"))
    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, null=True, blank=True, related_name="items", verbose_name=_("delivery")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("alert item")
        verbose_name_plural = _("alert items")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["subscription", "article"], name="one_alert_per_article")]

    def __str__(self):
        return f"{self.subscription} ← {self.article_id}"
