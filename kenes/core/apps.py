from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every area shares: visibility of records, partial dates, topics."""

    name = "kenes.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.core import checks

        from kenes.core.checks import check_admin_is_read_only

        checks.register(check_admin_is_read_only, checks.Tags.admin)
