"""Time a big publication file import through the real task worker.

Run with `.venv/bin/python benchmarks/imports.py` (BENCH_ENTRIES, default 53,000: a ~4.8 MB
BibTeX file, just within the upload limit). It makes a throwaway SQLite database file (or
uses DATABASE_URL, which must then name an empty scratch database), queues the file as the
admin's upload does, runs `manage.py db_worker --batch` until the queue is empty, and prints
the time and the counts.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = int(os.environ.get("BENCH_ENTRIES", "53000"))
sys.path.insert(0, str(ROOT / "tests"))

from reference_files import bibtex_file  # noqa: E402

QUEUE = """
from django.contrib.auth.models import User
from research.imports import start_import
user = User.objects.create_superuser("bench", "bench@example.org", "a-long-password-1")
start_import(user, "big.bib", open({path!r}, "rb").read(), [])
"""
REPORT = """
from research.models import ImportJob, Publication
job = ImportJob.objects.get()
print(job.status, job.total, "entries:", job.created_count, "created,", job.skipped_count, "skipped;",
      Publication.objects.count(), "publications,", Publication.objects.values("doi").distinct().count(), "DOIs")
"""


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def main():
    scratch = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    env = {"DATABASE_URL": f"sqlite:///{scratch / 'bench.sqlite3'}", **os.environ, "MEDIA_ROOT": str(scratch)}
    (scratch / "big.bib").write_bytes(content := bibtex_file(ENTRIES))
    print(f"{ENTRIES} entries, {len(content) / 1e6:.1f} MB")
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("shell", "-c", QUEUE.format(path=str(scratch / "big.bib")), env=env)
    started = time.perf_counter()
    manage("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0", env=env)
    print(f"imported by the worker in {time.perf_counter() - started:.0f} s")
    manage("shell", "-c", REPORT, env=env)


if __name__ == "__main__":
    main()
