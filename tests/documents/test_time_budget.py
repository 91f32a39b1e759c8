"""A document over the extraction's time budget fails at once, with the reason, and is not retried."""

from __future__ import annotations

from kenes.documents import services
from kenes.documents.models import Document
from kenes.documents.services import ingest
from kenes.documents.tasks import extract_document
from kenes.extraction.budget import OverBudget


def test_it_fails_a_document_over_its_time_budget_with_the_reason(alice, monkeypatch, django_capture_on_commit_callbacks):
    outcome = ingest(alice, b"The ministers met in Tashkent on 3 June 2024.", name="note.txt", enqueue=False)
    assert outcome.status == "new", outcome.reason

    def too_slow(*args, **kwargs):
        raise OverBudget("extraction stopped after its time budget of 5 s (the document is too long)")

    monkeypatch.setattr("kenes.extraction.pipeline.extract", too_slow)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert extract_document.call(outcome.document.pk) == "failed"
    document = Document.objects.get(pk=outcome.document.pk)
    assert document.state == Document.State.FAILED
    assert "time budget of 5 s" in document.failure_reason
    assert document.attempts == 1 < services.MAX_ATTEMPTS
    assert callbacks == []  # not queued again
