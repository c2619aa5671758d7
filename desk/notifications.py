"""Who is told what, and how: the recipients of each kind of notification, its text in each
recipient's language, and the hooks that start it (the workflow's listeners, the end of an import,
a comment, the expiry check). The work itself runs in the background tasks of ``desk.tasks``.

Nobody is told about an article they may not see, nor about what they did themselves.
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core.publishing import Action, Status
from research.models import Membership, Team

from .models import DeskProfile, ExpiryNotice, Kind, Notification

KIND_OF_ACTION = {
    Action.SUBMITTED: Kind.SUBMITTED,
    Action.CHANGES_SUBMITTED: Kind.SUBMITTED,
    Action.SENT_BACK: Kind.SENT_BACK,
    Action.PUBLISHED: Kind.PUBLISHED,
    Action.CHANGES_PUBLISHED: Kind.PUBLISHED,
    Action.SCHEDULED: Kind.SCHEDULED,
    Action.UNPUBLISHED: Kind.UNPUBLISHED,
}

SUBJECTS = {
    Kind.SUBMITTED: _("Submitted for review: “%(title)s”"),
    Kind.SENT_BACK: _("Sent back to you: “%(title)s”"),
    Kind.PUBLISHED: _("Published: “%(title)s”"),
    Kind.SCHEDULED: _("Scheduled: “%(title)s”"),
    Kind.UNPUBLISHED: _("Unpublished: “%(title)s”"),
    Kind.EXPIRED: _("Expired, now off the site: “%(title)s”"),
    Kind.COMMENT: _("New review comment on “%(title)s”"),
    Kind.IMPORT_DONE: _("Your import of “%(title)s” is done"),
    Kind.IMPORT_FAILED: _("Your import of “%(title)s” failed"),
    Kind.MEDIA_REQUEST: _("Media request for %(title)s"),
}

# An expiry older than this when the check first runs is not announced (no flood after an upgrade).
EXPIRY_LOOKBACK = timedelta(days=2)


# Who may be told ---------------------------------------------------------------------------------


def may_see(user, article):
    """Staff who may open this article in the admin: every team's staff, or a researcher of its teams."""
    if not (user.is_active and user.is_staff and user.has_perm("newsroom.view_article")):
        return False
    if user.has_perm("research.work_on_all_teams"):
        return True
    return article.teams.filter(pk__in=Team.objects.editable_by(user).values("pk")).exists()


def editors():
    publish = Permission.objects.get(content_type__app_label="newsroom", codename="publish_article")
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(is_superuser=True) | Q(user_permissions=publish) | Q(groups__permissions=publish)).distinct()


def team_leaders(article):
    return get_user_model().objects.filter(
        person__memberships__team__in=article.teams.all(),
        person__memberships__role__in=[Membership.Role.LEADER, Membership.Role.CO_LEADER],
        person__memberships__ended_on__isnull=True,
    )


def article_recipients(kind, article):
    """Everyone a change of this kind concerns, before the visibility check."""
    if kind == Kind.SUBMITTED:
        everyone = list(editors())
        return [user for user in everyone if article.editable_by(user)] or everyone
    if kind == Kind.SENT_BACK:
        return list(article.authors.all())
    return [*article.authors.all(), *team_leaders(article)]


# Making notifications --------------------------------------------------------------------------


def absolute(url):
    return settings.NEWSROOM_SITE_URL.rstrip("/") + url


def notify(users, kind, *, title, url, actor=None, article=None, comment="", details=""):
    """One notification per user, in their language; e-mails are queued for those who want them."""
    from .tasks import send_email

    seen = set()
    for user in users:
        if user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        if article is not None and not may_see(user, article):
            continue
        seen.add(user.pk)
        profile = DeskProfile.of(user)
        with translation.override(profile.language):
            subject = str(SUBJECTS[kind] % {"title": title})
            context = {"kind": kind, "subject": subject, "actor": actor, "comment": comment, "details": details}
            body = render_to_string("desk/notifications/message.txt", {**context, "url": absolute(url)})
        if not profile.wants_email(kind):
            delivery = Notification.Delivery.INBOX_ONLY
        elif not user.email:
            delivery = Notification.Delivery.NO_ADDRESS
        else:
            delivery = Notification.Delivery.PENDING
        notification = Notification.objects.create(
            recipient=user, kind=kind, article=article, subject=subject[:300], body=body, url=url, delivery=delivery
        )
        if delivery == Notification.Delivery.PENDING:  # the task row is written in the same transaction
            send_email.enqueue(notification.pk)
    return seen


def announce_article(kind, article, actor=None, comment=""):
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    return notify(
        article_recipients(kind, article),
        kind,
        title=article.title,
        url=url,
        actor=actor,
        article=article,
        comment=comment,
    )


def announce_comment(comment):
    article = comment.article
    url = reverse("admin:newsroom_article_change", args=[article.pk]) + "#review-comments"
    return notify(
        comment.participants(),
        Kind.COMMENT,
        title=article.title,
        url=url,
        actor=comment.author,
        article=article,
        comment=comment.text,
        details=comment.quote,
    )


def announce_import(job):
    done = job.status == job.Status.DONE
    summary = _("%(created)s created, %(updated)s updated, %(skipped)s skipped.") % {
        "created": job.created_count,
        "updated": job.updated_count,
        "skipped": job.skipped_count,
    }
    return notify(
        [job.user],
        Kind.IMPORT_DONE if done else Kind.IMPORT_FAILED,
        title=job.filename,
        url=reverse("admin:research_publication_import", args=[job.pk]),
        comment=job.error,
        details=str(summary) if done else "",
    )


def announce_media_request(media_request):
    """Every editor is told of a journalist's request, with the journalist's details to answer it."""
    details = "\n".join(
        line
        for line in (
            f"{media_request.name}, {media_request.outlet}",
            media_request.email,
            media_request.phone,
            str(_("Deadline: %(deadline)s") % {"deadline": media_request.deadline}) if media_request.deadline else "",
        )
        if line
    )
    return notify(
        editors(),
        Kind.MEDIA_REQUEST,
        title=media_request.expert_name,
        url=reverse("admin:desk_mediarequest_change", args=[media_request.pk]),
        comment=media_request.message,
        details=details,
    )


def announce_due_expiries(now=None):
    """Announce, once each, the articles whose expiry time has just passed; returns how many."""
    from newsroom.models import Article

    from .tasks import announce_article_task

    now = now or timezone.now()
    expired = Article.objects.not_trashed().filter(
        status=Status.PUBLISHED, expire_at__lte=now, expire_at__gt=now - EXPIRY_LOOKBACK
    )
    count = 0
    for article in expired:
        with transaction.atomic():  # the notice and its task row together, or neither
            _, created = ExpiryNotice.objects.get_or_create(article=article, expire_at=article.expire_at)
            if created:
                announce_article_task.enqueue(Kind.EXPIRED, article.pk)
                count += 1
    return count


# Hooks ---------------------------------------------------------------------------------------------


def transition_done(item, user, action, comment=""):
    """The workflow's listener (registered in ``DeskConfig.ready``): queue the announcement."""
    from .tasks import announce_article_task

    kind = KIND_OF_ACTION.get(action)
    if kind is not None and item._meta.label == "newsroom.Article":
        announce_article_task.enqueue(kind, item.pk, user.pk if user else None, comment)


def import_done(sender, job, **kwargs):
    from .tasks import announce_import_task

    announce_import_task.enqueue(job.pk)


def comment_posted(comment):
    from .tasks import announce_comment_task

    transaction.on_commit(partial(announce_comment_task.enqueue, comment.pk))
