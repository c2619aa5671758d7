"""Imports of an old site's news archive: the job and its summary, and where each imported article came from."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .articles import Article
from .images import Image


def archive_key(text):
    """The fixed-length key of an old URL or guid, which may be longer than an index allows."""
    return hashlib.sha256(text.strip().encode()).hexdigest()


class ArchiveImport(models.Model):
    """One export file of an old site, imported by the task worker item by item."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="archive_imports",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=255)
    # The uploader's language when it was queued: the worker writes the summary in it.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    format_name = models.CharField(_("format"), max_length=40, blank=True)
    content = models.BinaryField(_("content"), help_text=_("The export file, as it was given."))
    pictures_archive = models.BinaryField(
        _("pictures archive"), null=True, blank=True, help_text=_("A zip archive of the pictures.")
    )
    pictures_folder = models.CharField(
        _("pictures folder"),
        max_length=500,
        blank=True,
        help_text=_("A folder of the pictures on the server (from the command)."),
    )
    column_mapping = models.JSONField(
        _("column mapping"), default=dict, blank=True, help_text=_("CSV only: field → column.")
    )
    publish = models.BooleanField(_("publish"), default=False, help_text=_("Otherwise the articles arrive as drafts."))
    dry_run = models.BooleanField(_("dry run"), default=False, help_text=_("Only say what would be done."))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.WAITING)
    total = models.PositiveIntegerField(_("items"), default=0)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    failed_count = models.PositiveIntegerField(_("broken"), default=0)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("archive import")
        verbose_name_plural = _("archive imports")

    def __str__(self):
        return self.filename

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        return 100 if self.is_finished else (100 * self.processed // self.total if self.total else 0)


class ArchiveImportItem(models.Model):
    """What the import did (or, in a dry run, would do) with one item of the file, and why."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Updated")
        SKIPPED = "skipped", _("Skipped")
        FAILED = "failed", _("Broken")

    job = models.ForeignKey(ArchiveImport, on_delete=models.CASCADE, related_name="items", verbose_name=_("job"))
    position = models.PositiveIntegerField(_("position"))
    action = models.CharField(_("action"), max_length=20, choices=Action)
    title = models.TextField(_("title"), blank=True)
    old_url = models.TextField(_("old address"), blank=True)
    article = models.ForeignKey(
        Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("article")
    )
    details = models.TextField(_("details"), blank=True)

    class Meta:
        ordering = ["job", "position"]
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="unique_archive_import_item")]

    def __str__(self):
        return f"{self.position + 1}. {self.title}"


class ArchivedArticle(models.Model):
    """Where an article came from: the old URL or guid that a re-run recognises it by."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="archive_origin", verbose_name=_("article")
    )
    key = models.CharField(_("key"), max_length=64, unique=True, editable=False)
    guid = models.TextField(_("old guid or address"))
    old_url = models.TextField(_("old address"), blank=True)
    # A digest of what the export said, so that a re-run updates only what changed in it.
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    imported_at = models.DateTimeField(_("imported"))
    note = models.TextField(
        _("import note"), blank=True, help_text=_("What the import could not match: authors, pictures.")
    )

    class Meta:
        verbose_name = _("archived article")
        verbose_name_plural = _("archived articles")

    def __str__(self):
        return self.guid


class ArchivedPicture(models.Model):
    """A picture file of an archive, stored once in the image library whatever the number of items using it."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    source = models.TextField(_("source"))
    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="+", verbose_name=_("image"))

    class Meta:
        verbose_name = _("archived picture")
        verbose_name_plural = _("archived pictures")

    def __str__(self):
        return self.source
