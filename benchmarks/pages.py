"""Time the public pages with a realistic amount of content.

Run with `make bench`. It builds a throwaway test database (SQLite in memory, or the
database of DATABASE_URL with a `test_` prefix), fills it with the seed content plus
ARTICLES generated articles, then requests each public page REPEAT times and prints the
median and worst time and the number of SQL queries per page.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import django

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "500"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="newsroom-bench-")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from newsroom.models import Article  # noqa: E402
from research.models import Grant, Organisation, Person, Publication, Team  # noqa: E402


def fill(count):
    teams = list(Team.objects.all())
    people = list(Person.objects.all())
    publications = list(Publication.objects.all())
    grants = list(Grant.objects.all())
    partners = list(Organisation.objects.all()[:4])
    now = timezone.now()
    for number in range(count):
        article = Article.objects.create(
            title=f"Benchmark article {number} about the tumour microenvironment",
            standfirst="A short summary of a result, as editors write them. " * 3,
            body="<p>" + "Paragraph of body text about research. " * 40 + "</p>" * 6,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(hours=number),
        )
        article.teams.set(teams)
        article.publications.set(publications)
        article.grants.set(grants)
        article.people.set(people, through_defaults={"order": 0})
        article.partners.set(partners, through_defaults={"role": "collaboration"})
        article.keywords.add("metastasis", "benchmark", f"topic {number % 20}")


def pages():
    article = Article.objects.live().first()
    team = Team.objects.first()
    return {
        "home": "/",
        "news list": "/news/",
        "news list, page 5": "/news/?page=5",
        "news by team": f"/news/?team={team.slug}",
        "article": article.get_absolute_url(),
        "team": team.get_absolute_url(),
        "person": Person.objects.first().get_absolute_url(),
        "publications": "/publications/",
        "publication": Publication.objects.first().get_absolute_url(),
        "grant": Grant.objects.first().get_absolute_url(),
        "RSS feed": "/news/feed/",
        "sitemap": "/sitemap.xml",
    }


def measure(client, url):
    timings = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), max(timings), len(queries)


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        call_command("loadseeds", verbosity=0)
        fill(ARTICLES)
        client = Client()
        print(f"{connection.vendor}, {ARTICLES} extra articles, {REPEAT} requests per page")
        print(f"{'page':<20} {'median ms':>10} {'worst ms':>10} {'queries':>8}")
        for name, url in pages().items():
            median, worst, queries = measure(client, url)
            print(f"{name:<20} {median * 1000:>10.1f} {worst * 1000:>10.1f} {queries:>8}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
