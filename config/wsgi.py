import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from core.page_cache import PageCacheApplication  # noqa: E402 (needs the settings above)

application = PageCacheApplication(application)

# What is loaded by now (Django, the apps, the settings) lives as long as the process: it is kept
# out of the garbage collector's full collections, which would otherwise walk all of it every few
# large requests (60 ms in the middle of one search in five at 100,000 articles).
gc.freeze()
