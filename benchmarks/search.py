"""``make bench-search``: search and the admin's article list with 100,000 articles on PostgreSQL.

A fresh database is filled by ``build_bench_data --articles 100000`` (the other sizes at their
defaults, 20,000 publications among them); then, one request at a time, in-process through
Django's test client with production settings and the page cache off: the search page for 50
queries (ten phrasings, five times each, within a time budget) with the SQL time of each kind of
result, and the admin's article list for a superuser, plain and searched. Beside them, the
stack's floor: the median of a page that makes no query (robots.txt) through the same client and
middleware, so that runs on a faster or slower machine can be compared. Prints the times;
benchmarks/results/ keeps the JSON. The database is dropped at the end, after an error or Ctrl-C too.
"""

import argparse
import json
import os
import re
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

from .site import POSTGRES_URL, ROOT, STARTED, bounded, log, prepared_site, scratch_folder

RESULTS = Path(__file__).with_name("results")
QUERIES = (
    "metastasis",
    "fibroblasts",
    "pancreatic metastasis",
    "immunotherapy resistance",
    "tumour macrophages",
    "gemcitabine chemotherapy",
    "organoids",
    "single-cell sequencing",
    "hypoxia angiogenesis",
    "breast cancer patients",
)
# A page of the site that makes no query: what the stack alone costs on this machine now.
FLOOR_PAGE = "/robots.txt"
ADMIN_PAGES = {
    "admin article list": "/admin/newsroom/article/",
    "admin article list, searched": "/admin/newsroom/article/?q=metastasis",
}
# The table each kind of search result is read from, to share out the SQL time.
KIND_TABLES = {
    "news": '"newsroom_article"',
    "teams": '"research_team"',
    "people": '"research_person"',
    "publications": '"research_publication"',
}


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000, help="Articles in the data set (100,000).")
    parser.add_argument("--publications", type=int, default=20_000, help="Publications in the data set (20,000).")
    parser.add_argument("--requests", type=int, default=50, help="Search requests timed (50).")
    parser.add_argument("--budget", type=int, default=240, help="Seconds of searching at most; fewer are timed then.")
    parser.add_argument("--time-limit", type=int, default=1800, help="Stop everything after this many seconds.")
    return parser.parse_args()


def table_kind(sql):
    """The kind of result a query reads: the first of the kinds' tables it selects from."""
    tables = re.findall(r'FROM ("\w+")', sql)
    return next((kind for table in tables for kind, name in KIND_TABLES.items() if table == name), "other")


def timed(client, path):
    """Milliseconds of one request, its number of SQL queries, and their milliseconds by kind of result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    by_kind = dict.fromkeys([*KIND_TABLES, "other"], 0.0)
    for query in queries.captured_queries:
        by_kind[table_kind(query["sql"])] += float(query["time"]) * 1000
    return {"path": path, "ms": elapsed, "queries": len(queries), "sql_ms": by_kind}


def summary(times):
    ordered = sorted(times)
    return {
        "requests": len(ordered),
        "p50_ms": statistics.median(ordered),
        "p95_ms": ordered[min(round(0.95 * len(ordered)) - 1, len(ordered) - 1)],
        "max_ms": ordered[-1],
    }


def measure(env, requests, budget):
    """Times taken in this process, loaded as an app server loads the site (Django is not loaded before)."""
    # Every search is worked out: with the page cache on, a query asked again would be a cache hit.
    os.environ.update(env | {"NEWSROOM_PAGE_CACHE": "off"})
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connections
    from django.test import Client

    import config.wsgi  # noqa: F401 (loads the site as an app server does)

    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    paths = [f"/search/?{urlencode({'q': QUERIES[number % len(QUERIES)]})}" for number in range(requests)]
    timed(client, paths[0])  # the first request loads templates and opens the connection
    floor = statistics.median(timed(client, FLOOR_PAGE)["ms"] for _ in range(21))
    searches, deadline = [], time.monotonic() + budget
    for path in paths:
        if time.monotonic() > deadline:
            log(f"Search budget of {budget} s spent after {len(searches)} requests.")
            break
        searches.append(timed(client, path))
    user = get_user_model().objects.create_superuser("bench-admin", "bench@example.org", None)
    client.force_login(user)
    admin = {}
    for name, path in ADMIN_PAGES.items():
        timed(client, path)
        runs = [timed(client, path) for _ in range(5)]
        admin[name] = summary([run["ms"] for run in runs]) | {"path": path, "queries": runs[-1]["queries"]}
    connections.close_all()
    sql_ms = {kind: statistics.median(run["sql_ms"][kind] for run in searches) for kind in searches[0]["sql_ms"]}
    return {
        "floor_ms": floor,
        "search": summary([run["ms"] for run in searches]) | {"queries_per_request": searches[-1]["queries"]},
        "search_sql_ms_median_by_kind": sql_ms,
        "search_requests": searches,
        "admin": admin,
    }


def report(result):
    search = result["search"]
    lines = [
        f"Search and admin on PostgreSQL with {result['articles']:,} articles, one request at a time "
        "(in-process, production settings).",
        f"Data set built in {result['build_seconds']:.1f} s ({result['articles']:,} articles, "
        f"{result['publications']:,} publications).",
        f"search: {search['requests']} requests of {len(QUERIES)} queries: p50 {search['p50_ms']:.1f} ms, "
        f"p95 {search['p95_ms']:.1f} ms, worst {search['max_ms']:.1f} ms, {search['queries_per_request']} SQL queries",
        f"  {search['p50_ms'] / result['floor_ms']:.0f}× and {search['p95_ms'] / result['floor_ms']:.0f}× the stack's "
        f"floor ({FLOOR_PAGE}, no query: {result['floor_ms']:.2f} ms)",
        "  SQL time of a search (median), by kind of result: "
        + ", ".join(f"{kind} {ms:.1f} ms" for kind, ms in result["search_sql_ms_median_by_kind"].items()),
    ]
    for name, timing in result["admin"].items():
        lines.append(
            f"{name}: {timing['requests']} requests: p50 {timing['p50_ms']:.1f} ms, worst {timing['max_ms']:.1f} ms, "
            f"{timing['queries']} SQL queries"
        )
    lines.append(f"The whole bench took {result['wall_seconds']:.0f} s.")
    return "\n".join(lines)


def main():
    options = parse_arguments()
    bounded(options.time_limit)
    database_url = POSTGRES_URL.replace("newsroom_bench", "newsroom_bench_search")
    with scratch_folder("newsroom-bench-search-") as folder:
        build = ["--articles", str(options.articles), "--publications", str(options.publications)]
        with prepared_site("postgres", folder, build, postgres_url=database_url) as prepared:
            log(f"Timing {options.requests} searches and the admin's article list.")
            result = {"articles": options.articles, "publications": options.publications}
            result |= {"build_seconds": round(prepared.build_seconds, 1)}
            result |= measure(prepared.env, options.requests, options.budget)
    result["wall_seconds"] = round(time.monotonic() - STARTED, 1)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / "bench-search.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(report(result))
    print(f"Results written to {path.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
