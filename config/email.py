"""E-mail settings from the environment: ``EMAIL_URL`` (smtp://user:password@host:587?tls=true,
smtps://… for TLS from the start, console:// or locmem://), else EMAIL_HOST, EMAIL_PORT,
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS and EMAIL_USE_SSL."""

from urllib.parse import parse_qs, unquote, urlsplit

BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}


def is_on(value):
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def email_settings(environ, debug):
    """``(backend, host, port, user, password, use_tls, use_ssl)``."""
    url = environ.get("EMAIL_URL", "")
    if url:
        parts = urlsplit(url)
        if parts.scheme not in BACKENDS:
            raise ValueError(f"EMAIL_URL must start with one of {', '.join(BACKENDS)}: not {parts.scheme!r}")
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        ssl = parts.scheme == "smtps" or is_on(query.get("ssl", ""))
        return (
            BACKENDS[parts.scheme],
            parts.hostname or "localhost",
            parts.port or (465 if ssl else 25),
            unquote(parts.username or ""),
            unquote(parts.password or ""),
            is_on(query.get("tls", "")),
            ssl,
        )
    host = environ.get("EMAIL_HOST", "")
    backend = BACKENDS["smtp"] if host or not debug else BACKENDS["console"]
    return (
        environ.get("EMAIL_BACKEND", backend),
        host or "localhost",
        int(environ.get("EMAIL_PORT", "25")),
        environ.get("EMAIL_HOST_USER", ""),
        environ.get("EMAIL_HOST_PASSWORD", ""),
        is_on(environ.get("EMAIL_USE_TLS", "")),
        is_on(environ.get("EMAIL_USE_SSL", "")),
    )
