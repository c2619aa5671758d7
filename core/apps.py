import reversion
from django.apps import AppConfig
from django.db.models.signals import pre_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared core"

    def ready(self):
        # Keyword rows of every model with KeywordsInRevisions are kept in its revisions.
        from taggit.models import TaggedItem

        reversion.register(TaggedItem)

        from .text import clean_text_fields

        # Every model, of every app: text that XML cannot carry breaks the feeds (see core.text).
        pre_save.connect(clean_text_fields, dispatch_uid="core.text.clean_text_fields")
