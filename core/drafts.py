"""Pending drafts: a published item keeps its live version while someone without the right to
publish changes it.

Their save runs as any save does (the form's checks, ``save()``, inline rows, a revision), inside a
savepoint that is then rolled back: the revision is kept as the item's pending draft
(``Publishable.pending_revision``); the row and its links stay as readers see them. The change
page applies the pending draft inside a savepoint too, so the form shows the work in progress, and
an editor's publish applies it for good (``apply_pending``).
"""

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Revision, Version
from taggit.models import Tag, TaggedItem

from .publishing import permission
from .revisions import restore_version

# The workflow decides these; a pending draft brings back words and links only.
WORKFLOW_FIELDS = ("status", "publish_at", "expire_at")


def needs_review(item, user):
    """Whether a change ``user`` makes to ``item`` waits for an editor instead of going live."""
    return item.has_public_version and not user.has_perm(permission(item, "publish"))


def pending_version(item):
    """The version of ``item`` in its pending draft, or None."""
    if not item.pending_revision_id:
        return None
    return Version.objects.get_for_object(item).filter(revision_id=item.pending_revision_id).first()


def followed_inlines(model):
    """The related names of the inline rows kept in the model's revisions (keywords apart)."""
    follow = reversion.revisions._get_options(model).follow
    return tuple(name for name in follow if name != "keyword_links")


def apply_pending(item, user):
    """Bring the pending draft into the row, its links and inline rows, and forget it."""
    version = pending_version(item)
    if version is None:
        return
    # Past the number of the pending revision, so that a form opened on the draft before a later
    # save of it is stale.
    item.lock_version = max(item.lock_version, version.field_dict.get("lock_version", 0))
    item.pending_revision, item.pending_submitted_at = None, None
    inlines = followed_inlines(type(item))
    restore_version(
        item, version, user, keep=WORKFLOW_FIELDS, inlines=inlines, comment=_("Unpublished changes applied.")
    )


def latest_revision_id(item):
    return Version.objects.get_for_object(item).values_list("revision_id", flat=True).first()


def run_on_draft(item, user, work, *, keep_changes):
    """Run ``work()`` on ``item`` with its pending draft applied, in a savepoint.

    ``keep_changes`` says what becomes of a save that ``work`` makes: "live" commits it (an
    editor's save), "pending" keeps its revision as the pending draft and rolls the row back,
    None rolls everything back (opening the page). Returns ``(result of work, saved)``."""
    had_pending = item.has_pending_changes
    with transaction.atomic():
        checkpoint = transaction.savepoint_create()
        apply_pending(item, user)
        before = latest_revision_id(item)
        result = work()
        render(result)
        after = latest_revision_id(item)
        saved = after != before and keep_changes is not None
        if saved and keep_changes == "live":
            transaction.savepoint_commit(checkpoint)
            return result, True
        snapshot = copy_revision(after) if saved else None
        transaction.savepoint_rollback(checkpoint)
        if snapshot:
            keep_as_pending(item, snapshot)
        elif had_pending:
            item.refresh_from_db()
    return result, saved


def render(response):
    """A template response renders later by default: here, while the savepoint still holds the draft."""
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()


def copy_revision(revision_id):
    """A revision and the keywords it names, as plain values that outlive a rollback."""
    revision = Revision.objects.get(pk=revision_id)
    versions = list(revision.version_set.all())
    tag_ids = [version.field_dict["tag_id"] for version in versions if version.content_type.model_class() is TaggedItem]
    return {
        "revision": {"date_created": revision.date_created, "user_id": revision.user_id, "comment": revision.comment},
        "versions": [
            {
                name: getattr(version, name)
                for name in ("object_id", "content_type_id", "db", "format", "serialized_data", "object_repr")
            }
            for version in versions
        ],
        "tags": list(Tag.objects.filter(pk__in=tag_ids).values("pk", "name", "slug")),
    }


def keep_as_pending(item, snapshot):
    """Store the copied revision again, now as the item's pending draft."""
    with transaction.atomic():
        comment = f"{_('Saved for review.')} {snapshot['revision']['comment']}".strip()
        revision = Revision.objects.create(**{**snapshot["revision"], "comment": comment})
        Version.objects.bulk_create(Version(revision=revision, **fields) for fields in snapshot["versions"])
        # A keyword typed for the first time was created in the rolled-back savepoint.
        Tag.objects.bulk_create(
            [Tag(**tag) for tag in snapshot["tags"] if not Tag.objects.filter(pk=tag["pk"]).exists()],
            ignore_conflicts=True,
        )
        type(item)._default_manager.filter(pk=item.pk).update(pending_revision=revision)
    item.refresh_from_db()


def set_submitted(item, when):
    """Mark the pending draft as submitted for review (a time) or sent back (None), leaving the row
    otherwise untouched: a form open on it stays valid."""
    type(item)._default_manager.filter(pk=item.pk).update(pending_submitted_at=when)
    item.pending_submitted_at = when


def submit_now(item):
    set_submitted(item, timezone.now())
