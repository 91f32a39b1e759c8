from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    """Base layout, dashboard, search and the pages every area shares."""

    name = "kenes.web"
    label = "web"
    verbose_name = _("Web")

