"""What every answer under /api/ shares: a per-address rate limit, CORS for reading, and caching headers.

It sits outside ConditionalGetMiddleware, which gives each answer an ETag from its content and turns
a request whose If-None-Match still matches into a 304: the limit counts those too, and the 304
keeps the CORS headers. The counter lives in the Django cache (Redis with several servers).
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")


def api_middleware(get_response):
    def middleware(request):
        if not request.path.startswith(PREFIX):
            return get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        else:
            response = over_the_limit(request) or has_nul(request) or get_response(request)
        return with_api_headers(request, response)

    return middleware


def over_the_limit(request):
    """A 429 answer when this address has used up its requests of the current window, else None."""
    limit, window = settings.API_RATE_LIMIT, settings.API_RATE_WINDOW_SECONDS
    if limit <= 0:
        return None
    now = time.time()
    key = f"api-rate:{request.META.get('REMOTE_ADDR', '')}:{int(now // window)}"
    cache.add(key, 0, timeout=window + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # the counter expired between the two calls
        used = 1
    if used <= limit:
        return None
    retry_after = max(1, int(window - now % window))
    response = JsonResponse(
        {
            "detail": f"Too many requests from this address: at most {limit} every {window} seconds. "
            f"Try again in {retry_after} seconds.",
            "retry_after": retry_after,
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def has_nul(request):
    """A 400 for a NUL character in the address or a parameter, which no row can hold (PostgreSQL
    refuses it in a query), else None."""
    values = [request.path, *(value for _, values in request.GET.lists() for value in values), *request.GET]
    if any("\x00" in value for value in values):
        return JsonResponse({"detail": "Addresses and parameters cannot contain NUL characters."}, status=400)
    return None


def with_api_headers(request, response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
    response["Access-Control-Allow-Headers"] = "If-None-Match, Accept"
    response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
    response["Access-Control-Max-Age"] = "86400"
    if response.status_code in (200, 304) and request.method in ("GET", "HEAD"):
        patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
    elif not response.has_header("Cache-Control"):
        patch_cache_control(response, no_store=True)
    patch_vary_headers(response, ("Accept-Language",))
    return response
