"""Publication file imports that run in the background: the job and the summary of its entries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .publications import Publication
from .teams import Team


class ImportJob(models.Model):
    """One uploaded reference file, imported by the task worker in batches it can resume."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="publication_imports", verbose_name=_("user")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=255)
    # The uploader's language when it was queued: the worker writes the summary in it.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    format_name = models.CharField(_("format"), max_length=40, blank=True)
    content = models.BinaryField(_("content"), help_text=_("The uploaded file, as it was sent."))
    teams = models.ManyToManyField(Team, related_name="+", blank=True, verbose_name=_("teams"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.WAITING)
    total = models.PositiveIntegerField(_("total"), default=0, help_text=_("References in the file, once it is read."))
    processed = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    error = models.TextField(_("error"), blank=True)
    # Which run of the worker holds the job, and when it last showed signs of life: a run that
    # has been silent for longer than PUBLICATION_IMPORT_LEASE seconds is taken over.
    runner = models.CharField(_("runner"), max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(_("heartbeat at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self):
        return 100 if self.is_finished else (100 * self.processed // self.total if self.total else 0)


class ImportedEntry(models.Model):
    """What the import did with one entry of the file: the lines of the job's summary."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Updated")
        SKIPPED = "skipped", _("Skipped")

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="entries", verbose_name=_("job"))
    position = models.PositiveIntegerField(_("position"))
    action = models.CharField(_("action"), max_length=20, choices=Action)
    label = models.CharField(_("label"), max_length=255)
    title = models.TextField(_("title"), blank=True)
    publication = models.ForeignKey(
        Publication, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("publication")
    )
    details = models.TextField(_("details"), blank=True)

    class Meta:
        verbose_name = _("imported entry")
        ordering = ["job", "position"]
        verbose_name_plural = _("imported entries")
        # An entry is saved once, whatever happens to the worker that saves it.
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="unique_import_entry")]

    def __str__(self):
        return self.label
