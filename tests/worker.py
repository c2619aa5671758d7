"""The background-task worker run by a test: in the test's process, in its transaction.

A test module that imports ``worker_keeps_the_test_connection`` has it for each of its tests."""

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def worker_keeps_the_test_connection(monkeypatch):
    """The worker runs in this process, in the test's transaction (rolled back at its end); like
    Django's test client, it must not close that connection between tasks."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0")
