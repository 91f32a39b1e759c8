"""/healthz, /readyz and `kenes check`: a failing part is named, with 503 and exit status 1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from tests.conftest import install_migrated


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # released at once: nothing listens there


def test_healthz_answers_without_sign_in_and_is_never_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n" and response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


def test_readyz_lists_each_part_when_all_are_ready(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    response = client.get("/readyz")
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0] == "ready"
    assert lines[1].startswith("database: ok")
    assert lines[2] == "task queue: ok (database queue, 0 waiting)"
    assert lines[3] == f"storage: ok ({tmp_path / 'media'} writable)"
    assert "no-cache" in response["Cache-Control"]
    assert not list((tmp_path / "media").iterdir())  # the probe file is gone


def test_readyz_names_unwritable_storage(client, db, settings, tmp_path):
    # A path under a regular file cannot be written by anyone (a read-only folder would not stop root).
    (tmp_path / "blocker").write_text("a file, not a folder")
    settings.MEDIA_ROOT = tmp_path / "blocker" / "media"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.content.decode()
    assert body.splitlines()[0] == "not ready: storage failing"
    assert f"storage: FAILED ({tmp_path / 'blocker' / 'media'} is not writable" in body


def test_readyz_names_an_unreachable_redis(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REDIS_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.content.decode()
    assert body.splitlines()[0] == "not ready: task queue failing"
    assert "task queue: FAILED (" in body and "database: ok" in body and "storage: ok" in body


def test_readyz_names_a_database_that_does_not_answer(client, db, settings, tmp_path, monkeypatch):
    from django.db import OperationalError

    from kenes.operations import health

    settings.MEDIA_ROOT = tmp_path / "media"

    class GoneAway:
        vendor = "postgresql"

        def cursor(self):
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(health, "connection", GoneAway())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "database: FAILED (server closed the connection unexpectedly)" in response.content.decode()


def _check(env):
    return subprocess.run([sys.executable, "-m", "kenes", "check"], env=env, capture_output=True, text=True,
                          timeout=600)


def test_kenes_check_prints_the_same_and_exits_1_when_a_part_fails(tmp_path, migrated_sqlite):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KENES_", "DJANGO_"))}
    env["KENES_DATA_DIR"] = str(tmp_path / "data")
    unmigrated = _check(env)  # the task table does not exist yet: not ready, and said so
    assert unmigrated.returncode == 1 and "task queue: FAILED" in unmigrated.stdout
    install_migrated(migrated_sqlite, tmp_path / "data")
    ready = _check(env)
    assert ready.returncode == 0, ready.stderr
    assert ready.stdout.splitlines()[0].startswith("database: ok")
    assert ready.stdout.splitlines()[-1] == "ready"

    env["KENES_REDIS_URL"] = f"redis://127.0.0.1:{_closed_port()}/0"
    failing = _check(env)
    assert failing.returncode == 1
    assert "task queue: FAILED" in failing.stdout
    assert failing.stderr.strip() == "kenes: not ready: task queue failing"


def test_readyz_is_ready_with_a_reachable_redis(client, db, settings, tmp_path):
    url = os.environ.get("KENES_TEST_REDIS_URL", "")
    if not url:
        import pytest

        pytest.skip("KENES_TEST_REDIS_URL is not set: this check needs a real Redis (.ci/run starts one)")
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REDIS_URL = url
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert "task queue: ok (RQ on Redis answers)" in response.content.decode()
