"""Fixtures shared by every test module; the factories are in factories.py."""

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def fast_test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
def seeded(db):
    """The demo content of seeds/, loaded as `make run` loads it."""
    from django.core.management import call_command

    call_command("loadseeds", verbosity=0)
