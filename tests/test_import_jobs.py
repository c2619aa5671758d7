"""Reference files imported in the background (issue 9, hole 8): the job, its page and its worker.

Most tests run the task at once (``tasks_at_once``) or leave it queued; the last one starts the
real ``manage.py db_worker`` on a database file of its own, kills it mid-import and restarts it.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from factories import make_person, make_team, make_user
from reference_files import bibtex_file

from newsroom.roles import RESEARCHER
from research.imports import BATCH_SIZE, run_import, start_import
from research.models import ImportJob, Membership, Publication

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
IMPORT_FILE = reverse("admin:research_publication_import_file")
IMPORTS = reverse("admin:research_publication_imports")


def job_page(job):
    return reverse("admin:research_publication_import", args=[job.pk])


def upload(client, content, name="refs.bib", **data):
    return client.post(IMPORT_FILE, {"file": SimpleUploadedFile(name, content), **data})


def test_an_upload_waits_for_the_worker_and_the_import_page_says_so(staff_client):
    response = upload(staff_client, bibtex_file(3))

    assert response.url == IMPORTS
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.WAITING and bytes(job.content) == bibtex_file(3)
    assert DBTaskResult.objects.get().task_path == "research.imports.run_import"
    assert not Publication.objects.exists()
    page = staff_client.get(IMPORTS).text
    assert "Waiting for the worker" in page and 'http-equiv="refresh"' in page


def test_the_import_page_shows_progress_and_the_summary_once_done(staff_client, tasks_at_once):
    upload(staff_client, bibtex_file(BATCH_SIZE + 5))

    job = ImportJob.objects.get()
    assert (job.status, job.total, job.processed, job.created_count) == ("done", BATCH_SIZE + 5, BATCH_SIZE + 5, 205)
    listing = staff_client.get(IMPORTS).text
    assert "Done" in listing and 'http-equiv="refresh"' not in listing
    summary = staff_client.get(job_page(job)).text
    assert "205 created, 0 updated, 0 skipped" in summary and "Page 1 of 3" in summary
    assert staff_client.get(job_page(job), {"page": "9999"}).status_code == 200
    assert staff_client.get(job_page(job), {"page": "nonsense"}).status_code == 200


def test_a_file_with_no_references_fails_its_job_with_the_reason(staff_client, tasks_at_once):
    upload(staff_client, b"% only a comment\n@comment{nothing here}\n", name="empty.bib")

    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert "holds no reference" in staff_client.get(job_page(job)).text


def test_a_file_in_no_known_format_is_refused_at_once(staff_client):
    response = upload(staff_client, b"Some notes about the paper.", name="notes.txt")

    assert "not a BibTeX, RIS or PubMed/MEDLINE file" in response.text
    assert not ImportJob.objects.exists()


def test_nobody_sees_another_users_imports(staff_client, tasks_at_once):
    upload(staff_client, bibtex_file(2))
    job = ImportJob.objects.get()
    person = make_person()
    make_team(members=[(person, Membership.Role.LEADER)])
    client = Client()
    client.force_login(make_user(RESEARCHER, person=person))

    assert client.get(job_page(job)).status_code == 404
    assert job.filename not in client.get(IMPORTS).text


def test_an_import_checks_the_teams_again_when_it_runs(tasks_at_once):
    person = make_person()
    team = make_team(members=[(person, Membership.Role.LEADER)])
    researcher = make_user(RESEARCHER, person=person)
    team.memberships.update(role=Membership.Role.MEMBER)  # no longer leads it by the time the worker runs

    job = start_import(researcher, "refs.bib", bibtex_file(2), [team])

    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "teams you work on" in job.error
    assert not Publication.objects.exists()


def test_a_second_run_leaves_a_live_run_alone_and_looks_again_later(django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password-1")
    job = start_import(user, "refs.bib", bibtex_file(2), [])
    heartbeat = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(status="running", runner="alive", heartbeat_at=heartbeat)

    run_import.call(job.pk)

    assert not Publication.objects.exists()
    assert ImportJob.objects.get(pk=job.pk).runner == "alive"
    later = DBTaskResult.objects.order_by("enqueued_at").last()
    assert later.run_after >= heartbeat + timedelta(seconds=59)


# The real worker


def manage(*args, env, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)


def job_row(database):
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute("SELECT status, processed, total FROM research_importjob").fetchone()


def publication_counts(database):
    with sqlite3.connect(database, timeout=30) as connection:
        query = "SELECT count(*), count(DISTINCT doi) FROM research_publication"
        return connection.execute(query).fetchone()


def test_a_killed_worker_loses_and_duplicates_nothing_when_restarted(tmp_path):
    database, entries, lease = tmp_path / "worker.sqlite3", 6 * BATCH_SIZE, 1
    (tmp_path / "big.bib").write_bytes(bibtex_file(entries))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "PUBLICATION_IMPORT_LEASE": str(lease),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    manage("migrate", "--no-input", "-v", "0", env=env)
    queue = (
        "from django.contrib.auth.models import User; from research.imports import start_import; "
        "user = User.objects.create_superuser('chief', 'chief@example.org', 'a-long-password-1'); "
        f"start_import(user, 'big.bib', open({str(tmp_path / 'big.bib')!r}, 'rb').read(), [])"
    )
    manage("shell", "-c", queue, env=env)

    worker_args = ["db_worker", "--no-startup-delay", "--no-reload", "--interval", "0.1", "-v", "0"]
    worker = subprocess.Popen([sys.executable, "manage.py", *worker_args], cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while (job_row(database) or ("", 0, 0))[1] < 2 * BATCH_SIZE and time.monotonic() < deadline:
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait()

    status, processed, total = job_row(database)
    assert status == "running" and 2 * BATCH_SIZE <= processed < entries and total == entries
    assert publication_counts(database) == (processed, processed)  # the batch under way was rolled back whole

    time.sleep(lease + 0.5)
    manage("db_worker", "--batch", *worker_args[1:], env=env)

    assert job_row(database) == ("done", entries, entries)
    assert publication_counts(database) == (entries, entries)
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM research_importedentry").fetchone() == (entries,)
