from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The public portal: pages, feeds, open-data files and embeds of what is published (reads, never writes)."""

    name = "kenes.portal"
    label = "portal"
    verbose_name = _("Public portal")
