"""``make bench``: the public pages under load, with production settings, against a floor.

A fresh database (PostgreSQL, or SQLite with ``--sqlite``) is filled by ``build_bench_data``;
the site is served by gunicorn twice, one server with ``NEWSROOM_PAGE_CACHE=off`` and one with
``on``, beside the floor (benchmarks/floor.py). wrk loads one page of one server at a time: in
each round every page on both servers, each page followed by a short run of the floor (see
``load_rounds``). A round after the first that would end after ``--deadline`` is not started.
The table gives each page's throughput and latency, its share of the floor's throughput, its
SQL query count and each worker's peak memory; benchmarks/results/ keeps the JSON. Every
process started here is stopped at the end, after an error or Ctrl-C too.
"""

import argparse
import json
import shlex
import subprocess
import sys
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

from .load import DRAIN_LIMIT, combined, hammer, settle, wrk_available
from .servers import WORKERS, Gunicorn, get
from .site import ROOT, STARTED, bounded, log, prepared_site, scratch_folder, settings_module

RESULTS = Path(__file__).with_name("results")
MODES = ("off", "on")
# A path every server answers cheaply: sent after each target to wait out its backlog.
DRAIN_PATH = "/robots.txt"
# The floor's runs beside each page: a second gives it thousands of requests.
FLOOR_SECONDS = 1


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres", help="Database (postgres).")
    parser.add_argument("--sqlite", dest="db", action="store_const", const="sqlite", help="Same as --db sqlite.")
    parser.add_argument("--seconds", type=int, default=3, help="wrk duration per page and round (3).")
    parser.add_argument("--rounds", type=int, default=2, help="Rounds over all the pages (2).")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2).")
    parser.add_argument("--build", default="", help='Options for build_bench_data, e.g. "--articles 2000".')
    parser.add_argument("--deadline", type=int, default=540, help="Start no round that would end later (540 s).")
    parser.add_argument("--time-limit", type=int, default=900, help="Stop everything after this many seconds.")
    return parser.parse_args()


