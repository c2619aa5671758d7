"""Load from wrk, a separate process, one target at a time.

When wrk stops, up to one request per connection is still waiting in the server's backlog and
gets served after it. Before the next target is timed, one blocking request is sent to the
same server and waited for, so that the next target does not pay for the previous one's queue.
A page so slow that its backlog would take longer than ``DRAIN_LIMIT`` (a search taking seconds,
times 32 connections) would stretch the bench past its time: that server is restarted instead,
which drops the backlog, and the database's queries for it are cancelled.
"""

import json
import shutil
import statistics
import subprocess
from pathlib import Path

from .servers import get

REPORT_SCRIPT = Path(__file__).with_name("report.lua")
# Seconds a backlog may take to drain before the server is restarted instead.
DRAIN_LIMIT = 20


def wrk_available():
    return shutil.which("wrk") is not None


def hammer(url, seconds, connections, threads):
    """One wrk run against ``url``: requests per second, latency percentiles in ms, and errors."""
    command = [
        *("wrk", f"--threads={threads}", f"--connections={connections}", f"--duration={seconds}s"),
        *("--timeout=30s", f"--script={REPORT_SCRIPT}", url),
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    summary = json.loads(finished.stdout.strip().splitlines()[-1])
    errors = sum(summary[key] for key in ("connect_errors", "read_errors", "write_errors", "timeouts"))
    done = summary["requests"]
    return {
        "requests": done,
        "seconds": summary["duration_us"] / 1e6,
        "rps": done / (summary["duration_us"] / 1e6),
        # No latency when no request came back within the run.
        **{f"{key}_ms": summary[f"{key}_us"] / 1000 if done else None for key in ("p50", "p90", "p99", "max")},
        "http_errors": summary["status_errors"],
        "socket_errors": errors,
    }


def drain(server_url, path="/"):
    """Wait for the server to work through its backlog: one request, sent after it, must come back."""
    get(server_url + path, timeout=DRAIN_LIMIT * 3)


def settle(server, path, expected_backlog, cancel_queries):
    """Leave ``server`` with an empty backlog: drained, or restarted when that would take too long."""
    if expected_backlog <= DRAIN_LIMIT:
        try:
            drain(server.url, path)
            return "drained"
        except OSError:
            pass  # timed out
    server.restart()
    cancel_queries()
    return "restarted"


def combined(rounds):
    """Several rounds of one target as one row: throughput over all of them, the median p50, the worst p99."""
    requests = sum(run["requests"] for run in rounds)
    seconds = sum(run["seconds"] for run in rounds)
    answered = [run for run in rounds if run["requests"]]
    return {
        "requests": requests,
        "rps": requests / seconds,
        "p50_ms": statistics.median(run["p50_ms"] for run in answered) if answered else None,
        "p99_ms": max((run["p99_ms"] for run in answered), default=None),
        "http_errors": sum(run["http_errors"] for run in rounds),
        "socket_errors": sum(run["socket_errors"] for run in rounds),
        "rounds": rounds,
    }
