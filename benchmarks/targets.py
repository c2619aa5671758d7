"""The pages ``make bench`` loads, and how many SQL queries each one runs, printed as JSON.

Run by benchmarks/run.py in its own process with the site's environment (page cache on or off
as the server has it), against the bench's database. Each page is fetched twice through the
test client: the first count includes what a fresh worker looks up once, the second is the
count of every later request; the median time of three more is the page's time for a request alone.
"""

import json
import os
import statistics
import sys
import time


def target_paths():
    """The article page and the team, person and publication it links to, with the lists and feeds."""
    from newsroom.models import Article

    article = Article.objects.live().for_detail().first()
    return {
        "home": "/",
        "news list": "/news/",
        "news list, page 50": "/news/?page=50",
        "article": article.get_absolute_url(),
        "team": article.teams.all()[0].get_absolute_url(),
        "person": article.featured_people[0].get_absolute_url(),
        "publication list": "/publications/",
        "publication": article.publications.all()[0].get_absolute_url(),
        "search": "/search/?q=metastasis",
        "RSS feed": "/news/feed/",
        "sitemap": "/sitemap.xml",
    }


def counts():
    from newsroom.models import Article
    from research.models import Grant, Organisation, Person, Publication, Team

    models = {"articles": Article, "teams": Team, "people": Person, "publications": Publication}
    models |= {"grants": Grant, "organisations": Organisation}
    return {name: model.objects.count() for name, model in models.items()}


def query_counts(client, path, timed=3):
    """Queries of a first and a second request, and the median milliseconds of ``timed`` later ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, times = [], []
    for number in range(2 + timed):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
        if number < 2:
            counts.append(len(queries))
        else:
            times.append(elapsed)
    return *counts, statistics.median(times)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    import config.wsgi  # noqa: F401 (loads the site as an app server does)

    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    pages = []
    for name, path in target_paths().items():
        first, later, alone_ms = query_counts(client, path)
        pages.append({"name": name, "path": path, "queries_first": first, "queries": later, "alone_ms": alone_ms})
    module, application = settings.WSGI_APPLICATION.rsplit(".", 1)
    found = {"wsgi": f"{module}:{application}", "database": connection.display_name, "counts": counts()}
    print(json.dumps(found | {"pages": pages}))


if __name__ == "__main__":
    main()
