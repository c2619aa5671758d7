"""What every press room page shares: never stored by a browser or a proxy, never indexed, and (for
the releases) only for a journalist whose accreditation is current at this very request."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from .accreditation import accredited_journalist


def private(response):
    add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    return response


def press_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return private(view(request, *args, **kwargs))

    return wrapped


def accredited_only(view):
    """The view, given ``request.journalist``; others are asked to sign in, or told why they may not."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        journalist = accredited_journalist(request.user)
        if journalist is None:
            if not request.user.is_authenticated:
                return private(redirect_to_login(request.get_full_path(), reverse("press:sign-in")))
            return private(render(request, "press/not_accredited.html", status=403))
        request.journalist = journalist
        return private(view(request, *args, **kwargs))

    return wrapped
