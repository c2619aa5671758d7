"""Fetch again the publications that are online ahead of print, and fill in what has appeared since.

Run it now and then (weekly is plenty): once a paper is in an issue, Crossref (by DOI) or
PubMed (by PubMed ID) gives its volume, issue and pages, and its status becomes published.
A source that cannot be reached is reported for that publication; the others go on.
"""

from django.core.management.base import BaseCommand

from research.importing import SKIPPED, ImportRights, refresh_publication
from research.models import Publication
from research.sources.http import LookupFailed, client_for


class Command(BaseCommand):
    help = "Re-fetch the publications that are online ahead of print from Crossref or PubMed and update them."
    # ``client`` lets tests pass an HTTP client that serves recorded answers.
    stealth_options = ("client",)

    def handle(self, *args, client=None, **options):
        publications = Publication.objects.filter(status=Publication.Status.AHEAD_OF_PRINT).order_by("pk")
        counts = {"updated": 0, "unchanged": 0, "failed": 0}
        with client_for(client) as http:
            for publication in publications:
                counts[self.refresh(publication, http)] += 1
        total = sum(counts.values())
        self.stdout.write(
            f"{total} publication{'' if total == 1 else 's'} online ahead of print checked: "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged, {counts['failed']} could not be checked."
        )

    def refresh(self, publication, http):
        if not publication.doi and not publication.pmid:
            self.stderr.write(f"“{publication}”: no DOI or PubMed ID to look it up by.")
            return "failed"
        try:
            outcome = refresh_publication(publication, http, rights=ImportRights.of_the_site())
        except LookupFailed as error:
            self.stderr.write(f"“{publication}”: {error}")
            return "failed"
        if outcome.action != SKIPPED:
            self.stdout.write(self.style.SUCCESS(f"“{publication}”: {outcome.source} {outcome.details}."))
            return "updated"
        if outcome.publication is None:
            self.stderr.write(f"“{publication}”: not updated, {outcome.reason}.")
            return "failed"
        self.stdout.write(f"“{publication}”: no change.")
        return "unchanged"
