"""A whole-page cache for anonymous readers that is never stale.

Every cached page is stored under the current *generation*, a number that any saved or deleted
row of the project's models increases when it is committed (``invalidate_on_commit``), so an
edit, a publish, a trash or a new keyword shows at once: pages of the older generation are simply
never read again. A page is also
kept no longer than until the next scheduled change of any publishable kind (a publish time or an
expiry time or an embargo lift still to come), so scheduled publishing and embargo lifts show on
time without a cron job.

Pages vary by path and query string, interface language and low-vision settings. Requests that
carry a session cookie (staff, and anyone who logged in) never read or fill the cache.

``remembered`` keeps smaller pieces the same way (the site settings, the menus, the sitemaps),
for every request including those the page cache does not serve: staff's, and all of them when
the page cache is off. ``CONTENT_CACHE_SECONDS`` bounds their lifetime (0 turns it off).
"""

import functools
import hashlib
import os
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.handlers.wsgi import WSGIRequest
from django.db import transaction
from django.db.models import Min, Q
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control

from .publishing import Embargoable, Publishable, Status

GENERATION_KEY = "page-cache:generation"
PAGE_PREFIX = "page-cache:page"
NEXT_CHANGE_PREFIX = "page-cache:next-change"
REMEMBERED_PREFIX = "page-cache:remembered"
# The WSGI environ's note of a lookup PageCacheApplication made and found nothing for.
LOOKED_UP = "newsroom.page_cache.looked_up"
MISSING = object()


def enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def generation_file():
    """Where the generation is kept when the cache is each process's own memory: a small file that
    every process of this installation reads (gunicorn's workers, the task worker), so that an edit
    saved by one process shows at once in the pages cached by all. Its path as text, worked out once
    per setting: it is read on every request."""
    return generation_path(settings.PAGE_CACHE_GENERATION_FILE, str(settings.BASE_DIR))


@functools.cache
def generation_path(configured, base_dir):
    name = hashlib.sha256(base_dir.encode()).hexdigest()[:16]
    return configured or os.path.join(tempfile.gettempdir(), f"newsroom-{name}.generation")


def process_local():
    return isinstance(caches["default"], LocMemCache)


def generation():
    if process_local():
        try:
            with open(generation_file(), "rb") as file:
                return int(file.read() or 0)
        except (OSError, ValueError):
            return write_generation()
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A fresh number rather than 1: after a cache restart, no old page can come back.
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def write_generation():
    """A new generation in the shared file, written whole (a reader never sees half a number)."""
    path, value = Path(generation_file()), time.time_ns()
    try:
        temporary = path.with_name(f"{path.name}.{os.getpid()}")
        temporary.write_text(str(value))
        temporary.replace(path)
    except OSError:
        pass  # an unwritable place: every request then sees a new generation, so no page is stale
    return value


def invalidate():
    """Start a new generation: every page cached so far is out of date. Content changes call
    ``invalidate_on_commit``; this is for a change already committed."""
    if process_local():
        write_generation()
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def invalidate_on_commit(using=None):
    """Start a new generation once the change being saved is committed, and not if it is rolled back.

    A new generation started before the commit would let a reader's request in between take the
    new number and the old rows, and store the old page under the new number: stale until the next
    change. A savepoint rolled back (a pending draft's trial save) changes no page.
    """
    transaction.on_commit(invalidate, using=using)


def next_scheduled_change():
    """The soonest future publish, expiry or embargo-lift time of any publishable kind, as a timestamp, or None."""
    now = timezone.now()
    times = []
    for model in apps.get_models():
        if not issubclass(model, Publishable) or model._meta.proxy:
            continue
        moments = {
            "publish": Min("publish_at", filter=Q(publish_at__gt=now)),
            "expire": Min("expire_at", filter=Q(expire_at__gt=now)),
        }
        if issubclass(model, Embargoable):
            moments["embargo"] = Min("embargo_until", filter=Q(embargo_until__gt=now))
        found = model._default_manager.filter(status=Status.PUBLISHED, deleted_at__isnull=True).aggregate(**moments)
        times += [moment.timestamp() for moment in found.values() if moment is not None]
    return min(times, default=None)


def valid_until(current, seconds=None):
    """Until when a page made now may be served: the cache lifetime, cut at the next scheduled change."""
    key = f"{NEXT_CHANGE_PREFIX}:{current}"
    change = cache.get(key, "unknown")
    if change == "unknown":
        change = next_scheduled_change()
        timeout = None if change is None else max(1, int(change - time.time()))
        cache.set(key, change, timeout=timeout)
    limit = time.time() + (settings.PAGE_CACHE_SECONDS if seconds is None else seconds)
    return limit if change is None else min(limit, change)


