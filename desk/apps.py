from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Editorial desk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.workflow import on_transition
        from research.imports import import_finished

        from . import notifications

        on_transition(notifications.transition_done)
        import_finished.connect(notifications.import_done, dispatch_uid="desk-import-finished")
