"""``kenes worker``: the configured backend's own worker processes, and around them the Kenes duties.

The task backend runs the tasks (django-tasks-db's ``db_worker`` for the database queue,
an RQ worker for Redis). What the backend cannot know is the documents' own state, so a
supervisor beside the workers, at start and then every ``every`` seconds:

- releases stale claims: a document left ``extracting`` by a worker that died goes back
  to the queue, or fails with the reason after ``MAX_ATTEMPTS`` (services.fail);
- re-enqueues queued documents that no live task will pick up (the database queue's row
  finished or failed, Redis was flushed, the enqueue after a commit never happened).

It also restarts a worker process that died, and stops them all on SIGTERM or Ctrl+C.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.documents import services
from kenes.documents.models import Document

logger = logging.getLogger(__name__)

# Longer than any one extraction takes; a claim held by a dead process on this machine goes at once.
STALE_CLAIM_SECONDS = 600
# A running task this old whose document is back in the queue belongs to a worker that died.
LIVE_TASK_SECONDS = 120
DUTY_SECONDS = 30
# Idle database workers look for a new task this often (seconds): the upload-to-review delay.
POLL_SECONDS = 0.5


def backend() -> str:
    """``database`` or ``rq``: which worker the configured task backend needs."""
    path = settings.TASKS["default"]["BACKEND"]
    if path.startswith("django_tasks_rq."):
        return "rq"
    if path.startswith("django_tasks_db."):
        return "database"
    raise ValueError(_("The task backend %(path)s has no worker: configure the database queue or RQ.")
                     % {"path": path})


def queues() -> list[str]:
    return list(settings.TASKS["default"].get("QUEUES") or ["default"])


# Claims.

def holder_is_dead(claimed_by: str) -> bool:
    """The claim names a process on this machine (host:pid, tasks.worker_name) that is gone or a zombie."""
    host, _sep, pid = claimed_by.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine's worker: only time tells
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    except (OSError, IndexError):
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
    return state in {"Z", "X"}


def release_dead_claims(stale_after: int = STALE_CLAIM_SECONDS) -> list[int]:
    """Give back documents whose worker died (this machine: at once; elsewhere: after ``stale_after`` s)."""
    cutoff = timezone.now() - timezone.timedelta(seconds=stale_after)
    released = []
    for pk, worker, claimed_at in (Document.objects.filter(state=Document.State.EXTRACTING)
                                   .values_list("pk", "claimed_by", "claimed_at")):
        if holder_is_dead(worker) or claimed_at is None or claimed_at < cutoff:
            if services.fail(pk, _("The worker stopped while extracting."), worker):
                released.append(pk)
    return released


# Tasks.

def live_task_documents() -> set[int]:
    """Documents some waiting or running extraction task will still pick up, on the configured backend."""
    from kenes.documents.tasks import extract_document

    path = extract_document.module_path
    if backend() == "database":
        from django_tasks_db.models import DBTaskResult

        recent = timezone.now() - timezone.timedelta(seconds=LIVE_TASK_SECONDS)
        rows = (DBTaskResult.objects.filter(task_path=path, status__in=["READY", "RUNNING"])
                .values_list("status", "started_at", "args_kwargs"))
        return {_document_of(args_kwargs.get("args") or [])
                for status, started, args_kwargs in rows
                if status == "READY" or (started is not None and started >= recent)} - {None}
    import django_rq
    from rq.job import Job
    from rq.registry import DeferredJobRegistry, ScheduledJobRegistry, StartedJobRegistry

    found = set()
    for name in queues():
        queue = django_rq.get_queue(name)
        ids = list(queue.get_job_ids())
        for registry in (StartedJobRegistry, ScheduledJobRegistry, DeferredJobRegistry):
            # cleanup=False: reading must not fail abandoned jobs (the backend's worker does that).
            ids += registry(queue=queue).get_job_ids(cleanup=False)
        for job in Job.fetch_many(ids, connection=queue.connection):
            if job is not None and job.func_name == path:
                found.add(_document_of(job.args))
    return found - {None}


def _document_of(args) -> int | None:
    return int(args[0]) if args and str(args[0]).isdigit() else None


def requeue_orphans() -> list[int]:
    """Enqueue every queued document that no live task will pick up (a second task is harmless: claims)."""
    live = live_task_documents()
    orphans = [pk for pk in services.queued_without_task() if pk not in live]
    # Only those the queue took: with Redis away they stay queued, for the next round.
    return [pk for pk in orphans if services.enqueue_extraction(pk)]


def duties(stale_after: int = STALE_CLAIM_SECONDS) -> tuple[list[int], list[int]]:
    """One round of the Kenes duties: (released documents, re-enqueued documents)."""
    released = release_dead_claims(stale_after)
    requeued = requeue_orphans()
    if released:
        logger.warning("released %s document(s) whose worker stopped: %s", len(released), released)
    if requeued:
        logger.info("re-enqueued %s queued document(s) with no live task", len(requeued))
    return released, requeued


# Processes.

def worker_command(kind: str, *, verbosity: int = 1) -> list[str]:
    """The backend's own worker, as a ``kenes manage`` command in a child process."""
    base = [sys.executable, "-m", "kenes", "manage"]
    if kind == "database":
        return [*base, "db_worker", "--no-reload", f"--interval={POLL_SECONDS}", f"--verbosity={verbosity}",
                "--queue-name", ",".join(queues())]
    # SimpleWorker runs each job in the worker process itself: the engine's lexicons and caches are
    # loaded once per worker, not once per document in a forked work horse.
    return [*base, "rqworker", "--worker-class", "rq.worker.SimpleWorker", "--job-class", "django_tasks_rq.Job",
            f"--verbosity={verbosity}", *queues()]


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the parent dies (Linux), so no worker is left orphaned."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def spawn(command: list[str], *, own_group: bool = True) -> subprocess.Popen:
    return subprocess.Popen(command, preexec_fn=_die_with_parent, process_group=0 if own_group else None)


