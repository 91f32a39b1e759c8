from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    """The inventory of measures, the agreements they come from, their lifecycle and compliance."""

    name = "kenes.inventory"
    label = "inventory"
    verbose_name = _("Inventory of measures")

    def ready(self):
        from django.db.models.signals import post_migrate

        # The merge hooks are registered beside the services that need them.
        from kenes.inventory import services  # noqa: F401

        post_migrate.connect(ensure_workflow, sender=self, dispatch_uid="kenes.inventory.ensure_workflow")


def ensure_workflow(sender, using="default", **kwargs):
    """A database emptied after migrating (a flush: tests, a restore gone wrong) gets the default workflow back:
    no measure can be created without an initial status. The migration's own function does it, so the
    default is written in one place."""
    from importlib import import_module

    from django.apps import apps

    status = apps.get_model("inventory", "MeasureStatus")
    if not status.objects.using(using).exists():
        import_module("kenes.inventory.migrations.0002_default_workflow").create_workflow(apps, None)
