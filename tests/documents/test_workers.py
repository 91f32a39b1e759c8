"""Background workers and their faults, with real worker processes on the database queue and on RQ (Redis).

The worker processes need a database they share with the test, so each test gets its own file
database (SQLite) or its own PostgreSQL database (KENES_TEST_DATABASE_URL), copied from one
migrated template. Documents are seeded by a separate process (tests/documents/workerctl.py)
exactly as an upload does; the engine is the real one behind a test hook that can make a
document slow or failing (tests/documents/worker_settings.py).
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import postgres_admin, postgres_url

ROOT = Path(__file__).resolve().parents[2]
XDIST = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
POSTGRES = os.environ.get("KENES_TEST_DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
_counter = itertools.count()


def _pg_admin(sql: str) -> None:
    with postgres_admin() as connection:
        connection.execute(sql)


def _base_env(data_dir: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KENES_", "DJANGO_"))}
    env.update(
        KENES_DATA_DIR=str(data_dir), KENES_DATABASE_URL=database_url,
        KENES_SECRET_KEY="test-secret-key-that-is-long-enough-for-django-checks",
        DJANGO_SETTINGS_MODULE="tests.documents.worker_settings",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    return env


@pytest.fixture(scope="session")
def template_database(tmp_path_factory, request):
    """The suite's one migrated database (tests/conftest.py: a PostgreSQL template, or the SQLite file);
    each test copies it."""
    if POSTGRES:
        return postgres_url(request.getfixturevalue("postgres_template"))
    folder = tmp_path_factory.mktemp("worker-template")
    shutil.copyfile(request.getfixturevalue("migrated_sqlite"), folder / "template.sqlite3")
    return f"sqlite:///{folder / 'template.sqlite3'}"


def _redis_url() -> str:
    url = os.environ.get("KENES_TEST_REDIS_URL", "")
    if not url:
        pytest.skip("KENES_TEST_REDIS_URL is not set: the RQ tests need a real Redis (.ci/run starts one)")
    import redis

    # One Redis database per test process (pytest-xdist): parallel tests never take each other's jobs.
    parts = urlsplit(url)
    number = (int(parts.path.strip("/") or 0) - int(XDIST.removeprefix("gw") or 0)) % 16
    url = urlunsplit(parts._replace(path=f"/{number}"))
    try:
        redis.Redis.from_url(url).flushdb()
    except redis.RedisError as exc:
        message = f"Redis at {url} is not reachable: {exc}"
        if os.environ.get("KENES_NO_SKIPS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return url


class Site:
    """The shared database, the environment of the processes, and the worker processes started."""

    def __init__(self, folder: Path, database_url: str, backend: str):
        self.folder = folder
        self.database_url = database_url
        self.backend = backend
        self.env = _base_env(folder / "data", database_url)
        self.env["KENES_TEST_ENGINE_LOG"] = str(folder / "engine.log")
        self.env["KENES_TEST_SLOW_FILE"] = str(folder / "slow")
        if backend == "rq":
            self.env["KENES_REDIS_URL"] = _redis_url()
        self.workers: list[subprocess.Popen] = []
        self.worker_log = folder / "worker.log"

    # The database, read directly: polling through Django processes would be slow.
    def rows(self, sql: str, params=()) -> list[tuple]:
        if POSTGRES:
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True) as connection:
                return connection.execute(sql.replace("?", "%s"), params).fetchall()
        connection = sqlite3.connect(urlsplit(self.database_url).path, timeout=20)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()

    def documents(self) -> dict[int, dict]:
        found = {}
        for pk, state, attempts, reason, claimed_by in self.rows(
                "SELECT id, state, attempts, failure_reason, claimed_by FROM documents_document ORDER BY id"):
            found[pk] = {"state": state, "attempts": attempts, "reason": reason, "claimed_by": claimed_by}
        for pk, count in self.rows("SELECT document_id, COUNT(*) FROM documents_mention GROUP BY document_id"):
            found[pk]["mentions"] = count
        for pk, count in self.rows("SELECT id, COUNT(*) FROM documents_historicaldocument "
                                   "WHERE history_change_reason = 'Extracted' GROUP BY id"):
            found[pk]["extracted"] = count
        return found

    def engine_log(self) -> list[tuple[str, str]]:
        path = Path(self.env["KENES_TEST_ENGINE_LOG"])
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        return [tuple(line.split(" ", 1)) for line in lines]

    def seed(self, count: int, *markers: str, extra: tuple = ()) -> list[int]:
        command = [sys.executable, "-m", "tests.documents.workerctl", "--count", str(count), *extra]
        for marker in markers:
            command += ["--marker", marker]
        done = subprocess.run(command, env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def start_workers(self, processes: int = 1) -> subprocess.Popen:
        log = self.worker_log.open("a")
        process = subprocess.Popen(
            [sys.executable, "-m", "kenes", "worker", "--processes", str(processes), "--every", "1"],
            env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.workers.append(process)
        return process

    def wait(self, what: str, predicate, timeout: float = 90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            documents = self.documents()
            if predicate(documents):
                return documents
            time.sleep(0.2)
        log = self.worker_log.read_text(errors="replace")[-4000:] if self.worker_log.exists() else ""
        pytest.fail(f"timed out waiting for {what}: {self.documents()}\n--- worker log ---\n{log}")

    def stop(self) -> None:
        for process in self.workers:
            for pid in _descendants(process.pid):
                _kill(pid)
            _kill(process.pid)
            process.wait(timeout=30)


def _descendants(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    found = []
    for child in map(int, children):
        found += [child, *_descendants(child)]
    return found


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.fixture(params=["database", "rq"])
def site(request, tmp_path, template_database):
    number = next(_counter)
    if POSTGRES:
        name = f"kenes_workers_{XDIST}_{number}"
        template = urlsplit(template_database).path.strip("/")
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        url = postgres_url(name)
    else:
        path = tmp_path / "kenes.sqlite3"
        shutil.copy(urlsplit(template_database).path, path)
        url = f"sqlite:///{path}"
    shared = Site(tmp_path, url, request.param)
    yield shared
    shared.stop()
    if POSTGRES:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pid_of(claimed_by: str) -> int:
    host, _sep, pid = claimed_by.rpartition(":")
    assert host == socket.gethostname()
    return int(pid)


def test_it_retries_a_document_whose_worker_was_killed_midway(site):
    Path(site.env["KENES_TEST_SLOW_FILE"]).touch()
    [slow] = site.seed(1, "0:SLOW")
    site.start_workers()
    # Claimed is not yet extracting: wait until the engine itself runs (its log says so), then kill.
    documents = site.wait("the engine to start on the document",
                          lambda d: d[slow]["state"] == "extracting" and len(site.engine_log()) == 1)
    os.kill(_pid_of(documents[slow]["claimed_by"]), signal.SIGKILL)
    time.sleep(0.5)
    # Killed in the middle: nothing of the document's findings was written.
    assert "mentions" not in site.documents()[slow]
    Path(site.env["KENES_TEST_SLOW_FILE"]).unlink()

    documents = site.wait("the retry to finish", lambda d: d[slow]["state"] == "awaiting_review")
    assert documents[slow]["attempts"] == 2
    assert documents[slow]["mentions"] > 0
    assert documents[slow]["extracted"] == 1
    assert len(site.engine_log()) == 2  # the killed attempt and the one that finished


def test_it_fails_a_document_after_the_last_killed_attempt_and_goes_on(site):
    Path(site.env["KENES_TEST_SLOW_FILE"]).touch()
    slow, plain = site.seed(2, "0:SLOW")
    site.start_workers()
    for attempt in (1, 2, 3):
        documents = site.wait(f"attempt {attempt}", lambda d, a=attempt: d[slow]["state"] == "extracting"
                              and d[slow]["attempts"] == a)
        os.kill(_pid_of(documents[slow]["claimed_by"]), signal.SIGKILL)

    documents = site.wait("the document to fail", lambda d: d[slow]["state"] == "failed"
                          and d[plain]["state"] == "awaiting_review")
    assert documents[slow]["reason"] == "The worker stopped while extracting. (after 3 attempts)"
    assert "mentions" not in documents[slow]
    assert documents[plain]["mentions"] > 0


def test_two_workers_never_extract_a_document_twice(site):
    # Every document is enqueued twice, so both workers are offered each one.
    ids = site.seed(30, extra=("--enqueue-again",))
    site.env["KENES_TEST_ENGINE_DELAY"] = "0.15"
    site.start_workers(processes=2)
    documents = site.wait("all 30 documents", lambda d: all(d[pk]["state"] == "awaiting_review" for pk in ids),
                          timeout=120)
    assert all(documents[pk]["extracted"] == 1 for pk in ids)
    log = site.engine_log()
    assert sorted(first for _pid, first in log) == sorted(f"Test document {i}" for i in range(30))
    assert len({pid for pid, _first in log}) == 2  # both workers took part


def test_a_failing_document_ends_failed_with_one_line_and_the_worker_goes_on(site):
    before, broken, after = site.seed(3, "1:EXPLODE")
    site.start_workers()
    documents = site.wait("the three documents", lambda d: d[broken]["state"] == "failed"
                          and d[before]["state"] == d[after]["state"] == "awaiting_review")
    assert documents[broken]["reason"] == "the test engine cannot read this document (after 3 attempts)"
    assert documents[broken]["attempts"] == 3
    assert "mentions" not in documents[broken]
    assert [first for _pid, first in site.engine_log()].count("Test document 1 EXPLODE") == 3


def test_it_enqueues_queued_documents_that_have_no_task(site):
    # Queued in the database, but no task was ever enqueued (the enqueue after the commit was lost).
    ids = site.seed(2, extra=("--no-enqueue",))
    site.start_workers()
    site.wait("the forgotten documents", lambda d: all(d[pk]["state"] == "awaiting_review" for pk in ids))


def test_it_starts_one_worker_beside_the_demo(migrated_data_dir):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KENES_", "DJANGO_"))}
    env["KENES_DATA_DIR"] = str(migrated_data_dir)
    server = subprocess.Popen([sys.executable, "-m", "kenes", "demo", "--port", str(port), "--workers", "1"],
                              env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        workers = []
        while time.monotonic() < deadline and not workers:
            workers = [pid for pid in _descendants(server.pid) if "kenes worker" in _command_line(pid)]
            time.sleep(0.3)
        assert len(workers) == 1, [_command_line(pid) for pid in _descendants(server.pid)]
        [worker] = workers
        while time.monotonic() < deadline and not any("db_worker" in _command_line(pid)
                                                       for pid in _descendants(worker)):
            time.sleep(0.3)
        assert any("db_worker" in _command_line(pid) for pid in _descendants(worker))
        family = [worker, *_descendants(worker)]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    # Stopped with the server: nothing is left running.
    time.sleep(0.5)
    assert not [pid for pid in family if Path(f"/proc/{pid}").exists() and _state(pid) != "Z"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "X"
