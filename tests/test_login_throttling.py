"""Failed log-ins are throttled per user name and per address, with a page that says so and an unlock."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from factories import make_user

from newsroom.roles import EDITOR

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-password-1"


def log_in(client, username, password=PASSWORD, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail(client, username, times, address="203.0.113.7"):
    for attempt in range(times):
        log_in(client, username, password=f"wrong-{attempt}", address=address)


def test_the_right_password_is_refused_after_thirty_wrong_ones(client):
    make_user(EDITOR, username="emma")
    fail(client, "emma", 30)

    response = log_in(client, "emma")

    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_few_wrong_passwords_do_not_stop_the_right_one(client):
    make_user(EDITOR, username="emma")
    fail(client, "emma", 4)

    response = log_in(client, "emma")

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_locked_user_name_stays_locked_from_another_address(client):
    make_user(EDITOR, username="emma")
    fail(client, "emma", 5, address="203.0.113.7")

    assert log_in(client, "emma", address="198.51.100.20").status_code == 429


def test_an_address_trying_many_user_names_is_locked_for_every_user(client):
    make_user(EDITOR, username="emma")
    for number in range(5):
        fail(client, f"guess{number}", 1, address="203.0.113.9")

    assert log_in(client, "emma", address="203.0.113.9").status_code == 429
    assert log_in(client, "emma", address="198.51.100.20").status_code == 302


def test_the_lockout_page_says_how_long_it_lasts_in_the_readers_language(client, settings):
    from datetime import timedelta

    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    make_user(EDITOR, username="emma")
    fail(client, "emma", 5)

    english = log_in(client, "emma").content.decode()
    client.cookies["django_language"] = "fr"
    french = log_in(client, "emma").content.decode()
    client.cookies["django_language"] = "ru"
    russian = log_in(client, "emma").content.decode()

    assert "paused for 30 minutes" in english
    assert "Trop de connexions échouées" in french and "30 minutes" in french
    assert "Слишком много неудачных попыток входа" in russian and "30 минут" in russian


def test_the_lock_lifts_after_the_cool_off_time(client, settings):
    from datetime import timedelta

    make_user(EDITOR, username="emma")
    fail(client, "emma", 5)
    assert log_in(client, "emma").status_code == 429

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(hours=1))
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)

    assert log_in(client, "emma").status_code == 302


def test_the_reset_command_unlocks_a_user_name(client):
    make_user(EDITOR, username="emma")
    fail(client, "emma", 30)

    call_command("axes_reset_username", "emma")

    assert log_in(client, "emma").status_code == 302


def test_the_reset_command_unlocks_an_address(client):
    make_user(EDITOR, username="emma")
    for number in range(5):
        fail(client, f"guess{number}", 1, address="203.0.113.9")

    call_command("axes_reset_ip", "203.0.113.9")

    assert log_in(client, "emma", address="203.0.113.9").status_code == 302


def test_an_administrator_unlocks_a_user_by_deleting_the_attempt_in_the_admin(client, django_user_model):
    make_user(EDITOR, username="emma")
    fail(client, "emma", 30)
    admin = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    attempt = AccessAttempt.objects.get(username="emma")
    client.force_login(admin)

    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    deleted = client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    client.logout()

    assert "emma" in listing.content.decode()
    assert deleted.status_code == 302
    assert log_in(client, "emma").status_code == 302


def test_tests_that_force_a_login_are_not_throttled(client):
    user = make_user(EDITOR, username="emma")
    fail(client, "emma", 30)

    client.force_login(user)

    assert client.get("/admin/").status_code == 200
