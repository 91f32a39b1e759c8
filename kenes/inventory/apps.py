from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    """The inventory of measures, the agreements they come from, their lifecycle and compliance."""

    name = "kenes.inventory"
    label = "inventory"
    verbose_name = _("Inventory of measures")

    def ready(self):
        # The merge hooks are registered beside the services that need them.
        from kenes.inventory import services  # noqa: F401
