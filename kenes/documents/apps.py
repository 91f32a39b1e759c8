from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Documents in, records out: ingest, background extraction, mentions, resolution, review."""

    name = "kenes.documents"
    label = "documents"
    verbose_name = _("Documents")
