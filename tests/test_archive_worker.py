"""A WordPress export, queued by the command and imported by the real worker
(``manage.py db_worker --batch``) on a database file of its own."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from archive_files import large_wxr

ROOT = Path(__file__).resolve().parent.parent
# The 5,000-item export is imported through the command in test_archive_scale.py; here the worker's part.
ITEMS = 200


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def test_a_queued_export_is_imported_by_the_worker(tmp_path):
    database = tmp_path / "worker.sqlite3"
    (tmp_path / "big.xml").write_bytes(large_wxr(ITEMS))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "MEDIA_ROOT": str(tmp_path / "media")}
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("import_archive", str(tmp_path / "big.xml"), "--publish", "--queue", env=env)

    started = time.monotonic()
    manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0", env=env)
    seconds = time.monotonic() - started

    with sqlite3.connect(database) as connection:
        job = connection.execute("SELECT status, processed, created_count FROM newsroom_archiveimport").fetchone()
        articles = connection.execute("SELECT count(*) FROM newsroom_article").fetchone()[0]
        redirects = connection.execute("SELECT count(*) FROM django_redirect").fetchone()[0]
    print(f"\n{ITEMS} WXR items imported by the worker in {seconds:.1f} s")
    assert job == ("done", ITEMS, ITEMS) and articles == ITEMS and redirects == 2 * ITEMS