@dataclass
class Slot:
    """One worker process the supervisor keeps running."""

    process: subprocess.Popen | None = None
    started: float = 0.0
    quick_exits: int = 0
    not_before: float = 0.0


@dataclass
class Supervisor:
    processes: int = 1
    every: float = DUTY_SECONDS
    stale_after: int = STALE_CLAIM_SECONDS
    verbosity: int = 1
    command: list[str] = field(default_factory=list)
    stopping: bool = False

    def run(self) -> int:
        kind = backend()
        self.command = self.command or worker_command(kind, verbosity=self.verbosity)
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        slots = [Slot() for _ in range(max(1, self.processes))]
        print(_("Kenes worker: %(count)s %(kind)s worker process(es), duties every %(every)s s")
              % {"count": len(slots), "kind": kind, "every": self.every}, flush=True)
        self._duties()
        next_round = time.monotonic() + self.every
        try:
            while not self.stopping:
                died = False
                for slot in slots:
                    died |= self._keep(slot)
                if died or time.monotonic() >= next_round:
                    self._duties()
                    next_round = time.monotonic() + self.every
                time.sleep(0.2)
        finally:
            self._stop_all(slots)
        return 0

    def _keep(self, slot: Slot) -> bool:
        """Start the slot's process if it is not running; True when it had died."""
        now = time.monotonic()
        died = False
        if slot.process is not None and slot.process.poll() is not None:
            code = slot.process.returncode
            logger.warning("worker process %s stopped (exit status %s); starting another", slot.process.pid, code)
            print(_("Kenes worker: process %(pid)s stopped (exit status %(code)s)")
                  % {"pid": slot.process.pid, "code": code}, file=sys.stderr, flush=True)
            # A worker that keeps dying at once (Redis down, database gone) is restarted ever more slowly.
            slot.quick_exits = slot.quick_exits + 1 if now - slot.started < 10 else 0
            slot.not_before = now + min(60, 2 ** slot.quick_exits) if slot.quick_exits else now
            slot.process, died = None, True
        if slot.process is None and now >= slot.not_before and not self.stopping:
            slot.process, slot.started = spawn(self.command), now
        return died

    def _duties(self) -> None:
        from django.db import DatabaseError, close_old_connections

        close_old_connections()
        try:
            duties(self.stale_after)
        except (DatabaseError, OSError) as exc:
            # The database or Redis may be back at the next round; the workers go on meanwhile.
            logger.warning("worker duties failed: %s", exc)
            print(_("Kenes worker: duties failed, trying again later: %(reason)s") % {"reason": exc},
                  file=sys.stderr, flush=True)
        except Exception as exc:  # Redis errors and the like: never stop the supervisor
            logger.warning("worker duties failed: %s", exc, exc_info=True)

    def _stop(self, signum, frame) -> None:
        self.stopping = True

    def _stop_all(self, slots: list[Slot], grace: float = 30) -> None:
        running = [slot.process for slot in slots if slot.process is not None and slot.process.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)  # the backends finish the task at hand, then stop
        deadline = time.monotonic() + grace
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def start_beside_server() -> subprocess.Popen:
    """One ``kenes worker`` beside ``kenes demo`` / ``kenes serve --with-worker``, stopped with the server."""
    return spawn([sys.executable, "-m", "kenes", "worker"], own_group=False)


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# Re-extraction.

@dataclass
class ReextractOutcome:
    document: Document
    new: int = 0
    error: str = ""


def documents_to_reextract(*, since=None, everything: bool = False):
    """Extracted documents: all of them, those since a date, or (default) those of another engine version."""
    documents = Document.objects.filter(
        deleted_at__isnull=True, near_duplicate_of__isnull=True,
        state__in=[Document.State.AWAITING_REVIEW, Document.State.REVIEWED, Document.State.FAILED],
    ).order_by("pk")
    if since is not None:
        documents = documents.filter(created_at__date__gte=since)
    elif not everything:
        documents = documents.exclude(engine_version=services.ENGINE_VERSION)
    return documents


def reextract(document: Document, worker: str) -> ReextractOutcome:
    """Run the current engine over one stored document; decided mentions stay, only new findings are proposed."""
    from kenes.documents.models import Mention

    before = document.state
    taken = services.claim(document.pk, worker, again=True)
    if taken is None:
        return ReextractOutcome(document, error=_("It is being extracted now."))
    pending = set(taken.mentions.filter(decision=Mention.Decision.PENDING).values_list("fingerprint", flat=True))
    try:
        services.run_extraction(taken, worker)
    except Exception as exc:
        Document.objects.filter(pk=document.pk, claimed_by=worker[:100]).update(
            state=before, claimed_by="", claimed_at=None)
        return ReextractOutcome(document, error=(str(exc).strip().splitlines() or [exc.__class__.__name__])[0])
    now_pending = taken.mentions.filter(decision=Mention.Decision.PENDING)
    new = now_pending.exclude(fingerprint__in=pending).count()
    if before == Document.State.REVIEWED and not now_pending.exists():
        # Nothing new to decide: it stays reviewed.
        Document.objects.filter(pk=document.pk, state=Document.State.AWAITING_REVIEW).update(
            state=Document.State.REVIEWED)
    return ReextractOutcome(Document.objects.get(pk=document.pk), new=new)
