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

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="publication_imports")
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField("file name", max_length=255)
    format_name = models.CharField("format", max_length=40, blank=True)
    content = models.BinaryField(help_text="The uploaded file, as it was sent.")
    teams = models.ManyToManyField(Team, related_name="+", blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.WAITING)
    total = models.PositiveIntegerField(default=0, help_text="References in the file, once it is read.")
    processed = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField("created", default=0)
    updated_count = models.PositiveIntegerField("updated", default=0)
    skipped_count = models.PositiveIntegerField("skipped", default=0)
    error = models.TextField(blank=True)
    # Which run of the worker holds the job, and when it last showed signs of life: a run that
    # has been silent for longer than PUBLICATION_IMPORT_LEASE seconds is taken over.
    runner = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
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

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField()
    action = models.CharField(max_length=20)
    label = models.CharField(max_length=255)
    title = models.TextField(blank=True)
    publication = models.ForeignKey(Publication, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    details = models.TextField(blank=True)

    class Meta:
        ordering = ["job", "position"]
        verbose_name_plural = "imported entries"
        # An entry is saved once, whatever happens to the worker that saves it.
        constraints = [models.UniqueConstraint(fields=["job", "position"], name="unique_import_entry")]

    def __str__(self):
        return self.label
