"""Fixtures shared by every test module; the factories are in factories.py."""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def fast_test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Pages are rendered for each request, so that query counts measure the page; the page cache
    # has its own tests (test_page_cache.py), which turn it on. Rows of one test are rolled back
    # without a signal, so no page cached then may serve the next.
    settings.PAGE_CACHE_SECONDS = 0
    settings.CONTENT_CACHE_SECONDS = 0
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: a request in another language leaves it active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password-1")
    client.force_login(user)
    return client


@pytest.fixture
def tasks_at_once(settings):
    """Background tasks run as soon as they are queued, inside the test (no worker)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def seeded(db):
    """The demo content of seeds/, loaded as `make run` loads it."""
    from django.core.management import call_command

    call_command("loadseeds", verbosity=0)


# A real SMTP conversation --------------------------------------------------------------------------


class Mailbox:
    def __init__(self, folder):
        self.folder = folder

    @property
    def messages(self):
        return [json.loads(path.read_text()) for path in sorted(self.folder.glob("*.json"))]


@pytest.fixture
def smtp_server(settings, tmp_path):
    """Starts a local SMTP server (tests/smtp_sink.py) that refuses the first ``refuse`` messages, and
    sends the project's e-mails to it; returns its mailbox."""

    def start(refuse=0):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        folder = tmp_path / f"mail-{port}"
        folder.mkdir()
        server = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("smtp_sink.py")), str(port), str(refuse), str(folder)],
            stdout=subprocess.PIPE,
            text=True,
        )
        servers.append(server)
        assert server.stdout.readline().strip() == "ready"
        options = {"host": "127.0.0.1", "port": port, "timeout": 5}
        settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}}
        return Mailbox(folder)

    servers = []
    yield start
    for server in servers:
        server.terminate()
        server.wait(5)
