from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import router
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users, their role in the council's work, and API tokens for scripts."""

    name = "kenes.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    # The secretariat may look at users and tokens in the admin, not change them
    # (kenes.accounts.services.secretariat_permissions).
    secretariat_view_only = True

    def ready(self):
        # Django creates each app's permissions in its own post_migrate; syncing after every
        # app's turn means the last one leaves the group complete, new apps included.
        post_migrate.connect(sync_secretariat_group_after_migrate,
                             dispatch_uid="kenes.accounts.sync_secretariat_group")
        # The security audit log (kenes.accounts.audit) and sign-ins kept out of record history.
        from kenes.accounts import signals

        signals.connect()


def sync_secretariat_group_after_migrate(sender, using="default", apps=global_apps, **kwargs):
    """A deployment that adds an app updates the Secretariat group without waiting for a role change."""
    from django.contrib.auth.models import Group

    from kenes.accounts.services import sync_secretariat_group

    try:
        # Not yet migrated as far as auth (e.g. ``migrate contenttypes``): nothing to sync.
        apps.get_model("auth", "Group")
        apps.get_model("auth", "Permission")
    except LookupError:
        return
    if not router.allow_migrate_model(using, Group):
        return
    sync_secretariat_group(using)
