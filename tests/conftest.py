"""Fixtures shared by every test module; the factories are in factories.py."""

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
