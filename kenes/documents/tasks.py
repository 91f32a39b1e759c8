"""Background work of the documents app, through the django_tasks API (database queue or RQ on Redis)."""

from __future__ import annotations

import logging
import os
import socket

from django_tasks import task

from kenes.documents import services
from kenes.operations.logs import request_context

logger = logging.getLogger(__name__)
# Where every background task says it started and how it ended (INFO; docs/operations.md).
task_log = logging.getLogger("kenes.tasks")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@task()
def extract_document(document_id: int, request_id: str = "") -> str:
    """Claim the document, extract it, store its mentions; on error give it back or mark it failed.

    ``request_id``: the request that queued it (empty when a worker duty did), so its log lines
    and the task's share one id.
    """
    with request_context(request_id or None):
        task_log.info("extracting document %s (worker %s)", document_id, worker_name())
        outcome = _extract(document_id)
        task_log.info("document %s: %s", document_id, outcome)
        return outcome


def _extract(document_id: int) -> str:
    worker = worker_name()
    document = services.claim(document_id, worker)
    if document is None:
        return "taken"  # another worker has it, or it is no longer queued
    from kenes.extraction.budget import OverBudget

    try:
        services.run_extraction(document, worker)
    except OverBudget as exc:
        # Over its time budget it would be again on the next attempt: fail it now, with the reason.
        logger.warning("extraction of document %s stopped: %s", document_id, exc)
        services.fail(document_id, str(exc), worker, final=True)
        return "failed"
    except Exception as exc:  # any failure of one document must not stop the worker
        logger.warning("extraction of document %s failed: %s", document_id, exc, exc_info=True)
        reason = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0][:300]
        services.fail(document_id, reason, worker)
        return "failed"
    return "extracted"
