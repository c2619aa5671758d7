"""The current site is the host a request came to, with django.contrib.sites installed.

django.contrib.redirects needs the sites framework, and with it installed, feeds, sitemaps and
``get_current_site`` would take their domain from a database row (``example.com``) instead of the
request. This middleware makes the request's host the current site, bound to the one site row
(``REDIRECTS_SITE_ID``) that redirects belong to: absolute addresses stay those the reader used.
Only hosts that ``ALLOWED_HOSTS`` accepts get this far, so the cache cannot grow without bound.
"""

from django.conf import settings
from django.contrib.sites import models as sites


def request_host_site(get_response):
    def middleware(request):
        host = request.get_host()
        # Looked up on the module each time: Site.objects.clear_cache() replaces the dictionary.
        if host not in sites.SITE_CACHE:
            sites.SITE_CACHE[host] = sites.Site(pk=settings.REDIRECTS_SITE_ID, domain=host, name=host)
        return get_response(request)

    return middleware
