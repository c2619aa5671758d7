from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press room")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.workflow import on_transition

        from .releases import release_published

        on_transition(release_published)
