"""Readiness: can this instance serve? The database answers, the task queue is reachable, storage is writable.

``/readyz`` and ``kenes check`` run the same checks; each names the part that fails, so an
operator (or a load balancer's log) sees what to fix without reading a traceback.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{self.name}: {'ok' if self.ok else 'FAILED'} ({self.detail})"


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else exc.__class__.__name__


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure to query is "not ready", whatever the driver raises
        return Check("database", False, _reason(exc))
    return Check("database", True, connection.vendor)


def check_task_queue() -> Check:
    backend = settings.TASKS["default"]["BACKEND"]
    try:
        if backend.startswith("django_tasks_rq."):
            import redis

            # Short timeouts: a probe must answer before the load balancer gives up on it.
            client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
            client.ping()
            return Check("task queue", True, "RQ on Redis answers")
        if backend.startswith("django_tasks_db."):
            from django_tasks_db.models import DBTaskResult

            waiting = DBTaskResult.objects.filter(status="READY").count()
            return Check("task queue", True, f"database queue, {waiting} waiting")
    except Exception as exc:  # Redis or database errors of any kind mean the queue is unreachable
        return Check("task queue", False, _reason(exc))
    return Check("task queue", True, f"{backend.rsplit('.', 1)[-1]} (runs tasks at once)")


def check_storage() -> Check:
    media = Path(settings.MEDIA_ROOT)
    try:
        media.mkdir(parents=True, exist_ok=True)
        # Really write: permissions, a read-only mount or a full disk all show only then.
        with tempfile.NamedTemporaryFile(dir=media, prefix=".readyz-") as probe:
            probe.write(b"ok")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        return Check("storage", False, f"{media} is not writable: {exc.strerror or exc}")
    return Check("storage", True, f"{media} writable")


def checks() -> list[Check]:
    return [check_database(), check_task_queue(), check_storage()]
