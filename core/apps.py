import reversion
from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared core"

    def ready(self):
        # Keyword rows of every model with KeywordsInRevisions are kept in its revisions.
        from taggit.models import TaggedItem

        reversion.register(TaggedItem)
