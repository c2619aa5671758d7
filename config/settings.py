"""Settings for the newsroom, read from the environment.

Every value has a safe development default. In production set at least
DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; see README.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .email import mailers

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Old addresses of an imported archive answer with a redirect to the new article (newsroom/archive/).
    "django.contrib.sites",
    "django.contrib.redirects",
    # Full-text search fields and functions; harmless on SQLite, where search falls back.
    "django.contrib.postgres",
    "taggit",
    "reversion",
    # ISO 3166 countries with their names in each language (organisations)
    "django_countries",
    "django_prose_editor",
    "django_tasks_db",
    # For its Swagger UI files, served from the site's own static files (no CDN).
    "ninja",
    "core",
    "research",
    "newsroom",
    "desk",
    "public",
    "api",
    "alerts",
    # After newsroom: it adds the media kit to the article admin.
    "press",
]

MIDDLEWARE = [
    # Anonymous public pages are stored with the headers the middleware below gave them (security,
    # CSP, ETag); config/wsgi.py answers the stored ones before Django's handler runs at all.
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The API's rate limit, CORS and caching headers, outside the 304 answers so that they keep them.
    "api.middleware.api_middleware",
    "core.middleware.query_string_middleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags, and 304 answers for pages the reader already has (the page cache answers its own).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The admin and the desk in each staff member's chosen language (desk.languages), not the cookie's.
    "desk.languages.staff_language_middleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A page not found may be an old address: it answers with its redirect (never cached, as no 404 is).
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
]

# No SITE_ID: the current site is the request's host (core.sites), so that feeds and sitemaps keep
# the address they were asked at; redirects all belong to the one site row below.
REDIRECTS_SITE_ID = 1
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.common.CommonMiddleware"), "core.sites.request_host_site")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "public.context_processors.site_settings",
                "public.low_vision.context_processor",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# psycopg's connection pool on PostgreSQL (DATABASE_POOL=true), in place of persistent connections.
if env_bool("DATABASE_POOL", False) and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": int(os.environ.get("DATABASE_POOL_SIZE", "4")),
    }

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("ru", "Русский")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# The interface language is kept in a cookie (set by Django's set_language view), so that
# addresses stay the same in every language; it is remembered for a year like the low-vision choice.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded media on object storage (any S3 API) when a bucket is named, so that several app
# servers share them; on the local disk otherwise.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Published pictures are public: plain addresses that pages and proxies can cache.
            "querystring_auth": False,
            # e.g. public-read, for buckets that use ACLs rather than a bucket policy.
            "default_acl": os.environ.get("AWS_DEFAULT_ACL") or None,
            "file_overwrite": False,
        },
    }
    if AWS_STORAGE_BUCKET_NAME
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
# Serve uploaded media from the app itself (make serve does, when no web server is in front).
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG) and not AWS_STORAGE_BUCKET_NAME
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security settings that only make sense behind HTTPS are tied to DEBUG being off,
# so that `manage.py check --deploy` is clean in production and local HTTP still works.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# The preload directive does nothing until the domain is submitted to hstspreload.org, which
# commits every subdomain to HTTPS; set SECURE_HSTS_PRELOAD=false where that must never happen.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# The page cache of anonymous public pages (core/page_cache.py): how long a page is kept at most
# (0 or NEWSROOM_PAGE_CACHE=off turns it off), and how long a shared proxy may keep it. Edits show
# at once whatever these are. With several app servers, set REDIS_URL so they share one cache.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
if not env_bool("NEWSROOM_PAGE_CACHE", True):
    PAGE_CACHE_SECONDS = 0
PAGE_CACHE_PROXY_SECONDS = int(os.environ.get("PAGE_CACHE_PROXY_SECONDS", "60"))
# Without REDIS_URL each process keeps its own pages, and the cache generation that makes edits
# show at once lives in this file, read by every process of one machine (a temporary file by default).
PAGE_CACHE_GENERATION_FILE = os.environ.get("PAGE_CACHE_GENERATION_FILE", "")
# Pieces every page needs (site settings, menus) and the sitemaps are kept as long, for every
# request, with the page cache on or off (core.page_cache.remembered); 0 turns that off.
CONTENT_CACHE_SECONDS = int(os.environ.get("CONTENT_CACHE_SECONDS", "600"))
# Keywords are separated by commas only, so a keyword of several words needs no quotes.
TAGGIT_TAGS_FROM_STRING = "core.keywords.parse_keywords"
TAGGIT_STRING_FROM_TAGS = "core.keywords.keywords_text"
# Apps whose rows appear on public pages: a change to any of them invalidates the cache.
PAGE_CACHE_APPS = {"research", "newsroom", "taggit", "public"}
PAGE_CACHE_EXCLUDED_PATHS = (
    "/api/",
    "/admin/",
    "/preview/",
    "/i18n/",
    "/low-vision/",
    # The press room is for signed-in journalists only, and its pages say so (private, no-store).
    "/press/",
    "/healthz",
    "/media/",
    "/static/",
    # Pages reached with a reader's secret link (confirm, unsubscribe) are nobody else's.
    "/alerts/",
)

# The read-only API (/api/v1/): requests per address per window (0 turns the limit off), the
# window in seconds, and how long browsers and proxies may keep an answer (they revalidate by ETag).
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "300"))
API_RATE_WINDOW_SECONDS = int(os.environ.get("API_RATE_WINDOW_SECONDS", "60"))
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))

# How long a shareable preview link works, in hours; editors can revoke one sooner.
PREVIEW_LINK_HOURS = int(os.environ.get("PREVIEW_LINK_HOURS", "72"))

# Background tasks (publication file imports) are queued in the database and run by
# `manage.py db_worker`, which `make run` starts beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker that has said nothing about an import for this many seconds is taken to have died,
# and the next worker resumes the import where it stopped.
PUBLICATION_IMPORT_LEASE = int(os.environ.get("PUBLICATION_IMPORT_LEASE", "60"))

# E-mail (the desk's notifications): EMAIL_URL, or the usual EMAIL_* variables; printed to the
# console while debugging unless a server is named.
MAILERS = mailers(os.environ, DEBUG)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# Links in e-mails start with this address.
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000")
NOTIFICATION_SEND_ATTEMPTS = int(os.environ.get("NOTIFICATION_SEND_ATTEMPTS", "4"))
NOTIFICATION_RETRY_SECONDS = int(os.environ.get("NOTIFICATION_RETRY_SECONDS", "60"))

# Readers' e-mail alerts: the hour (institute time) at which daily digests, and weekly ones on
# Mondays, are sent by `manage.py send_alerts` (make run and make serve keep it running).
ALERT_DIGEST_HOUR = int(os.environ.get("ALERT_DIGEST_HOUR", "8"))
# Public forms sent sooner than this after they were shown are taken for a robot's (core/spam.py).
FORM_MIN_SECONDS = int(os.environ.get("FORM_MIN_SECONDS", "3"))
# The press room (press/): how long an accreditation lasts unless an editor sets its end, and how long
# an e-mailed sign-in link works.
PRESS_ACCREDITATION_DAYS = int(os.environ.get("PRESS_ACCREDITATION_DAYS", "365"))
PRESS_SIGN_IN_LINK_MINUTES = int(os.environ.get("PRESS_SIGN_IN_LINK_MINUTES", "30"))

# Crossref and NCBI ask API clients for a contact address in their User-Agent.
NEWSROOM_CONTACT_EMAIL = os.environ.get("NEWSROOM_CONTACT_EMAIL", "")

# Image library uploads: larger files or pictures are refused with a message (core/images.py).
NEWSROOM_IMAGE_MAX_BYTES = int(os.environ.get("NEWSROOM_IMAGE_MAX_BYTES", 20 * 1024 * 1024))
NEWSROOM_IMAGE_MAX_PIXELS = int(os.environ.get("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000))

# --- Security: login throttling (django-axes) and the Content-Security-Policy -------------------
# Kept in one block; the README's "Security" section explains each choice.
from datetime import timedelta  # noqa: E402

from django.utils.csp import CSP  # noqa: E402

INSTALLED_APPS += ["axes"]
# Axes must see every authentication attempt first, and its middleware comes last.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
# Inside the page cache: a cached page keeps the policy (and nonce) it was rendered with.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
)
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# A user name is locked after this many failures from any address, and an address after this many
# failures for any user names: guessing one password and trying many accounts are both stopped.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
# Axes would print its version on every start, mixed into the structured logs on standard output.
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Nothing is executed or styled unless it comes from this site or carries the page's nonce; the
# admin's rich-text editor loads its import map with that nonce. The editor (Tiptap) also injects
# its base stylesheet as a <style> element without a nonce: that one text is allowed by its hash
# (tests/test_content_security_policy.py recomputes it from the installed django-prose-editor).
# Pictures may be data: URLs (the admin's and the editor's icons) or come from CSP_EXTRA_IMAGE_SOURCES
# (e.g. the object storage that serves the media); nothing may frame the site or take its forms elsewhere.
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, PROSE_EDITOR_STYLE_HASH],
    "img-src": [CSP.SELF, "data:", *env_list("CSP_EXTRA_IMAGE_SOURCES")],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
TEMPLATES[0]["OPTIONS"]["context_processors"] += ["django.template.context_processors.csp"]
# Where vulnerabilities are reported (README, "Security"); the institute's own address in production.
SECURITY_CONTACT_EMAIL = os.environ.get("SECURITY_CONTACT_EMAIL", "security@example.org")
# --- End of the security block -------------------------------------------------------------------

WHITENOISE_AUTOREFRESH = DEBUG

# Logs go to standard output; as one JSON object per line (LOG_FORMAT=json, the default in
# production) for a log collector, or as plain text while debugging.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logs.JsonFormatter"}, "text": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
