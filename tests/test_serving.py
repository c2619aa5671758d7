"""Production serving: the health check, structured logs, media served by the app."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from factories import make_image

from core.logs import JsonFormatter

ROOT = Path(__file__).resolve().parent.parent
HEALTH_PROBE = (
    "import django, json; django.setup(); from django.test import Client; "
    "r = Client().get('/healthz', HTTP_HOST='127.0.0.1'); print(r.status_code, r.content.decode())"
)


def probe_health(**env):
    """/healthz answered by a fresh process configured from ``env``, as an app server would be."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    result = subprocess.run(
        [sys.executable, "-c", HEALTH_PROBE], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    status, _, body = result.stdout.strip().splitlines()[-1].partition(" ")
    return int(status), json.loads(body)


def test_the_app_server_keeps_what_it_loaded_out_of_full_garbage_collections():
    """An app server's process loads the site through config.wsgi, which freezes what it loaded."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    probe = "import gc, config.wsgi; print(gc.get_freeze_count())"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert int(result.stdout.strip().splitlines()[-1]) > 10_000, result.stderr


@pytest.mark.django_db
def test_the_health_check_reports_database_cache_and_tasks(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "tasks": "ok"}}
    assert "no-cache" in response["Cache-Control"]


def test_the_health_check_fails_when_the_database_is_unreachable():
    status, body = probe_health(DATABASE_URL="postgres://postgres@127.0.0.1:9/unreachable")
    assert status == 503
    assert body["status"] == "failing" and body["checks"]["database"].startswith("failing")
    assert body["checks"]["cache"] == "ok"


def test_the_health_check_fails_when_the_cache_is_unreachable(tmp_path):
    status, body = probe_health(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", REDIS_URL="redis://127.0.0.1:9/0")
    assert status == 503 and body["checks"]["cache"].startswith("failing")


def test_log_lines_are_json_objects_with_level_logger_and_message():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", ("/nope/",), None)
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["logger"] == "django.request"
    assert line["message"] == "Not Found: /nope/"


@pytest.mark.django_db
def test_uploaded_pictures_are_served_by_the_app_when_no_web_server_is_in_front(client):
    assert settings.SERVE_MEDIA
    image = make_image()
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
