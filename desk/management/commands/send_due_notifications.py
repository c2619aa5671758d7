from django.core.management.base import BaseCommand

from desk.notifications import announce_due_expiries


class Command(BaseCommand):
    help = (
        "Announce the articles whose expiry time has passed since the last run (each once). Run it every few minutes."
    )

    def handle(self, *args, **options):
        count = announce_due_expiries()
        if options["verbosity"]:
            self.stdout.write(f"{count} newly expired article(s) announced.")
