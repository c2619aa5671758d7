"""What the alerts send, and when: newly live articles matched to subscriptions, each once; digests
when their time has come; the e-mails themselves, in the reader's language, with one-click
unsubscribe (RFC 8058). The e-mails are sent by the background tasks of ``alerts.tasks``.

An article is alerted when it becomes live, whether published at once (the workflow's listener) or
at a scheduled time that has passed (``queue_new_articles``, run every minute or so by
``manage.py send_alerts``). Articles that went live longer ago than ``NEW_ARTICLE_LOOKBACK`` when
first seen are not alerted, so no flood follows an installation or an outage.
"""

import email.policy
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.publishing import Action
from newsroom.models import Article, SiteSettings

from .models import AlertedArticle, AlertItem, Delivery, Frequency, Subscription

NEW_ARTICLE_LOOKBACK = timedelta(days=2)


def absolute(url):
    return settings.NEWSROOM_SITE_URL.rstrip("/") + url


# Finding what to send ------------------------------------------------------------------------------


def queue_new_articles():
    """Hand each newly live article to the alerts once; returns how many were handed over."""
    from .tasks import alert_article_task

    new = (
        Article.objects.live()
        .filter(publish_at__gt=timezone.now() - NEW_ARTICLE_LOOKBACK)
        .exclude(pk__in=AlertedArticle.objects.values("article"))
    )
    count = 0
    for article in new.only("pk"):
        with transaction.atomic():  # the record and its task row together, or neither
            _record, created = AlertedArticle.objects.get_or_create(article=article)
            if created:
                alert_article_task.enqueue(article.pk)
                count += 1
    return count


def translation_group(article):
    group = article.translation_group_id
    return Article.objects.live().filter(Q(pk=group) | Q(translation_of_id=group))


def alert_article(article_id):
    """Make the article's items for the subscriptions that want it; send the immediate ones."""
    from .tasks import send_delivery

    article = Article.objects.live().prefetch_related("teams", "keywords").filter(pk=article_id).first()
    if article is None:  # no longer live: it is alerted if it becomes live again
        AlertedArticle.objects.filter(article_id=article_id).delete()
        return 0
    team_ids = {team.pk for team in article.teams.all()}
    keyword_ids = {tag.pk for tag in article.keywords.all()}
    versions = {version.language: version for version in translation_group(article)}
    made = 0
    subscriptions = Subscription.objects.active().prefetch_related("teams", "keywords")
    for subscription in subscriptions:
        if not subscription.matches(article, team_ids, keyword_ids):
            continue
        with transaction.atomic():
            # One alert per news item, in the reader's language when it has that translation.
            if AlertItem.objects.filter(subscription=subscription, article__in=versions.values()).exists():
                continue
            chosen = versions.get(subscription.language, article)
            item = AlertItem.objects.create(subscription=subscription, article=chosen)
            made += 1
            if not subscription.is_digest:
                item.delivery = Delivery.objects.create(subscription=subscription)
                item.save(update_fields=["delivery"])
                send_delivery.enqueue(item.delivery.pk)
    return made


def digest_due_since(frequency, now):
    """The latest time a digest of this frequency was due: today's (or yesterday's) digest hour,
    on a Monday for weekly digests, in the institute's time zone."""
    local = timezone.localtime(now)
    slot = local.replace(hour=settings.ALERT_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if slot > local:
        slot -= timedelta(days=1)
    if frequency == Frequency.WEEKLY:
        slot -= timedelta(days=slot.weekday())
    return slot


def queue_due_digests(now=None):
    """Send each digest subscription whose digest is due its waiting articles, in one e-mail."""
    from .tasks import send_delivery

    now = now or timezone.now()
    waiting = Subscription.objects.active().filter(
        frequency__in=[Frequency.DAILY, Frequency.WEEKLY], items__delivery__isnull=True
    )
    count = 0
    for subscription in waiting.distinct():
        if (subscription.last_digest_at or subscription.confirmed_at) >= digest_due_since(subscription.frequency, now):
            continue
        with transaction.atomic():
            delivery = Delivery.objects.create(subscription=subscription)
            # Items taken by a concurrent run are not taken twice: the update claims them.
            if not subscription.items.filter(delivery__isnull=True).update(delivery=delivery):
                delivery.delete()
                continue
            Subscription.objects.filter(pk=subscription.pk).update(last_digest_at=now)
            send_delivery.enqueue(delivery.pk)
            count += 1
    return count


def transition_done(item, user, action, comment=""):
    """The workflow's listener: an article published now is alerted without waiting for the timer."""
    from .tasks import queue_new_articles_task

    if action == Action.PUBLISHED and item._meta.label == "newsroom.Article" and item.is_live:
        queue_new_articles_task.enqueue()


# The e-mails -------------------------------------------------------------------------------------


class AlertEmail(EmailMessage):
    """An e-mail whose headers are folded only past RFC 5322's limit: Python's mail package would
    otherwise write a long unsubscribe address as encoded words, which mail clients do not read as
    a List-Unsubscribe address (RFC 2369 wants it as it is)."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def unsubscribe_headers(subscription):
    url = absolute(subscription.get_unsubscribe_url())
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def confirmation_message(subscription, confirm_url):
    site = SiteSettings.load()
    with translation.override(subscription.language):
        subject = _("Confirm your e-mail alerts from %(institute)s") % {"institute": site.institute_name}
        context = {"subscription": subscription, "site": site, "confirm_url": absolute(confirm_url)}
        body = render_to_string("alerts/email/confirm.txt", context)
    return EmailMessage(subject, body, to=[subscription.email])


def alert_message(delivery, articles):
    subscription, site = delivery.subscription, SiteSettings.load()
    with translation.override(subscription.language):
        if subscription.is_digest:
            subject = ngettext(
                "%(institute)s: %(count)d new article", "%(institute)s: %(count)d new articles", len(articles)
            ) % {"institute": site.institute_name, "count": len(articles)}
        else:
            subject = f"{site.institute_name}: {articles[0].title}"
        context = {
            "subscription": subscription,
            "site": site,
            "articles": [(article, absolute(article.get_absolute_url())) for article in articles],
            "unsubscribe_url": absolute(subscription.get_unsubscribe_url()),
            "subscribe_url": absolute(reverse("alerts:subscribe")),
        }
        body = render_to_string("alerts/email/alert.txt", context)
    return AlertEmail(subject, body, to=[subscription.email], headers=unsubscribe_headers(subscription))
