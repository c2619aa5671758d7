import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from core.page_cache import PageCacheApplication  # noqa: E402 (needs the settings above)

application = PageCacheApplication(application)
