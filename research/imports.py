"""Reference files imported in the background: ``start_import`` queues a job, the worker runs it.

The job resumes rather than restarts. Entries are saved in batches, each batch in one
transaction together with the job's progress and its lines of the summary, so a batch is
either wholly saved and counted or not at all. A worker that dies mid-batch loses only that
uncommitted batch, and the next run starts again at the first entry not counted: nothing is
saved twice. Each run also queues a watch-over task for later; if the run has gone silent by
then (its worker was killed), the watch-over takes the job over and carries on.
"""

import uuid
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .importing import CREATED, UPDATED, ImportRights, import_entry, record_history
from .models import ImportedEntry, ImportJob
from .sources.files import UnreadableFile, read_file

BATCH_SIZE = 200

# Sent once when a job ends, done or failed, with ``job``: other apps (the desk's notifications)
# listen, so research needs to know nothing of them.
import_finished = Signal()


class Superseded(Exception):
    """Another run has taken the job over: this one stops, and its batch is rolled back."""


def start_import(user, filename, content, teams):
    """Queue the import of an uploaded file; the worker picks it up within a second or two."""
    job = ImportJob.objects.create(
        user=user, filename=filename[:255], content=content, language=translation.get_language() or "en"
    )
    job.teams.set(teams)
    run_import.enqueue(job.pk)
    return job


@task
def run_import(job_id):
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return
    lease = timedelta(seconds=settings.PUBLICATION_IMPORT_LEASE)
    if job.status == ImportJob.Status.RUNNING and job.heartbeat_at and job.heartbeat_at > timezone.now() - lease:
        watch_over(job, job.heartbeat_at + lease)  # another run is alive: look again once it could be silent
        return
    runner = uuid.uuid4().hex
    if not take_over(job, runner):
        return
    watch_over(job, timezone.now() + lease)
    try:
        with translation.override(job.language):
            import_batches(job, runner)
    except Superseded:
        return
    except (UnreadableFile, PermissionDenied) as error:
        finish(job, runner, ImportJob.Status.FAILED, str(error))
    except Exception as error:
        with translation.override(job.language):
            message = _("The import stopped on an unexpected error: %s") % error
        finish(job, runner, ImportJob.Status.FAILED, message)
        raise


def watch_over(job, when):
    """Queue a run for ``when``, which resumes the job if this run has died by then."""
    if run_import.get_backend().supports_defer:  # the immediate backend (tests) has no later
        run_import.using(run_after=when).enqueue(job.pk)


def take_over(job, runner):
    """Claim the job for this run, unless another run claimed it first."""
    claimed = ImportJob.objects.filter(pk=job.pk, runner=job.runner, heartbeat_at=job.heartbeat_at).update(
        runner=runner, status=ImportJob.Status.RUNNING, heartbeat_at=timezone.now()
    )
    job.runner = runner
    return bool(claimed)


def import_batches(job, runner):
    file_format, entries = read_file(job.filename, bytes(job.content))
    ImportJob.objects.filter(pk=job.pk, runner=runner).update(format_name=file_format.name, total=len(entries))
    rights = ImportRights(job.user, job.teams.all())
    how = f"from the file “{job.filename}”"
    processed = ImportJob.objects.get(pk=job.pk).processed
    for start in range(processed, len(entries), BATCH_SIZE):
        with transaction.atomic():
            outcomes = [import_entry(entry, rights) for entry in entries[start : start + BATCH_SIZE]]
            record_history(outcomes, job.user, how)
            save_progress(job, runner, start, outcomes)
    finish(job, runner, ImportJob.Status.DONE)


def save_progress(job, runner, start, outcomes):
    ImportedEntry.objects.bulk_create(
        ImportedEntry(
            job=job,
            position=start + offset,
            action=outcome.action,
            label=outcome.label[:255],
            title=outcome.title,
            publication=outcome.publication,
            details=outcome.details,
        )
        for offset, outcome in enumerate(outcomes)
    )
    actions = [outcome.action for outcome in outcomes]
    counted = ImportJob.objects.filter(pk=job.pk, runner=runner, processed=start).update(
        processed=start + len(outcomes),
        created_count=F("created_count") + actions.count(CREATED),
        updated_count=F("updated_count") + actions.count(UPDATED),
        skipped_count=F("skipped_count") + len(actions) - actions.count(CREATED) - actions.count(UPDATED),
        heartbeat_at=timezone.now(),
    )
    if not counted:
        raise Superseded


def finish(job, runner, status, error=""):
    finished = ImportJob.objects.filter(pk=job.pk, runner=runner).update(
        status=status, error=error, finished_at=timezone.now()
    )
    if finished:
        job.refresh_from_db()
        transaction.on_commit(partial(import_finished.send, sender=ImportJob, job=job))
