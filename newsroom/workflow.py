"""The editorial workflow: one function per transition.

Each checks the user's permission on that article, changes it, keeps a revision and writes an
audit entry, all in one transaction. A refused transition raises ``PermissionDenied`` (a 403 in
the admin) or ``WorkflowError`` (shown to the user as a message).
"""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from research.models import Team

from .models import Article, EditorialEvent

Status = Article.Status
Action = EditorialEvent.Action


class WorkflowError(Exception):
    """A transition that does not apply to the article as it is (e.g. publishing a trashed one)."""


def may_edit(user, article):
    """Whether the user may change this article at all: staff of every team, or one of its teams."""
    if not user.has_perm("newsroom.change_article"):
        return False
    if user.has_perm("research.work_on_all_teams"):
        return True
    return article.teams.filter(pk__in=Team.objects.editable_by(user).values("pk")).exists()


def may_publish(user, article):
    return user.has_perm("newsroom.publish_article") and may_edit(user, article)


def allowed_transitions(user, article):
    """The names of the transitions this user may apply to this article now, for the buttons."""
    if article.is_trashed:
        return [name for name in ("restore", "purge") if user.has_perm(f"newsroom.{name}_article")]
    names = []
    if may_edit(user, article) and article.status in (Status.DRAFT, Status.UNPUBLISHED):
        names.append("submit")
    if may_publish(user, article):
        if article.status != Status.PUBLISHED or article.is_scheduled:
            names += ["publish", "schedule"]
        if article.status == Status.IN_REVIEW:
            names.append("send_back")
        if article.status == Status.PUBLISHED:
            names.append("unpublish")
    return names


def record(article, user, action, comment=""):
    return EditorialEvent.objects.create(
        article=article, article_title=article.title, action=action, user=user, comment=comment
    )


def _apply(article, user, action, comment="", **changes):
    with transaction.atomic(), reversion.create_revision():
        for field, value in changes.items():
            setattr(article, field, value)
        article.save()
        reversion.set_user(user)
        reversion.set_comment(f"{action.label}. {comment}".strip())
        record(article, user, action, comment)
    return article


def _check(allowed, article):
    if not allowed:
        raise PermissionDenied
    if article.is_trashed:
        raise WorkflowError("This article is in the trash; restore it first.")


def submit(article, user):
    _check(may_edit(user, article), article)
    if article.status not in (Status.DRAFT, Status.UNPUBLISHED):
        raise WorkflowError("Only a draft or an unpublished article can be submitted for review.")
    return _apply(article, user, Action.SUBMITTED, status=Status.IN_REVIEW)


def publish(article, user):
    """Publish now."""
    _check(may_publish(user, article), article)
    return _apply(article, user, Action.PUBLISHED, status=Status.PUBLISHED, publish_at=timezone.now())


def schedule(article, user, publish_at):
    """Publish at a future time; the article goes live by itself then, because live() asks the clock."""
    _check(may_publish(user, article), article)
    if publish_at <= timezone.now():
        raise WorkflowError("A schedule needs a time in the future; to publish now, use “Publish now”.")
    if article.expire_at and article.expire_at <= publish_at:
        raise WorkflowError("The article would expire before it goes live; change its expiry time first.")
    when = timezone.localtime(publish_at).strftime("%d %b %Y %H:%M %Z")
    return _apply(article, user, Action.SCHEDULED, f"Goes live {when}.", status=Status.PUBLISHED, publish_at=publish_at)


def send_back(article, user, comment):
    _check(may_publish(user, article), article)
    if article.status != Status.IN_REVIEW:
        raise WorkflowError("Only an article in review can be sent back.")
    if not comment.strip():
        raise WorkflowError("Say what should change: a comment is needed to send an article back.")
    return _apply(article, user, Action.SENT_BACK, comment.strip(), status=Status.DRAFT)


def unpublish(article, user):
    _check(may_publish(user, article), article)
    if article.status != Status.PUBLISHED:
        raise WorkflowError("Only a published or scheduled article can be unpublished.")
    return _apply(article, user, Action.UNPUBLISHED, status=Status.UNPUBLISHED)


def trash(article, user):
    """Deleting an article moves it to the trash: off the public site at once, and recoverable."""
    if not (user.has_perm("newsroom.delete_article") and may_edit(user, article)):
        raise PermissionDenied
    if article.is_trashed:
        return article
    return _apply(article, user, Action.TRASHED, deleted_at=timezone.now(), deleted_by=user)


def restore(article, user):
    if not user.has_perm("newsroom.restore_article"):
        raise PermissionDenied
    if not article.is_trashed:
        raise WorkflowError("This article is not in the trash.")
    return _apply(article, user, Action.RESTORED, deleted_at=None, deleted_by=None)


def purge(article, user):
    """Delete for good. Only from the trash, so that a purge is always a second, deliberate step."""
    if not user.has_perm("newsroom.purge_article"):
        raise PermissionDenied
    if not article.is_trashed:
        raise WorkflowError("Only an article in the trash can be purged; move it to the trash first.")
    with transaction.atomic():
        record(article, user, Action.PURGED)
        article.delete()


def record_form_changes(article, before, user):
    """An editor may also set the status or publish time in the change form: log it as the
    transition it amounts to, so the audit shows it whichever way it was done."""
    if before is None or (before.status, before.publish_at) == (article.status, article.publish_at):
        return
    if article.status == Status.PUBLISHED:
        action = Action.SCHEDULED if article.is_scheduled else Action.PUBLISHED
    else:
        action = {Status.IN_REVIEW: Action.SUBMITTED, Status.UNPUBLISHED: Action.UNPUBLISHED}.get(
            article.status, Action.SENT_BACK
        )
    record(article, user, action, "Set in the article form.")
