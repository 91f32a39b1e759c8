"""Bad configuration stops with one clear line, not a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

KENES = [sys.executable, "-m", "kenes"]


def _run(env_changes, *args, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KENES_", "DJANGO_"))}
    env["KENES_DATA_DIR"] = str(tmp_path / "data")
    env.update(env_changes)
    return subprocess.run([*KENES, *args], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("changes, expected", [
    ({"KENES_DATABASE_URL": "mysql://x@y/z"}, "KENES_DATABASE_URL='mysql://x@y/z' is not understood"),
    ({"KENES_DATABASE_URL": "postgres://127.0.0.1:5432"}, "names no database"),
    ({"KENES_DATABASE_URL": "sqlite://"}, "names no file"),
    ({"KENES_DEBUG": "maybe"}, "KENES_DEBUG='maybe' is not a boolean"),
    ({"KENES_LOGIN_ATTEMPTS": "many"}, "KENES_LOGIN_ATTEMPTS='many' is not a whole number"),
    ({"KENES_SECRET_KEY": "short"}, "KENES_SECRET_KEY is too short"),
    ({"KENES_LOG_FORMAT": "xml"}, "KENES_LOG_FORMAT='xml' is not one of: text, json"),
])
def test_it_stops_with_one_line_on_a_bad_setting(tmp_path, changes, expected):
    result = _run(changes, "manage", "check", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"kenes: {result.stderr.strip()[len('kenes: '):]}"]
    assert expected in result.stderr


def test_it_stops_with_one_line_when_the_data_dir_is_not_writable(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            # Running as root: a plain file in the way is the unwritable case that holds for root too.
            target = tmp_path / "a-file"
            target.write_text("not a folder")
            result = _run({"KENES_DATA_DIR": str(target / "sub")}, "manage", "check", tmp_path=tmp_path)
        else:
            result = _run({"KENES_DATA_DIR": str(locked / "sub")}, "manage", "check", tmp_path=tmp_path)
    finally:
        locked.chmod(0o700)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("kenes: KENES_DATA_DIR=") and len(result.stderr.strip().splitlines()) == 1


def test_it_stops_with_one_line_when_the_database_is_unreachable(tmp_path):
    result = _run({"KENES_DATABASE_URL": "postgres://nobody@127.0.0.1:1/kenes"}, "serve", "--port", "8765",
                  tmp_path=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("kenes: the database is not usable")


def test_it_keeps_a_generated_secret_key_private_and_stable(tmp_path):
    assert _run({}, "manage", "check", tmp_path=tmp_path).returncode == 0
    keyfile = Path(tmp_path / "data" / "secret_key")
    first = keyfile.read_text()
    assert oct(keyfile.stat().st_mode & 0o777) == "0o600" and len(first) >= 50
    assert _run({}, "manage", "check", tmp_path=tmp_path).returncode == 0
    assert keyfile.read_text() == first


def test_it_answers_an_unknown_command_with_usage(tmp_path):
    result = _run({}, "frobnicate", tmp_path=tmp_path)
    assert result.returncode == 2 and "unknown command 'frobnicate'" in result.stderr


def test_it_runs_sqlite_in_wal_mode(tmp_path):
    probe = ("from django.db import connection; cursor = connection.cursor(); "
             "cursor.execute('PRAGMA journal_mode'); print(cursor.fetchone()[0])")
    result = _run({}, "manage", "shell", "-c", probe, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"
