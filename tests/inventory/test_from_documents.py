"""Measures and agreements from real engine output: accepted into the inventory with their evidence, a
later report's measure proposed as the known one, and a merge keeping the evidence of both."""

from __future__ import annotations

import hashlib

import pytest

from kenes.core import merging
from kenes.documents import review
from kenes.documents.models import Document, Mention
from kenes.documents.services import evidence_for, store_mentions
from kenes.extraction.pipeline import extract
from kenes.inventory.models import Agreement, Measure

pytestmark = pytest.mark.django_db

REPORT = (
    "Astana, 3 April 2025. The foreign ministers of Kazakhstan and Uzbekistan held talks in Astana. "
    "The parties agreed to establish a joint venture fund for industrial cooperation. "
    "The ministers signed an agreement on cooperation in the field of education.\n"
)
FOLLOW_UP = (
    "Tashkent, 9 June 2025. The ministers reviewed progress and agreed to establish a joint venture fund "
    "for industrial cooperation before the end of the year.\n"
)


def _document(text: str, *, published: str) -> Document:
    document = Document.objects.create(
        title=text.split(".")[0][:80], text=text, language="en", published=published, visibility="public",
        sha256=hashlib.sha256(text.encode()).hexdigest(), state=Document.State.AWAITING_REVIEW)
    store_mentions(document, extract(text, published=published))
    return document


def _mention(document, kind, words):
    found = [m for m in document.mentions.filter(kind=kind) if words in m.label.lower()]
    assert found, [(m.kind, m.label) for m in document.mentions.all()]
    return found[0]


def test_an_accepted_measure_enters_the_inventory_with_its_status_and_evidence(alice, parties):
    document = _document(REPORT, published="2025-04-03")
    measure = review.accept(alice, _mention(document, Mention.Kind.MEASURE, "venture fund")).record
    assert isinstance(measure, Measure)
    assert "joint venture fund" in measure.title_en and measure.status.code == "adopted"  # "agreed to"
    assert measure.first_proposed_on == "2025-04-03"
    assert measure.status_changes.first().evidence  # the words it came from
    assert [m.document for m in evidence_for(measure, alice)] == [document]
    agreement = review.accept(alice, _mention(document, Mention.Kind.AGREEMENT, "education")).record
    assert isinstance(agreement, Agreement) and agreement.status == "signed"


def test_a_later_report_proposes_the_known_measure_and_a_merge_keeps_both_documents(alice, parties):
    first = _document(REPORT, published="2025-04-03")
    measure = review.accept(alice, _mention(first, Mention.Kind.MEASURE, "venture fund")).record
    later = _document(FOLLOW_UP, published="2025-06-09")
    mention = _mention(later, Mention.Kind.MEASURE, "venture fund")
    assert measure.pk in [c.object_id for c in mention.candidates.all()]
    duplicate = review.accept(alice, mention).record  # accepted as new by mistake…
    merging.merge(alice, measure, duplicate, reason="Same measure")  # …and merged: both sources stay
    assert {m.document for m in evidence_for(measure, alice)} == {first, later}
