"""What the documents app makes searchable: each document's title and text (see kenes/search/registry.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.documents.models import Document
from kenes.search import registry

# Enough for any press release, minutes or agreement; a 500-page annex is found by its first 200,000
# characters, and the index stays small enough to rebuild.
MAX_BODY = 200_000


def document_names(document: Document) -> list[str]:
    return [document.title or document.original_name or ""]


def document_text(document: Document) -> list[str]:
    # One part per paragraph, so a result's snippet is the paragraph that matches.
    return [part for part in document.text[:MAX_BODY].split("\n\n") if part.strip()]


def document_parties(document: Document) -> list[str]:
    return [party.code for party in document.parties.all()]


registry.register(Document, kind=_("Documents"), code="document", title=document_names, body=document_text,
                  language=lambda document: document.language, date=lambda document: document.published,
                  parties=document_parties)
