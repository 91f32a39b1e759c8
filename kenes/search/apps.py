from importlib import import_module
from importlib.util import find_spec

from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The platform's search index and search page."""

    name = "kenes.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        # Like admin.autodiscover(): each Kenes app says what it makes searchable in its own
        # search.py, so a new app plugs in without editing a central list.
        for app_config in apps.get_app_configs():
            if not app_config.name.startswith("kenes."):
                continue
            module = f"{app_config.name}.search"
            # find_spec first, so that an ImportError raised inside an existing search.py is not hidden.
            if app_config.name != self.name and find_spec(module) is not None:
                import_module(module)
