"""manage.py import_archive: bring an old site's news in from a WordPress export, a feed or a CSV file."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsroom.archive.items import UnreadableArchive
from newsroom.archive.jobs import create_job, run_archive_import, run_job
from newsroom.archive.tables import parse_mapping


class Command(BaseCommand):
    help = (
        "Import a news archive: a WordPress export (WXR), an RSS or Atom feed, or a CSV file with --mapping. "
        "Pictures come from --pictures (a folder or a zip archive); nothing is fetched from the network. "
        "Articles arrive as drafts unless --publish; --dry-run only says what would be done. Run it again "
        "safely: items already imported are recognised by their old address or guid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export file.")
        parser.add_argument("--pictures", default="", help="A folder or a .zip archive of the pictures.")
        parser.add_argument("--mapping", default="", help="CSV only: field=column pairs, e.g. title=Headline,url=Link")
        parser.add_argument("--publish", action="store_true", help="Publish the articles at their original time.")
        parser.add_argument("--dry-run", action="store_true", help="Save nothing; list what would be done and why.")
        parser.add_argument("--user", default="", help="The user name the import is recorded under.")
        parser.add_argument("--queue", action="store_true", help="Leave the import to the task worker (db_worker).")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"There is no file “{path}”.")
        pictures = Path(options["pictures"]) if options["pictures"] else None
        if pictures and not pictures.exists():
            raise CommandError(f"There is no folder or file “{pictures}”.")
        try:
            job = create_job(
                self.user(options["user"]),
                path.name,
                path.read_bytes(),
                mapping=parse_mapping(options["mapping"]),
                pictures_archive=pictures.read_bytes() if pictures and pictures.is_file() else None,
                pictures_folder=str(pictures.resolve()) if pictures and pictures.is_dir() else "",
                publish=options["publish"],
                dry_run=options["dry_run"],
            )
        except UnreadableArchive as error:
            raise CommandError(str(error)) from None
        if options["queue"]:
            run_archive_import.enqueue(job.pk)
            self.stdout.write(f"Queued as archive import {job.pk}; `manage.py db_worker` runs it.")
            return
        self.verbosity = options["verbosity"]
        started = time.monotonic()
        job = run_job(job, progress=self.report)
        self.stdout.write(
            f"{job.get_status_display()} in {time.monotonic() - started:.1f} s: {job.created_count} created, "
            f"{job.updated_count} updated, {job.skipped_count} skipped, {job.failed_count} broken"
            + (" (dry run: nothing was saved)." if job.dry_run else ".")
        )
        if job.error:
            raise CommandError(job.error)

    def report(self, job, outcome):
        if self.verbosity >= 2 or outcome.action == "failed" or (job.dry_run and self.verbosity >= 1):
            self.stdout.write(f"{outcome.action}: {outcome.title or outcome.old_url} — {outcome.details}")

    def user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user “{username}”.")
        return user