def remembering():
    return settings.CONTENT_CACHE_SECONDS > 0


def remembered(name, compute):
    """``compute()``, kept until any content changes or the next scheduled change, whichever is first.

    ``name`` must say everything the value depends on besides the content (a language, a host, a page).
    """
    if not remembering():
        return compute()
    current = generation()
    key = f"{REMEMBERED_PREFIX}:{current}:{hashlib.sha256(name.encode()).hexdigest()}"
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = compute()
        seconds = int(valid_until(current, settings.CONTENT_CACHE_SECONDS) - time.time())
        if seconds >= 1:
            cache.set(key, value, timeout=seconds)
    return value


def page_key(request, current):
    variant = "|".join(
        (
            request.get_full_path(),
            # As LocaleMiddleware will choose it: the language cookie, then Accept-Language.
            translation.get_language_from_request(request),
            request.COOKIES.get("low_vision", ""),
            # The host as sent: a host that is not allowed never reaches a stored page, as the
            # request that would have stored it was refused.
            request._get_raw_host(),
        )
    )
    return f"{PAGE_PREFIX}:{current}:{hashlib.sha256(variant.encode()).hexdigest()}"


def is_cacheable_request(request):
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PATHS)
        # Plain HTTP that must be sent to HTTPS first is left to SecurityMiddleware.
        and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
    )


def is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not response.streaming
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    """Stores anonymous public pages, and serves them to whatever calls Django's handler directly
    (the site's WSGI application answers them in front of it); the first middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        looked_up = request.META.get(LOOKED_UP)
        if looked_up is None:
            current = generation()
            key = page_key(request, current)
            stored = stored_page(request, key)
            if stored is not None:
                return stored
        else:
            current, key = looked_up  # PageCacheApplication found no page under this key
        response = self.get_response(request)
        if not is_cacheable_response(response):
            return response
        until = valid_until(current)
        seconds = int(until - time.time())
        if seconds >= 1:
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            # Kept as plain values, quick to unpickle: the time it may be served until, the headers and
            # the body as one piece of bytes (a feed is written in thousands of small pieces, which
            # the server would otherwise send one at a time on every hit).
            cache.set(key, (until, dict(response.items()), response.content), timeout=seconds)
        return finish(response, until, hit=False)


def stored_page(request, key):
    """The page stored under ``key`` as a response (a 304 where the reader already has it), or None."""
    entry = cache.get(key)
    if entry is None or entry[0] <= time.time():
        return None
    until, headers, content = entry
    response = HttpResponse(content, headers=headers)
    unchanged = get_conditional_response(request, etag=response.get("ETag"), response=response)
    return finish(unchanged, until, hit=True)


def finish(response, until, hit):
    # A shared proxy may keep the page a short while, never past the next scheduled change.
    max_age = max(0, min(settings.PAGE_CACHE_PROXY_SECONDS, int(until - time.time())))
    patch_cache_control(response, public=True, max_age=max_age)
    response["X-Page-Cache"] = "hit" if hit else "miss"
    return response


class PageCacheApplication:
    """The site's WSGI application (config/wsgi.py) with stored pages answered in front of it.

    A hit needs no more than the request's address, language, low-vision cookie and host, so it
    is answered before Django's handler runs its request signals, middleware and URL resolution,
    which cost as much again as the hit itself. Everything else, misses included, goes on to the
    application, where PageCacheMiddleware stores the page (and serves hits to clients that call
    the handler directly, such as the test client).

    A HEAD request gets the headers of the page without its body, as HTTP asks: the server would
    otherwise drop the body itself and log a warning for every HEAD (a load balancer's health checks).
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        request = WSGIRequest(environ)
        try:
            response = None
            if is_cacheable_request(request):
                current = generation()
                key = page_key(request, current)
                response = stored_page(request, key)
                # Not looked up again by the middleware, which stores the page under this key.
                environ[LOOKED_UP] = (current, key)
        except Exception:  # a cache out of reach: Django's handler answers, and reports it
            response = None
        head = environ.get("REQUEST_METHOD") == "HEAD"
        if response is None:
            answered = self.application(environ, start_response)
            if not head:
                return answered
            answered.close()  # Django's request_finished, as after any response
            return []
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        # The body alone: closing the response would send Django's request_finished signal, whose
        # receivers tidy up after work that a stored page never did.
        return [] if head else [response.content]
