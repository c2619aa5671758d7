"""The newsroom's admin, one module per concern: articles and their extra pages, images, the
trash, the audit log, events, basic pages and menus, site settings, and the grant and funder outreach reports."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import (  # noqa: F401
    archive,
    article_views,
    articles,
    audit,
    events,
    images,
    keywords,
    outreach,
    pages,
    publishing,
    site_settings,
    trash,
)

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom administration")
admin.site.index_title = _("News and research data")
