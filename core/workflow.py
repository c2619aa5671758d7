"""The editorial workflow of any publishable kind: one function per transition, and their table.

Each transition checks the user's permission on that item, changes it, keeps a revision and writes
an audit entry, all in one transaction. A refused transition raises ``PermissionDenied`` (a 403 in
the admin) or ``WorkflowError`` (shown to the user as a message). ``TRANSITIONS`` names each one
with its button label and the form it needs; the admin only renders them.
"""

from dataclasses import dataclass
from functools import partial

import reversion
from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import drafts
from .dates import when_text
from .publishing import Action, Status, permission


class WorkflowError(Exception):
    """A transition that does not apply to the item as it is (e.g. publishing a trashed one)."""


_listeners = []


def on_transition(listener):
    """Call ``listener(item, user, action, comment)`` after each transition, once it is committed.

    Other apps (the desk's notifications) register here from their ``AppConfig.ready``, so the
    workflow needs to know nothing of them."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def _announce(item, user, action, comment=""):
    for listener in _listeners:
        transaction.on_commit(partial(listener, item, user, action, comment))


def may_edit(user, item):
    return item.editable_by(user)


def may_publish(user, item):
    return user.has_perm(permission(item, "publish")) and may_edit(user, item)


def allowed_transitions(user, item):
    """The names of the transitions this user may apply to this item now, for the buttons."""
    if item.is_trashed:
        return [name for name in ("restore", "purge") if user.has_perm(permission(item, name))]
    names = []
    if may_edit(user, item) and item.status in (Status.DRAFT, Status.UNPUBLISHED):
        names.append("submit")
    if may_edit(user, item) and item.has_pending_changes and not item.pending_submitted_at:
        names.append("submit_changes")
    if may_publish(user, item):
        if item.has_pending_changes:
            names.append("publish_changes")
        if item.status != Status.PUBLISHED or item.is_scheduled:
            names += ["publish", "schedule"]
        if item.status == Status.IN_REVIEW or item.pending_submitted_at:
            names.append("send_back")
        if item.status == Status.PUBLISHED:
            names.append("unpublish")
    return names


def _apply(item, user, action, comment="", *, with_pending=False, **changes):
    """``with_pending``: the item's pending draft becomes part of it first (publish, unpublish)."""
    with transaction.atomic(), reversion.create_revision():
        if with_pending:
            drafts.apply_pending(item, user)
        for field, value in changes.items():
            setattr(item, field, value)
        item.save()
        reversion.set_user(user)
        reversion.set_comment(f"{action.label}. {comment}".strip())
        item.record_event(user, action, comment)
        _announce(item, user, action, comment)
    return item


def _check(allowed, item):
    if not allowed:
        raise PermissionDenied
    if item.is_trashed:
        raise WorkflowError(_("This article is in the trash; restore it first."))


def submit(item, user):
    _check(may_edit(user, item), item)
    if item.status not in (Status.DRAFT, Status.UNPUBLISHED):
        raise WorkflowError(_("Only a draft or an unpublished article can be submitted for review."))
    return _apply(item, user, Action.SUBMITTED, status=Status.IN_REVIEW)


def submit_changes(item, user):
    """Ask an editor to review the pending draft of a published item; the live version stays."""
    _check(may_edit(user, item), item)
    if not item.has_pending_changes:
        raise WorkflowError(_("There are no unpublished changes to submit."))
    with transaction.atomic():
        drafts.submit_now(item)
        item.record_event(user, Action.CHANGES_SUBMITTED)
        _announce(item, user, Action.CHANGES_SUBMITTED)
    return item


def publish(item, user):
    """Publish now, with any pending changes."""
    _check(may_publish(user, item), item)
    return _apply(item, user, Action.PUBLISHED, with_pending=True, status=Status.PUBLISHED, publish_at=timezone.now())


def publish_changes(item, user):
    """Make the pending draft the live version; the publish time stays."""
    _check(may_publish(user, item), item)
    if not item.has_pending_changes:
        raise WorkflowError(_("There are no unpublished changes to publish."))
    return _apply(item, user, Action.CHANGES_PUBLISHED, with_pending=True)


def schedule(item, user, publish_at):
    """Publish at a future time; the item goes live by itself then, because live() asks the clock."""
    _check(may_publish(user, item), item)
    if publish_at <= timezone.now():
        raise WorkflowError(_("A schedule needs a time in the future; to publish now, use “Publish now”."))
    if item.expire_at and item.expire_at <= publish_at:
        raise WorkflowError(_("The article would expire before it goes live; change its expiry time first."))
    when = f"{when_text(publish_at)} {timezone.localtime(publish_at):%Z}"
    comment = _("Goes live %s.") % when
    return _apply(item, user, Action.SCHEDULED, comment, status=Status.PUBLISHED, publish_at=publish_at)


