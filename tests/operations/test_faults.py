"""Faults, really caused: the database lost in the middle of a request, Redis stopped, a full disk.

- The database: PostgreSQL's backend serving the request is terminated from another connection
  (``pg_terminate_backend``) just after the new record was written; on SQLite another connection
  holds a read lock on the table the request writes next, so the write fails as it does on a locked
  file ("database table is locked"). Either way the reader gets a 503 (JSON under /api/) with
  Retry-After, and the record is not there: the transaction was rolled back.
- Redis: a redis-server started here, RQ pointed at it, then stopped; an upload is stored, stays
  queued in the database and says so, and is enqueued once Redis is back.
- A full disk: a 1 MB tmpfs mounted as the storage folder (the tests run as root in CI); a bigger
  upload is refused in words, with no document row and no partial file left behind.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models.signals import post_save
from django.urls import reverse

from kenes.accounts.services import create_api_token
from kenes.directory.models import Person
from kenes.documents import workers
from kenes.documents.models import Document
from kenes.search.models import SearchEntry
from tests.documents.samples import ARTICLE


def _terminate_postgres_backend() -> None:
    """Kill the server process behind this request's connection, from a second connection."""
    import psycopg

    pid = connection.connection.info.backend_pid
    settings = connection.settings_dict
    arguments = {"dbname": settings["NAME"], "autocommit": True}
    arguments.update({option: settings[key] for key, option in (("HOST", "host"), ("PORT", "port"),
                                                               ("USER", "user"), ("PASSWORD", "password"))
                      if settings.get(key)})
    with psycopg.connect(**arguments) as other:
        # With a timeout, the call waits until the backend has really gone (PostgreSQL 14+).
        assert other.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()[0]


@pytest.fixture
def database_lost_after_a_person_is_written(transactional_db):
    """Arms the fault for the next Person saved; yields, then lets the database come back."""
    held = []

    def lose(sender, instance, **kwargs):
        if held:
            return
        if connection.vendor == "postgresql":
            _terminate_postgres_backend()
            held.append(None)
        else:
            # Another connection to the same database reads the search index and keeps its read lock:
            # the request's next write (the index entry) fails as on a locked SQLite file.
            other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, check_same_thread=False)
            other.execute("BEGIN")
            other.execute(f'SELECT COUNT(*) FROM "{SearchEntry._meta.db_table}"').fetchone()
            held.append(other)

    post_save.connect(lose, sender=Person, dispatch_uid="test-faults-lose-database")
    try:
        yield held
    finally:
        post_save.disconnect(sender=Person, dispatch_uid="test-faults-lose-database")
        for other in held:
            if other is not None:
                other.rollback()
                other.close()
        connection.close()  # a terminated connection is not reused; the next query opens a new one


def test_the_database_lost_mid_request_gives_a_503_page_and_writes_nothing(
        client, alice, database_lost_after_a_person_is_written):
    client.force_login(alice)
    client.raise_request_exception = False
    response = client.post(reverse("directory:person_create"),
                           {"name_en": "Half Written", "party": alice.party_id, "visibility": "public"})
    assert database_lost_after_a_person_is_written, "the fault never fired: the form did not save a person"
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "The database is not available" in page and "Nothing you sent was half-saved" in page
    connection.close()
    assert not Person.objects.filter(name_en="Half Written").exists()
    assert not Person.history.filter(name_en="Half Written").exists()


def test_the_database_lost_mid_request_gives_a_json_503_to_the_api(
        client, alice, database_lost_after_a_person_is_written):
    _token, key = create_api_token(alice, "faults")
    client.raise_request_exception = False
    response = client.post("/api/people", {"name_en": "Half Written", "party": "KZ", "visibility": "public"},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert database_lost_after_a_person_is_written
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json()["detail"].startswith("The database is not available")
    connection.close()
    assert not Person.objects.filter(name_en="Half Written").exists()


# --- Redis stopped while RQ is the task queue -------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A redis-server of this test's own, on a free loopback port (never the shared one)."""

    def __init__(self, folder: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed: the Redis fault test starts and stops its own "
                        "(apt-get install redis-server)")
        self.binary, self.folder, self.port = binary, folder, _free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping():
                    return
            except redis.RedisError:
                time.sleep(0.05)
        pytest.fail(f"the test's redis-server on port {self.port} did not answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    # RQ as KENES_REDIS_URL configures it (kenes/settings.py); django_tasks resets its backends.
    settings.RQ_QUEUES = {"default": {"URL": server.url, "DEFAULT_TIMEOUT": 600}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.REDIS_URL = server.url
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.django_db(transaction=True)  # the enqueue runs after the commit, as in production
def test_an_upload_with_redis_stopped_is_kept_queued_says_so_and_is_enqueued_when_redis_is_back(
        client, alice, redis_server):
    import django_rq

    redis_server.stop()
    client.force_login(alice)
    response = client.post(reverse("documents:upload"), {
        "files": [SimpleUploadedFile("article.txt", ARTICLE.encode())], "kind": "other", "visibility": "internal"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    document = Document.objects.get()
    assert document.state == Document.State.QUEUED and document.original
    assert "the task queue cannot be reached" in page and "article.txt" in page

    redis_server.start()
    assert workers.requeue_orphans() == [document.pk]
    assert django_rq.get_queue("default").count == 1


# --- a full disk --------------------------------------------------------------------------------------

@pytest.fixture
def full_storage(settings):
    """A 1 MB tmpfs mounted as the storage folder (root only: CI runs as root), unmounted afterwards."""
    folder = tempfile.mkdtemp(prefix="kenes-full-")
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", folder],
                            capture_output=True, text=True)
    if result.returncode != 0:
        os.rmdir(folder)
        pytest.fail(f"cannot mount a 1 MB tmpfs for the full-disk test (run the tests as root): "
                    f"{result.stderr.strip() or result.returncode}")
    settings.MEDIA_ROOT = folder
    try:
        yield Path(folder)
    finally:
        subprocess.run(["umount", folder], check=True)
        os.rmdir(folder)


def _files_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def test_an_upload_onto_a_full_disk_is_refused_clearly_and_leaves_no_row_and_no_file(client, alice, full_storage):
    client.force_login(alice)
    big = ("The council's full report on water sharing. " * 50_000).encode()  # 2.2 MB onto 1 MB
    response = client.post(reverse("documents:upload"), {
        "files": [SimpleUploadedFile("report.txt", big)], "kind": "other", "visibility": "internal"}, follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is not enough space to store the file" in page and "report.txt" in page
    assert not Document.objects.exists()
    assert _files_under(full_storage) == []
    # The space was given back: a small document is stored whole.
    response = client.post(reverse("documents:upload"), {
        "files": [SimpleUploadedFile("note.txt", ARTICLE.encode())], "kind": "other", "visibility": "internal"})
    document = Document.objects.get()
    assert _files_under(full_storage) == [document.original.name]
    assert (full_storage / document.original.name).read_bytes() == ARTICLE.encode()
