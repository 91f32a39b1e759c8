from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplanConfig(AppConfig):
    """The council's work plan: measures adopted into it, who is responsible on each side, progress."""

    name = "kenes.workplan"
    label = "workplan"
    verbose_name = _("Work plan")


    def ready(self):
        # Work items count in their measures' progress: the work plan registers itself with the inventory.
        from kenes.workplan import services  # noqa: F401
