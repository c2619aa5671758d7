"""The publishing base: what every publishable kind (an article, an event, a press release) shares.

The live rule is written once, as ``PublishableQuerySet.live()`` with its mirror property
``Publishable.is_live``: published, publish time passed, expiry not passed, not in the trash;
for a kind that can carry an embargo (``Embargoable``), the embargo lifted too. It is decided at
query time, so scheduled publishing, expiry and embargo lifts need no cron job. The workflow
(``core.workflow``) moves a publishable between the statuses below and calls the hooks at the
end of this class: ``record_event`` for the audit log and ``editable_by`` for per-team rights.
While an item is published, changes by someone who may not publish wait as its pending draft
(``pending_revision``, see ``core.drafts``) until an editor publishes them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


class Action(models.TextChoices):
    """What the audit log records."""

    CREATED = "created", _("Created")
    SUBMITTED = "submitted", _("Submitted for review")
    PUBLISHED = "published", _("Published")
    SCHEDULED = "scheduled", _("Scheduled")
    SENT_BACK = "sent-back", _("Sent back")
    UNPUBLISHED = "unpublished", _("Unpublished")
    TRASHED = "trashed", _("Moved to the trash")
    RESTORED = "restored", _("Restored from the trash")
    PURGED = "purged", _("Purged")
    REVERTED = "reverted", _("Earlier revision restored")
    PREVIEW_SHARED = "preview-shared", _("Preview link shared")
    PREVIEW_REVOKED = "preview-revoked", _("Preview link revoked")
    CHANGES_SUBMITTED = "changes-submitted", _("Changes submitted for review")
    CHANGES_PUBLISHED = "changes-published", _("Changes published")


class PublishableQuerySet(models.QuerySet):
    def live(self):
        """What the public may see: published, publish time passed, not expired, not in the trash."""
        now = timezone.now()
        return self.filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now),
            status=Status.PUBLISHED,
            publish_at__lte=now,
            deleted_at__isnull=True,
        )

    def not_trashed(self):
        return self.filter(deleted_at__isnull=True)

    def trashed(self):
        return self.filter(deleted_at__isnull=False)

    def scheduled(self):
        """Published but not yet due, soonest first: what will go live, and when."""
        return self.not_trashed().filter(status=Status.PUBLISHED, publish_at__gt=timezone.now())


class Publishable(models.Model):
    Status = Status

    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("The article appears on the site at this time. A future time schedules it."),
    )
    expire_at = models.DateTimeField(
        _("expiry time"), null=True, blank=True, help_text=_("Optional: the article leaves the site at this time.")
    )
    deleted_at = models.DateTimeField(_("moved to the trash"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("deleted by"),
    )
    # The changes to a published item that wait for an editor: a revision the row does not show.
    pending_revision = models.ForeignKey(
        "reversion.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("pending revision"),
    )
    pending_submitted_at = models.DateTimeField(
        _("changes submitted for review"), null=True, blank=True, editable=False
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.publish_at and self.expire_at and self.expire_at <= self.publish_at:
            raise ValidationError({"expire_at": _("The expiry time must come after the publish time.")})

    def save(self, *args, **kwargs):
        if self.status == Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_live(self):
        """Mirrors ``PublishableQuerySet.live()`` for one item in hand."""
        now = timezone.now()
        return (
            self.deleted_at is None
            and self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    @property
    def is_scheduled(self):
        return self.status == Status.PUBLISHED and self.publish_at is not None and self.publish_at > timezone.now()

    @property
    def is_trashed(self):
        return self.deleted_at is not None

    @property
    def has_public_version(self):
        """Published (live, scheduled or expired): changes must be reviewed before readers see them."""
        return self.status == Status.PUBLISHED and not self.is_trashed

    @property
    def has_pending_changes(self):
        return self.pending_revision_id is not None

    @property
    def state_label(self):
        """The status as the admin shows it, with the pending draft when there is one."""
        if not self.has_pending_changes:
            return self.get_status_display()
        if not self.is_live:
            return _("Published, with unpublished changes")
        if self.pending_submitted_at:
            return _("Live, with unpublished changes awaiting review")
        return _("Live, with unpublished changes")

    # Hooks for the workflow -----------------------------------------------------------------

    def editable_by(self, user):
        """Whether ``user`` may change this item at all; a kind with per-team rights narrows it."""
        return user.has_perm(permission(self, "change"))

    def record_event(self, user, action, comment=""):
        """Write one entry of the audit log."""
        raise NotImplementedError


class EmbargoableQuerySet(PublishableQuerySet):
    def live(self):
        """The live rule, and the embargo lifted: before it, only accredited journalists read the item."""
        return super().live().filter(Q(embargo_until__isnull=True) | Q(embargo_until__lte=timezone.now()))

    def under_embargo(self):
        """Published, not expired nor trashed, with an embargo still to lift: the press room's releases."""
        now = timezone.now()
        return self.not_trashed().filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=now), status=Status.PUBLISHED, embargo_until__gt=now
        )


class Embargoable(Publishable):
    """A publishable kind that accredited journalists may read before the public: see ``under_embargo``."""

    embargo_until = models.DateTimeField(
        _("embargo until"),
        null=True,
        blank=True,
        help_text=_(
            "Optional: accredited journalists read the release in the press room before this time; "
            "the public sees it only from then on (and not before the publish time)."
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.embargo_until and self.expire_at and self.expire_at <= self.embargo_until:
            raise ValidationError({"expire_at": _("The expiry time must come after the end of the embargo.")})

    @property
    def is_live(self):
        """Mirrors ``EmbargoableQuerySet.live()``."""
        return super().is_live and not self.embargo_pending

    @property
    def embargo_pending(self):
        return self.embargo_until is not None and self.embargo_until > timezone.now()

    @property
    def is_under_embargo(self):
        """Mirrors ``EmbargoableQuerySet.under_embargo()``."""
        now = timezone.now()
        return (
            self.embargo_pending
            and self.status == Status.PUBLISHED
            and self.deleted_at is None
            and (self.expire_at is None or self.expire_at > now)
        )


def permission(obj_or_model, action):
    """The permission name of an action on a publishable kind: ``newsroom.publish_article``."""
    opts = obj_or_model._meta.concrete_model._meta  # a proxy (the trash) shares its rights
    return f"{opts.app_label}.{action}_{opts.model_name}"
