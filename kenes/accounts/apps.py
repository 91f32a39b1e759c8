from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, their role in the council's work, and API tokens for scripts."""

    name = "kenes.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
