from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Documents in, records out: ingest, background extraction, mentions, resolution, review."""

    name = "kenes.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        # Each kind's resolution and "accept" live in their own module; load them all once.
        from kenes.documents.appliers import load_appliers
        from kenes.documents.resolution import load_finders

        load_finders()
        load_appliers()
