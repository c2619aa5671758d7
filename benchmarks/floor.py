"""The floor: the cheapest Django response as large as the article page, under the same gunicorn.

No middleware, no database, no templates: one view returns the bytes of the real article page
(``BENCH_FLOOR_PAGE``, fetched once from the site) from memory, whatever the address. What the
site does per request above this floor is the cost of its own code.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import re_path

settings.configure(
    DEBUG=False,
    SECRET_KEY="floor-of-the-bench",
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
)
PAGE = Path(os.environ["BENCH_FLOOR_PAGE"]).read_bytes()


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [re_path(r"", page)]
application = get_wsgi_application()
