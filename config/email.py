"""The mailer (Django's ``MAILERS``) from the environment: ``EMAIL_URL`` (smtp://user:password@host:587?tls=true,
smtps://… for TLS from the start, console:// or locmem://), else EMAIL_HOST, EMAIL_PORT,
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS and EMAIL_USE_SSL; while debugging with no
server named, e-mails are printed on the console."""

from urllib.parse import parse_qs, unquote, urlsplit

SMTP = "django.core.mail.backends.smtp.EmailBackend"
BACKENDS = {
    "smtp": SMTP,
    "smtps": SMTP,
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}


def is_on(value):
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def smtp_options(environ):
    url = environ.get("EMAIL_URL", "")
    if not url:
        return {
            "host": environ.get("EMAIL_HOST", "localhost"),
            "port": int(environ.get("EMAIL_PORT", "25")),
            "username": environ.get("EMAIL_HOST_USER", ""),
            "password": environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": is_on(environ.get("EMAIL_USE_TLS", "")),
            "use_ssl": is_on(environ.get("EMAIL_USE_SSL", "")),
        }
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    ssl = parts.scheme == "smtps" or is_on(query.get("ssl", ""))
    return {
        "host": parts.hostname or "localhost",
        "port": parts.port or (465 if ssl else 25),
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_tls": is_on(query.get("tls", "")),
        "use_ssl": ssl,
    }


def mailers(environ, debug):
    """``MAILERS`` with one default mailer."""
    url = environ.get("EMAIL_URL", "")
    scheme = urlsplit(url).scheme if url else ("smtp" if environ.get("EMAIL_HOST") or not debug else "console")
    if scheme not in BACKENDS:
        raise ValueError(f"EMAIL_URL must start with one of {', '.join(BACKENDS)}, not {scheme!r}")
    if BACKENDS[scheme] != SMTP:
        return {"default": {"BACKEND": BACKENDS[scheme]}}
    options = smtp_options(environ) | {"timeout": int(environ.get("EMAIL_TIMEOUT", "20"))}
    return {"default": {"BACKEND": SMTP, "OPTIONS": options}}
