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
        from django.db.models.signals import post_migrate

        post_migrate.connect(ensure_topics, sender=self, dispatch_uid="kenes.core.ensure_topics")
        from django.core.signals import got_request_exception

        got_request_exception.connect(close_sqlite_after_failure, dispatch_uid="kenes.core.close_sqlite")


def close_sqlite_after_failure(sender, request=None, **kwargs):
    """SQLite's connections are kept between requests (kenes.env): one a failed request leaves with a
    statement still open would keep reading the data as it was (and keep the WAL from being checkpointed).
    PostgreSQL's are checked by Django itself (CONN_HEALTH_CHECKS)."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            connection.close()


def ensure_topics(sender, using="default", **kwargs):
    """The topics of cooperation are reference data every app relies on: a database emptied after
    migrating (a flush) gets them back from the migration that seeds them."""
    from importlib import import_module

    from django.apps import apps

    if not apps.get_model("core", "Topic").objects.using(using).exists():
        import_module("kenes.core.migrations.0002_seed_topics").seed(apps, None)
