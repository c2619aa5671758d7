"""The mailer of the notifications, from the environment (config/email.py)."""

import pytest

from config.email import mailers

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_an_email_url_names_the_server_and_its_login():
    mailer = mailers({"EMAIL_URL": "smtp://desk%40example.org:s%3Acret@mail.example.org:587?tls=true"}, debug=True)

    assert mailer["default"]["BACKEND"] == SMTP
    assert mailer["default"]["OPTIONS"] | {"timeout": 0} == {
        "host": "mail.example.org",
        "port": 587,
        "username": "desk@example.org",
        "password": "s:cret",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 0,
    }


def test_smtps_means_tls_from_the_start_on_port_465():
    options = mailers({"EMAIL_URL": "smtps://mail.example.org"}, debug=False)["default"]["OPTIONS"]

    assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)


def test_the_usual_email_variables_work_without_a_url():
    environ = {"EMAIL_HOST": "relay.example.org", "EMAIL_PORT": "2525", "EMAIL_USE_TLS": "true"}
    options = mailers(environ, debug=True)["default"]["OPTIONS"]

    assert (options["host"], options["port"], options["use_tls"]) == ("relay.example.org", 2525, True)


def test_development_prints_emails_and_production_sends_them():
    assert mailers({}, debug=True)["default"]["BACKEND"].endswith("console.EmailBackend")
    assert mailers({}, debug=False)["default"]["BACKEND"] == SMTP


def test_an_unknown_scheme_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="EMAIL_URL must start with one of"):
        mailers({"EMAIL_URL": "http://mail.example.org"}, debug=True)
