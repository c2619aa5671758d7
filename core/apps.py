import reversion
from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared core")

    def ready(self):
        from taggit.models import TaggedItem

        from . import page_cache
        from .text import clean_text_fields

        # Keyword rows of every model with KeywordsInRevisions are kept in its revisions.
        reversion.register(TaggedItem)

        # Every model, of every app: text that XML cannot carry breaks the feeds (see core.text).
        pre_save.connect(clean_text_fields, dispatch_uid="core.text.clean_text_fields")

        # Any saved or deleted row of the content apps starts a new page-cache generation when committed.
        def content_changed(sender, using=None, **kwargs):
            if sender._meta.app_label in settings.PAGE_CACHE_APPS:
                page_cache.invalidate_on_commit(using)

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, weak=False, dispatch_uid=f"page-cache-{signal}")
