"""The documents list: its filters (shared by the page and the API) and its columns, declared once."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kenes.core.dates import PARTIAL_DATE
from kenes.core.models import Visibility
from kenes.documents.models import Document
from kenes.web.lists import Column, by_choice_label, by_choice_order, signed_in

FILTERS = ("q", "language", "kind", "party", "state", "date_from", "date_to")


def is_secretariat(user) -> bool:
    return bool(getattr(user, "is_secretariat", False))


def filter_documents(user, *, q: str = "", language: str = "", kind: str = "", party: str = "", state: str = "",
                     date_from: str = "", date_to: str = ""):
    """The documents ``user`` may read, narrowed by the filters; values that mean nothing are ignored."""
    documents = Document.objects.visible_to(user)
    q = " ".join(q.split())
    if q:
        # Title, file name or words of the text; the platform search ranks, this list filters.
        documents = documents.filter(Q(title__icontains=q) | Q(original_name__icontains=q) | Q(text__icontains=q))
    if language in Document.Language.values:
        documents = documents.filter(language=language)
    if kind in Document.Kind.values:
        documents = documents.filter(kind=kind)
    if party:
        documents = documents.filter(parties__code=party.strip().upper())
    # Where a document stands in the work queue is the secretariat's business.
    if state in Document.State.values and is_secretariat(user):
        documents = documents.filter(state=state)
    # Partial dates are ISO text: "2024-06" ≤ "2024-06-15" < "2024-06~" (a year or month
    # given as "to" takes in every day inside it).
    if PARTIAL_DATE.match(date_from or ""):
        documents = documents.filter(published__gte=date_from)
    if PARTIAL_DATE.match(date_to or ""):
        documents = documents.filter(published__lt=date_to + "~").exclude(published="")
    return documents.distinct() if party else documents


DOCUMENT_COLUMNS = [
    Column("title", _("Title"), lambda document, user: str(document), sort="title"),
    Column("published", _("Published"), "published", sort="published"),
    Column("language", _("Language"), "get_language_display",
           sort=by_choice_label("language", Document.Language.choices)),
    Column("kind", _("Kind"), "get_kind_display", sort=by_choice_label("kind", Document.Kind.choices)),
    Column("parties", _("Parties"), lambda document, user: [party.code for party in document.parties.all()]),
    Column("words", _("Words"), "word_count", sort="word_count"),
    Column("state", _("State"), "get_state_display", sort=by_choice_order("state", Document.State.choices),
           only_for=is_secretariat),
    Column("source_url", _("Source address"), "source_url", on_page=False),
    Column("added", _("Added"), "created_at", sort="created_at", on_page=False),
    Column("visibility", _("Visibility"), "get_visibility_display",
           sort=by_choice_order("visibility", Visibility.choices), only_for=signed_in),
]
