import reversion
from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared core"

    def ready(self):
        # Keyword rows of every model with KeywordsInRevisions are kept in its revisions.
        from taggit.models import TaggedItem

        reversion.register(TaggedItem)

        # Any saved or deleted row of the content apps starts a new page-cache generation.
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import page_cache

        def content_changed(sender, **kwargs):
            if sender._meta.app_label in settings.PAGE_CACHE_APPS:
                page_cache.invalidate()

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, weak=False, dispatch_uid=f"page-cache-{signal}")
