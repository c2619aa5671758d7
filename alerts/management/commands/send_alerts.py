import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections

from alerts.sending import queue_due_digests, queue_new_articles


class Command(BaseCommand):
    help = (
        "Hand the articles that became live since the last run (scheduled ones included) to the e-mail "
        "alerts, and queue the digests that are due; the task worker sends them. Run it every minute or "
        "so, or once with --every SECONDS to keep running (make run and make serve do)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--every", type=int, default=0, help="Run again every this many seconds, until stopped.")

    def handle(self, *args, every=0, **options):
        while True:
            try:
                articles, digests = queue_new_articles(), queue_due_digests()
            except DatabaseError:
                if not every:
                    raise
                # The database is away for a moment (a restart): the next round tries again.
                logging.getLogger(__name__).exception("The alerts could not be checked")
                articles = digests = 0
            if options["verbosity"] > 1 or (options["verbosity"] and not every):
                self.stdout.write(f"{articles} newly live article(s) for the alerts, {digests} digest(s) queued.")
            if not every:
                return
            close_old_connections()
            time.sleep(every)
