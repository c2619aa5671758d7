"""Archive imports as background jobs: ``start_archive_import`` queues one, the worker runs it item by item.

Each item is saved in one transaction together with its line of the summary and the job's
progress, so a worker that stops mid-file has lost at most the item under way, and running the
job again carries on after the last item counted.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import ArchiveImport, ArchiveImportItem
from .files import read_archive
from .items import UnreadableArchive
from .pictures import PictureFiles
from .saving import ImportOptions, import_item

COUNTERS = {
    ArchiveImportItem.Action.CREATED: "created_count",
    ArchiveImportItem.Action.UPDATED: "updated_count",
    ArchiveImportItem.Action.SKIPPED: "skipped_count",
    ArchiveImportItem.Action.FAILED: "failed_count",
}


def check_files(filename, content, mapping=None, pictures_archive=None, pictures_folder=""):
    """Read the export and open the pictures now, so that a file that cannot be used is refused at once."""
    file_format, items = read_archive(filename, content, mapping)
    PictureFiles.given(pictures_archive, pictures_folder)
    if not items:
        raise UnreadableArchive(_("“%(name)s” has no news items.") % {"name": filename})
    return file_format, items


def create_job(user, filename, content, *, mapping=None, pictures_archive=None, pictures_folder="", **choices):
    check_files(filename, content, mapping, pictures_archive, pictures_folder)
    return ArchiveImport.objects.create(
        user=user,
        filename=filename[:255],
        content=content,
        language=translation.get_language() or settings.LANGUAGE_CODE,
        column_mapping=mapping or {},
        pictures_archive=pictures_archive,
        pictures_folder=pictures_folder,
        **choices,
    )


def start_archive_import(user, filename, content, **options):
    """Queue the import of an export file; raises UnreadableArchive, saving nothing, for a file it cannot use."""
    job = create_job(user, filename, content, **options)
    transaction.on_commit(lambda: run_archive_import.enqueue(job.pk))
    return job


@task
def run_archive_import(job_id):
    job = ArchiveImport.objects.filter(pk=job_id).first()
    if job is not None and not job.is_finished:
        with translation.override(job.language):
            run_job(job)


def run_job(job, progress=None):
    """Import every item of the job not yet counted; ``progress(job, outcome)`` hears of each."""
    try:
        file_format, items = read_archive(job.filename, bytes(job.content), job.column_mapping)
        pictures = PictureFiles.given(job.pictures_archive, job.pictures_folder)
    except UnreadableArchive as error:
        return finish(job, ArchiveImport.Status.FAILED, str(error))
    ArchiveImport.objects.filter(pk=job.pk).update(
        status=ArchiveImport.Status.RUNNING, format_name=file_format, total=len(items)
    )
    options = ImportOptions(
        pictures=pictures, publish=job.publish, dry_run=job.dry_run, user=job.user, source=job.filename
    )
    start = ArchiveImport.objects.get(pk=job.pk).processed
    first_seen = {}
    for position, item in enumerate(items):
        first_seen.setdefault(item.guid, position)
    try:
        for position in range(start, len(items)):
            with transaction.atomic():
                outcome = import_item(items[position], options, first_seen[items[position].guid], position)
                record(job, position, outcome)
            if progress:
                progress(job, outcome)
    except Exception as error:
        finish(job, ArchiveImport.Status.FAILED, _("The import stopped on an unexpected error: %(e)s") % {"e": error})
        raise
    return finish(job, ArchiveImport.Status.DONE)


def record(job, position, outcome):
    ArchiveImportItem.objects.create(
        job=job,
        position=position,
        action=outcome.action,
        title=outcome.title,
        old_url=outcome.old_url,
        article=outcome.article if outcome.article and outcome.article.pk else None,
        details=outcome.details,
    )
    ArchiveImport.objects.filter(pk=job.pk).update(
        processed=position + 1, **{COUNTERS[outcome.action]: F(COUNTERS[outcome.action]) + 1}
    )


def finish(job, status, error=""):
    ArchiveImport.objects.filter(pk=job.pk).update(status=status, error=error, finished_at=timezone.now())
    job.refresh_from_db()
    return job
