"""The Kenes duties around the workers, in one process: claims of dead workers, re-extraction."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from django.core.management import call_command

from kenes.documents import services, workers
from kenes.documents.models import Document, Mention

TEXT = ("Astana, 12 March 2025. President Kassym-Jomart Tokayev met Minister of Foreign Affairs "
        "Bakhtiyor Saidov. The parties agreed to raise mutual trade to $10 billion by 2030.")
OTHER = ("Tashkent, 4 May 2024. The Institute for Strategic and Interregional Studies hosted a round table "
         "on water use in the Aral Sea basin with experts from both countries and a plan for joint research.")


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _document(alice, text=TEXT) -> Document:
    outcome = services.ingest(alice, text.encode(), name="visit.txt", language="en", enqueue=False)
    return outcome.document


def test_it_tells_a_dead_worker_on_this_machine_from_a_live_or_distant_one():
    host = socket.gethostname()
    assert workers.holder_is_dead(f"{host}:{_dead_pid()}")
    assert not workers.holder_is_dead(f"{host}:{os.getpid()}")
    assert not workers.holder_is_dead(f"elsewhere.example.org:{_dead_pid()}")


def test_it_gives_back_the_claim_of_a_dead_worker_and_keeps_a_live_one(alice):
    dead, live = _document(alice), _document(alice, OTHER)
    services.claim(dead.pk, f"{socket.gethostname()}:{_dead_pid()}")
    services.claim(live.pk, f"{socket.gethostname()}:{os.getpid()}")
    assert workers.release_dead_claims() == [dead.pk]
    dead.refresh_from_db()
    live.refresh_from_db()
    assert (dead.state, dead.claimed_by, dead.attempts) == ("queued", "", 1)
    assert dead.failure_reason == "The worker stopped while extracting."
    assert live.state == "extracting"


def test_it_never_gives_back_a_document_its_worker_has_finished(alice):
    document = _document(alice)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    services.run_extraction(services.claim(document.pk, worker), worker)
    assert not services.fail(document.pk, "too late", worker)
    document.refresh_from_db()
    assert document.state == "awaiting_review" and document.failure_reason == ""


def test_it_enqueues_only_queued_documents_without_a_live_task(alice, settings, monkeypatch):
    first, second = _document(alice), _document(alice, OTHER)
    enqueued = []
    monkeypatch.setattr(services, "enqueue_extraction", lambda pk: enqueued.append(pk) or True)
    monkeypatch.setattr(workers, "live_task_documents", lambda: {first.pk})
    assert workers.requeue_orphans() == [second.pk]
    assert enqueued == [second.pk]


def test_it_finds_the_live_tasks_of_the_database_queue(alice, settings):
    # django_tasks resets its backends when the setting changes (and back after the test).
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    document = _document(alice)
    assert workers.live_task_documents() == set()
    services.enqueue_extraction(document.pk)
    assert workers.live_task_documents() == {document.pk}


def test_reextraction_keeps_decisions_and_proposes_only_what_is_new(alice, monkeypatch):
    from kenes.extraction import pipeline

    document = _document(alice)
    real = pipeline.extract

    def older_engine(text, **kwargs):
        result = real(text, **kwargs)
        result.people = result.people[:1]  # the old engine missed the second person
        return result

    monkeypatch.setattr(pipeline, "extract", older_engine)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    services.run_extraction(services.claim(document.pk, worker), worker)
    people = list(document.mentions.filter(kind="person"))
    assert len(people) == 1
    decided = people[0]
    Mention.objects.filter(pk=decided.pk).update(decision=Mention.Decision.REJECTED)
    Document.objects.filter(pk=document.pk).update(engine_version="0 older", state=Document.State.REVIEWED)

    monkeypatch.setattr(pipeline, "extract", real)
    call_command("reextract")

    document.refresh_from_db()
    assert document.engine_version == services.ENGINE_VERSION
    people = list(document.mentions.filter(kind="person").order_by("pk"))
    assert people[0].pk == decided.pk and people[0].decision == "rejected"
    assert [m.decision for m in people[1:]] == ["pending"]
    assert "Saidov" in people[1].label
    assert document.state == "awaiting_review"  # something new to decide

    # The same engine again: nothing to re-extract.
    call_command("reextract")
    assert document.mentions.get(pk=decided.pk).decision == "rejected"


@pytest.mark.parametrize("option", ["--all", "--since=2000-01-01"])
def test_reextraction_can_take_every_document(alice, option, capsys):
    document = _document(alice)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    services.run_extraction(services.claim(document.pk, worker), worker)
    call_command("reextract", option)
    assert "Re-extracted 1 document(s)" in capsys.readouterr().out


def test_a_worker_that_loses_its_document_while_resolving_writes_no_candidates(alice, directory, monkeypatch):
    """Mentions, then candidates, each in a short transaction: a document released and taken by another
    worker in between keeps that worker's claim, and the first worker's candidates are not written."""
    from kenes.documents import resolution
    from kenes.documents.models import Candidate

    document = _document(alice)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    found = resolution.candidates_for

    def taken_meanwhile(mentions):
        Document.objects.filter(pk=document.pk).update(claimed_by="elsewhere.example.org:1")
        return found(mentions)

    monkeypatch.setattr(resolution, "candidates_for", taken_meanwhile)
    services.run_extraction(services.claim(document.pk, worker), worker)
    document.refresh_from_db()
    assert (document.state, document.claimed_by) == ("extracting", "elsewhere.example.org:1")
    assert document.mentions.exists() and not Candidate.objects.filter(mention__document=document).exists()
    monkeypatch.undo()
    # The other worker finishes it: its mentions replace the pending ones, with their candidates.
    services.run_extraction(document, "elsewhere.example.org:1")
    document.refresh_from_db()
    assert document.state == "awaiting_review"
    tokayev = Mention.objects.get(document=document, kind="person", label__contains="Tokayev")
    assert tokayev.candidates.filter(object_id=directory["tokayev"].pk).exists()
