"""A counter per address or e-mail and per window, in the shared cache (Redis with several servers):
the application and sign-in-link forms refuse more than a few tries, as the API does past its limit."""

import time

from django.core.cache import cache


def allow(scope, key, limit, window):
    """Count one try of ``key`` in ``scope``; False once it has had ``limit`` tries in this window."""
    now = time.time()
    name = f"press-throttle:{scope}:{key}:{int(now // window)}"
    cache.add(name, 0, timeout=window + 1)
    try:
        used = cache.incr(name)
    except ValueError:  # the counter expired between the two calls
        used = 1
    return used <= limit


def client_address(request):
    return request.META.get("REMOTE_ADDR") or None
