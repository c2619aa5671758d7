from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.seeding import SEEDS_DIR, SeedError, load_seeds


class Command(BaseCommand):
    help = (
        "Load the demo content of seeds/ (site settings, organisations, people, teams, publications, "
        "grants, articles). Safe to run again: rows are matched by slug, DOI or title, and funder with "
        "award number; rows already there keep what editors changed, and a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", type=Path, default=SEEDS_DIR, help=f"Folder of seed files (default: {SEEDS_DIR})."
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Bring the seeded rows and their links back to the seed values, undoing editors' changes to them.",
        )

    def handle(self, *args, path, reset, verbosity, **options):
        try:
            counts = load_seeds(path, reset=reset)
        except SeedError as error:
            raise CommandError(f"Seeds not loaded, the database was not changed. {error}") from error
        if verbosity:
            self.stdout.write(self.style.SUCCESS(f"Seeds loaded from {path}."))
            for label, outcomes in counts.items():
                self.stdout.write(f"  {label}: " + ", ".join(f"{n} {outcome}" for outcome, n in outcomes.items()))
