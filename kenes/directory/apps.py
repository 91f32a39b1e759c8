from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """Parties, organisations, people and their roles (Popolo-shaped)."""

    name = "kenes.directory"
    label = "directory"
    verbose_name = _("Directory")