def send_back(item, user, comment):
    """Back to its authors: an article in review becomes a draft; submitted changes to a live
    article stay a pending draft, no longer submitted."""
    _check(may_publish(user, item), item)
    if item.status != Status.IN_REVIEW and not item.pending_submitted_at:
        raise WorkflowError(_("Only an article in review can be sent back."))
    if not comment.strip():
        raise WorkflowError(_("Say what should change: a comment is needed to send an article back."))
    if item.status != Status.IN_REVIEW:
        with transaction.atomic():
            drafts.set_submitted(item, None)
            item.record_event(user, Action.SENT_BACK, comment.strip())
            _announce(item, user, Action.SENT_BACK, comment.strip())
        return item
    return _apply(item, user, Action.SENT_BACK, comment.strip(), status=Status.DRAFT)


def unpublish(item, user):
    _check(may_publish(user, item), item)
    if item.status != Status.PUBLISHED:
        raise WorkflowError(_("Only a published or scheduled article can be unpublished."))
    # Off the site, its pending changes become the article's own draft text.
    return _apply(item, user, Action.UNPUBLISHED, with_pending=True, status=Status.UNPUBLISHED)


def trash(item, user):
    """Deleting moves an item to the trash: off the public site at once, and recoverable."""
    if not (user.has_perm(permission(item, "delete")) and may_edit(user, item)):
        raise PermissionDenied
    if item.is_trashed:
        return item
    return _apply(item, user, Action.TRASHED, deleted_at=timezone.now(), deleted_by=user)


def restore(item, user):
    if not user.has_perm(permission(item, "restore")):
        raise PermissionDenied
    if not item.is_trashed:
        raise WorkflowError(_("This article is not in the trash."))
    return _apply(item, user, Action.RESTORED, deleted_at=None, deleted_by=None)


def purge(item, user):
    """Delete for good. Only from the trash, so that a purge is always a second, deliberate step."""
    if not user.has_perm(permission(item, "purge")):
        raise PermissionDenied
    if not item.is_trashed:
        raise WorkflowError(_("Only an article in the trash can be purged; move it to the trash first."))
    with transaction.atomic():
        item.record_event(user, Action.PURGED)
        item.delete()


def record_form_changes(item, before, user):
    """An editor may also set the status or publish time in the change form: log it as the
    transition it amounts to, so the audit shows it whichever way it was done."""

    def timing(row):
        # An embargo only matters once published: set on a draft, it is no transition.
        embargo = getattr(row, "embargo_until", None) if row.status == Status.PUBLISHED else None
        return row.status, row.publish_at, embargo

    if before is None or timing(before) == timing(item):
        return
    if item.status == Status.PUBLISHED:
        action = Action.SCHEDULED if item.is_scheduled else Action.PUBLISHED
    else:
        action = {Status.IN_REVIEW: Action.SUBMITTED, Status.UNPUBLISHED: Action.UNPUBLISHED}.get(
            item.status, Action.SENT_BACK
        )
    item.record_event(user, action, _("Set in the article form."))
    _announce(item, user, action)


# The forms of the transitions that need more than a click ---------------------------------------


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Go live at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, item=None, **kwargs):
        # Ids stay those of the panel ("id_schedule_publish_at"); the posted name stays "publish_at".
        kwargs.setdefault("auto_id", "id_schedule_%s")
        if item is not None and item.publish_at:
            kwargs.setdefault("initial", {"publish_at": timezone.localtime(item.publish_at)})
        super().__init__(*args, **kwargs)
        self.fields["publish_at"].label = _("Go live at (time in %s)") % timezone.get_current_timezone_name()

    def apply(self, item, user):
        if not self.is_valid():
            raise WorkflowError(_("Give the date and time the article should go live."))
        return schedule(item, user, self.cleaned_data["publish_at"])


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change?"), widget=forms.Textarea(attrs={"rows": 2, "cols": 40}), strip=True
    )

    def __init__(self, *args, item=None, **kwargs):
        kwargs.setdefault("auto_id", "id_send_back_%s")
        super().__init__(*args, **kwargs)

    def apply(self, item, user):
        return send_back(item, user, self.data.get("comment", ""))


@dataclass(frozen=True)
class Transition:
    label: str
    function: object
    form: type | None = None

    def apply(self, item, user, data):
        if self.form is None:
            return self.function(item, user)
        return self.form(data, item=item).apply(item, user)


TRANSITIONS = {
    "submit": Transition(_("Submit for review"), submit),
    "submit_changes": Transition(_("Submit changes for review"), submit_changes),
    "publish_changes": Transition(_("Publish changes"), publish_changes),
    "publish": Transition(_("Publish now"), publish),
    "schedule": Transition(_("Schedule"), schedule, ScheduleForm),
    "send_back": Transition(_("Send back"), send_back, SendBackForm),
    "unpublish": Transition(_("Unpublish"), unpublish),
}


def buttons(user, item):
    """``(name, label, form)`` of each transition open to the user, forms prefilled from the item."""
    allowed = allowed_transitions(user, item)
    return [
        (name, transition.label, transition.form(item=item) if transition.form else None)
        for name, transition in TRANSITIONS.items()
        if name in allowed
    ]
