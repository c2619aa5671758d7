"""Settings read from the environment, checked in a fresh process as production would start it."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k3y-for-tests-only-6Qd9vLx2Rz8Wm4Tn7Yp1Hs5Jc0Fb3Ge8Ua2Nq6Xo9Ki4Vt",
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
}
SHOW_DATABASE = "from django.db import connection; print(connection.vendor, connection.settings_dict['NAME'])"
SHOW_CACHE = "from django.conf import settings; c = settings.CACHES['default']; print(c['BACKEND'], c['LOCATION'])"


def show(code, **environ):
    """Run a line of Python in a Django shell and return what it printed."""
    return manage("shell", "--no-imports", "-c", code, **environ)


def manage(*args, **environ):
    """Run manage.py with only PATH and the given variables in the environment."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **environ},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    environ = {name: value for name, value in PRODUCTION.items() if name != "SECRET_KEY"}

    result = manage("check", **environ)

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_development_starts_without_any_environment():
    result = manage("check")

    assert result.returncode == 0, result.stderr


def test_database_url_selects_the_database():
    sqlite = show(SHOW_DATABASE, DATABASE_URL="sqlite:////tmp/newsroom-elsewhere.sqlite3")
    postgres = show(SHOW_DATABASE, DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom")

    assert sqlite.stdout.split() == ["sqlite", "/tmp/newsroom-elsewhere.sqlite3"], sqlite.stderr
    assert postgres.stdout.split() == ["postgresql", "newsroom"], postgres.stderr


def test_without_database_url_the_project_sqlite_file_is_used():
    result = show(SHOW_DATABASE)

    assert result.stdout.split() == ["sqlite", str(BASE_DIR / "db.sqlite3")], result.stderr


def test_redis_url_selects_the_redis_cache():
    result = show(SHOW_CACHE, REDIS_URL="redis://127.0.0.1:6379/2")

    assert result.stdout.split() == ["django.core.cache.backends.redis.RedisCache", "redis://127.0.0.1:6379/2"]


def test_without_redis_url_the_cache_stays_in_memory():
    result = show("from django.conf import settings; print(settings.CACHES['default']['BACKEND'])")

    assert result.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache", result.stderr