def pages_and_queries(env, mode):
    finished = subprocess.run(
        [sys.executable, "-m", "benchmarks.targets"],
        cwd=ROOT,
        env=env | {"NEWSROOM_PAGE_CACHE": mode},
        stdout=subprocess.PIPE,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(finished.stdout.strip().splitlines()[-1])


def warm_up(server, pages, times=2):
    """A couple of requests to each page that is quick alone, so that both workers have run it."""
    for page in pages:
        if page["alone_ms"] < 1000:
            for _ in range(times):
                get(server.url + page["path"])


def expected_backlog(options, alone_ms):
    """Seconds the server needs for the requests still queued when wrk stops."""
    return options.connections * alone_ms / 1000 / WORKERS


def load_rounds(prepared, sites, floor, found, options):
    """In each round, every page on both sites, each page followed by a short run of the floor.

    The sites swap places every round, so that neither always goes first. The floor's runs are
    keyed by the page they follow: each page is compared with the floor measured beside it, as
    other work on the machine comes and goes.
    """
    alone = {(page["name"], mode): page["alone_ms"] for mode in MODES for page in found[mode]["pages"]}
    runs, round_seconds = defaultdict(list), 0
    for number in range(1, options.rounds + 1):
        if number > 1 and time.monotonic() - STARTED + round_seconds > options.deadline:
            log(f"Round {number} would end after the deadline of {options.deadline} s: not started.")
            break
        round_started = time.monotonic()
        for page in found["off"]["pages"]:
            for mode in MODES if number % 2 else MODES[::-1]:
                run = load(prepared, sites[mode], page["path"], options.seconds, alone[page["name"], mode], options)
                runs[page["name"], mode].append(run)
                log(f"round {number}, {page['name']}, cache {mode}: {run['rps']:.1f} req/s, {run['settled']}")
            runs["floor", page["name"]].append(load(prepared, floor, "/", FLOOR_SECONDS, 0, options))
        round_seconds = time.monotonic() - round_started
    return runs


def load(prepared, server, path, seconds, alone_ms, options):
    """One wrk run, then the server left with an empty backlog."""
    run = hammer(server.url + path, seconds, options.connections, options.threads)
    backlog = expected_backlog(options, alone_ms)
    return run | {"settled": settle(server, DRAIN_PATH, backlog, prepared.cancel_queries)}


def bench(options, folder):
    with ExitStack() as stack:
        prepared = stack.enter_context(prepared_site(options.db, folder, shlex.split(options.build)))
        log("Counting each page's SQL queries in-process.")
        found = {mode: pages_and_queries(prepared.env, mode) for mode in MODES}
        sites = {}
        for mode in MODES:
            site_env = prepared.env | {"NEWSROOM_PAGE_CACHE": mode}
            sites[mode] = stack.enter_context(Gunicorn(found[mode]["wsgi"], site_env, folder, f"site, cache {mode}"))
            warm_up(sites[mode], found[mode]["pages"])
        article = folder / "article.html"
        article_path = next(page["path"] for page in found["off"]["pages"] if page["name"] == "article")
        article.write_bytes(get(sites["off"].url + article_path))
        floor_env = prepared.env | {"BENCH_FLOOR_PAGE": str(article)}
        floor = stack.enter_context(Gunicorn("benchmarks.floor:application", floor_env, folder, "floor"))
        warm_up(floor, [{"path": "/", "alone_ms": 0}])
        load_before = load_average()
        runs = load_rounds(prepared, sites, floor, found, options)
        memory = {f"site, page cache {mode}": sites[mode].worker_peaks() for mode in MODES}
        extras = {
            "build_seconds": round(prepared.build_seconds, 1),
            "worker_peak_mib": memory | {"floor": floor.worker_peaks()},
            "restarts": {mode: sites[mode].restarts for mode in MODES},
            "machine": {"load_average_before": load_before, "load_average_after": load_average()},
        }
    return results(options, found, runs) | extras


def load_average():
    """The machine's one-minute load average."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def results(options, found, runs):
    pages = []
    for page in found["off"]["pages"]:
        row = {"name": page["name"], "path": page["path"], "queries": {}}
        for mode in MODES:
            counted = next(p for p in found[mode]["pages"] if p["name"] == page["name"])
            row["queries"][mode] = {"first": counted["queries_first"], "later": counted["queries"]}
            row.setdefault("alone_ms", {})[mode] = round(counted["alone_ms"], 1)
            measured, floor = combined(runs[page["name"], mode]), combined(runs["floor", page["name"]])
            row[mode] = measured | {"floor_ratio": measured["rps"] / floor["rps"], "floor_beside": floor}
        pages.append(row)
    return {
        "database": found["off"]["database"],
        "settings_module": settings_module(),
        "counts": found["off"]["counts"],
        "load": {
            "tool": "wrk",
            "seconds": options.seconds,
            "rounds": len(runs["floor", found["off"]["pages"][0]["name"]]),
            "floor_seconds": FLOOR_SECONDS,
            "rounds_asked": options.rounds,
            "connections": options.connections,
            "threads": options.threads,
            "gunicorn_workers": WORKERS,
            "worker_class": "sync",
        },
        "pages": pages,
        "floor": combined([run for (name, _), kept in runs.items() if name == "floor" for run in kept]),
    }


def milliseconds(value):
    return "—" if value is None else f"{value:.1f}"


def marks(run):
    restarted = any(one["settled"] == "restarted" for one in run["rounds"])
    return ("*" if restarted else "") + ("!" if run["http_errors"] or run["socket_errors"] else "")


def cell(run, alone_ms):
    # No request back in time: fewer than one over all the rounds' seconds.
    rate = f"{run['rps']:.1f}" if run["requests"] else f"<{1 / sum(one['seconds'] for one in run['rounds']):.2f}"
    return (
        f"{rate:>7} {milliseconds(run['p50_ms']):>8} {milliseconds(run['p99_ms']):>8} "
        f"{run['floor_ratio']:>6.3f} {milliseconds(alone_ms):>8}{marks(run):<2}"
    )


def table(result):
    load, counts = result["load"], result["counts"]
    heading = f"{'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'floor':>6} {'alone ms':>8}  "
    lines = [
        f"Newsroom under load: {result['database']}, {counts['articles']:,} articles, {counts['publications']:,} "
        f"publications; gunicorn {load['gunicorn_workers']} sync workers; wrk {load['connections']} connections, "
        f"{load['threads']} threads, {load['rounds']} rounds × {load['seconds']} s per page.",
        "req/s over all rounds; p50 the median of the rounds, p99 the worst (— when no request came back in time);",
        "floor = req/s ÷ the req/s of the floor run beside it; alone = one request by itself, in-process",
        "(the median of three); queries = SQL queries of a request after the first, with the page cache off / on.",
        "",
        f"{'':<20} {'':>9}   {'page cache off':<44} {'page cache on':<44}",
        f"{'page':<20} {'queries':>9}   {heading} {heading}",
    ]
    for page in result["pages"]:
        queries = f"{page['queries']['off']['later']} / {page['queries']['on']['later']}"
        cells = " ".join(cell(page[mode], page["alone_ms"][mode]) for mode in MODES)
        lines.append(f"{page['name']:<20} {queries:>9}   {cells}")
    floor = cell(result["floor"] | {"floor_ratio": 1.0}, None)
    lines.append(f"{'floor':<20} {'0':>9}   {floor} (all its {result['load']['floor_seconds']} s runs)")
    memory = "; ".join(
        f"{where}: {', '.join(map(str, peaks))} MiB" for where, peaks in result["worker_peak_mib"].items()
    )
    flagged = "".join(marks(page[mode]) for page in result["pages"] for mode in MODES) + marks(result["floor"])
    lines.append("")
    if "*" in flagged:
        lines.append(f"* restarted after the run rather than drained: its backlog would take over {DRAIN_LIMIT} s.")
    if "!" in flagged:
        lines.append("! some requests failed (HTTP or socket errors); see the JSON.")
    lines += [
        f"Peak memory of each gunicorn worker (VmHWM): {memory}.",
        "Load average of the machine before and after the load: {load_average_before} and {load_average_after} "
        "(other work on the machine lowers every figure, the floor's too).".format(**result["machine"]),
        f"Data set built in {result['build_seconds']:.1f} s; the whole bench took {result['wall_seconds']:.0f} s.",
    ]
    return "\n".join(lines)


def main():
    options = parse_arguments()
    if not wrk_available():
        sys.exit("wrk is needed: apt-get install -y wrk")
    bounded(options.time_limit)
    with scratch_folder("newsroom-bench-") as folder:
        result = bench(options, folder)
    result["wall_seconds"] = round(time.monotonic() - STARTED, 1)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{options.db}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))
    print(f"Results written to {path.relative_to(ROOT)}.")


if __name__ == "__main__":
    main()
