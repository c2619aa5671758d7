import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from desk.notifications import announce_due_expiries


class Command(BaseCommand):
    help = (
        "Announce the articles whose expiry time has passed since the last run (each once). Run it every few "
        "minutes, from cron or a timer, or keep it running with --every SECONDS (make run and make serve do)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=int, default=0, metavar="SECONDS", help="Run again every SECONDS until stopped."
        )

    def handle(self, *args, **options):
        if options["every"] < 0:
            raise CommandError("--every takes a number of seconds, 1 or more.")
        self.verbosity = options["verbosity"]
        # Kept running, it speaks only when it announced something (or with -v 2).
        self.quiet_when_none = bool(options["every"]) and self.verbosity < 2
        if not options["every"]:
            self.announce()
            return
        self.stopping = False
        previous = {stop: signal.signal(stop, self.stop) for stop in (signal.SIGINT, signal.SIGTERM)}
        try:
            while not self.stopping:
                self.announce()
                # The connection is not kept open across the wait (the server may close it meanwhile).
                connections.close_all()
                self.wait(options["every"])
        finally:
            for stop, handler in previous.items():
                signal.signal(stop, handler)

    def announce(self):
        count = announce_due_expiries()
        if self.verbosity and (count or not self.quiet_when_none):
            self.stdout.write(f"{count} newly expired article(s) announced.")

    def wait(self, seconds):
        deadline = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < deadline:
            time.sleep(min(1, deadline - time.monotonic()))

    def stop(self, *args):
        self.stopping = True
