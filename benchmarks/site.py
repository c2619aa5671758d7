"""A throwaway copy of the site to load: its database, data set, static files and production settings.

PostgreSQL gets a fresh database, created here and dropped when the bench ends (even after an
error or Ctrl-C); SQLite gets a file in the bench's temporary folder. The settings module is
the one of ``DJANGO_SETTINGS_MODULE``, run with the values a production server would have.
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/newsroom_bench"
STARTED = time.monotonic()


def log(message):
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


def settings_module():
    return os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings")


def production_environment(database_url, folder):
    """The site's environment as a production server would set it, over plain HTTP on 127.0.0.1."""
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": settings_module(),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }


def manage(env, *arguments, timeout=600):
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, check=True, timeout=timeout)


@contextmanager
def shielded():
    """Ctrl-C, SIGTERM and the time limit wait until the enclosed clean-up is done: nothing is left behind."""
    signals = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGALRM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def scratch_folder(prefix):
    """A temporary folder, removed at the end; the time limit stops counting once the work is done."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield folder
    finally:
        signal.alarm(0)
        with shielded():
            shutil.rmtree(folder, ignore_errors=True)


def bounded(seconds):
    """End the bench (through every clean-up) on SIGTERM or SIGHUP, and after ``seconds`` at the latest."""

    def stop(signum, frame):
        raise SystemExit(f"Stopped by {signal.Signals(signum).name}.")

    def too_long(signum, frame):
        raise TimeoutError(f"The bench took more than {seconds} s and was stopped.")

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(seconds)


@contextmanager
def postgres_database(url):
    """A new, empty database named after ``url`` and this process, dropped on the way out.

    The process id in the name keeps benches run side by side on one PostgreSQL server (from
    several checkouts) out of each other's way; databases of benches that were killed, whose
    process is gone, are dropped first.
    """
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    prefix = parts.path.lstrip("/")
    name = f"{prefix}_{os.getpid()}"
    maintenance = parts._replace(scheme="postgresql", path="/postgres").geturl()
    try:
        admin = psycopg.connect(maintenance, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"PostgreSQL is not reachable at {maintenance} ({error}). Start it with:\n"
            "  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
        ) from error

    def drop(database):
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database)))

    def cancel_queries():
        """End the queries still running: a killed worker's query would otherwise run on, taking CPU."""
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND state = 'active' AND pid <> pg_backend_pid()",
            [name],
        )

    with admin:
        for (left,) in admin.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{prefix}\\_%"]):
            pid = left.removeprefix(f"{prefix}_")
            if pid.isdigit() and not Path(f"/proc/{pid}").exists():
                drop(left)
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield parts._replace(path=f"/{name}").geturl(), cancel_queries
        finally:
            with shielded():
                drop(name)


@dataclass
class PreparedSite:
    env: dict
    build_seconds: float
    # Stops queries still running for workers that were killed; nothing to do on SQLite.
    cancel_queries: Callable[[], None]


@contextmanager
def prepared_site(database, folder, build_arguments=(), postgres_url=POSTGRES_URL):
    """A migrated site filled by ``build_bench_data``, with its static files collected."""
    sqlite = f"sqlite:///{folder / 'bench.sqlite3'}", lambda: None
    with postgres_database(postgres_url) if database == "postgres" else nullcontext(sqlite) as (url, cancel_queries):
        env = production_environment(url, folder)
        log(f"Migrating a new {database} database.")
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        log("Building the data set: " + (" ".join(build_arguments) or "default sizes") + ".")
        started = time.monotonic()
        manage(env, "build_bench_data", *build_arguments, timeout=1200)
        build_seconds = time.monotonic() - started
        log("Collecting static files.")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        yield PreparedSite(env, build_seconds, cancel_queries)
