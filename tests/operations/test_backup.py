"""`kenes backup` and `kenes restore`: what comes back is what was there, and a bad backup changes nothing.

Runs on the test database (SQLite, or PostgreSQL with KENES_TEST_DATABASE_URL): restore really
replaces its tables, so these tests use transactional_db.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from kenes.directory.models import Person
from kenes.operations import databases
from kenes.operations.backup import backup, restore, verify
from kenes.operations.databases import BackupError
from tests.conftest import install_migrated

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


@pytest.fixture
def data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "data" / "media"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture
def stored(transactional_db, data_dir, directory):
    """Records of every visibility and files in storage: a photo and a document original in a nested folder."""
    default_storage.save("people/1/photo.png", ContentFile(PHOTO))
    default_storage.save("documents/ab/abcdef/minutes.txt", ContentFile(b"Minutes of the second meeting"))
    return directory


def _counts() -> dict[str, int]:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return databases.sqlite_counts(connection.connection)
    return databases.pg_counts_of(connection.settings_dict)


def _files(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def _rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of the backup whose manifest went through ``change`` (another database kind, a newer migration)."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as out:
        for member in source:
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    return target


def test_it_restores_every_table_and_file_as_they_were(stored, data_dir, tmp_path):
    before_counts, before_files = _counts(), _files(data_dir / "media")
    archive, manifest = backup(tmp_path / "kenes.tar")
    assert manifest["database"]["tables"] == before_counts
    assert {name for name in manifest["files"] if name.startswith("media/")} == {f"media/{n}" for n in before_files}

    # Things go wrong after the backup: a person removed, a photo lost, a stray file appears.
    Person.objects.filter(pk=stored["insider"].pk).delete()
    (data_dir / "media" / "people" / "1" / "photo.png").unlink()
    (data_dir / "media" / "stray.txt").write_text("not in the backup")
    assert _counts() != before_counts

    messages = []
    restore(archive, force=True, report=messages.append)
    assert _counts() == before_counts
    assert _files(data_dir / "media") == before_files
    assert Person.objects.filter(name_en="Ivan Internal").exists()
    assert messages[0].startswith(f"Restored {len(before_counts)} tables")
    assert not list(data_dir.glob(".kenes-restore-*")) and not list(data_dir.glob(".media-replaced-*"))


def test_it_refuses_to_overwrite_a_database_holding_data_without_force(stored, data_dir, tmp_path):
    archive, _manifest = backup(tmp_path / "kenes.tar")
    Person.objects.filter(pk=stored["insider"].pk).delete()
    after_delete = _counts()
    with pytest.raises(BackupError, match="already holds data .*add --force"):
        restore(archive)
    assert _counts() == after_delete


def test_it_writes_a_dated_file_into_a_folder(stored, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    archive, _manifest = backup(folder)
    assert archive.parent == folder and archive.name.startswith("kenes-") and archive.suffix == ".tar"
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # it holds the secret key
    assert not list(folder.glob("*.partial"))


def _damaged_copies(archive: Path, tmp_path: Path) -> dict[str, Path]:
    data = archive.read_bytes()
    flipped = bytearray(data)
    position = data.index(PHOTO[:40]) + 100  # inside the photo's bytes
    flipped[position] ^= 0xFF
    copies = {"flipped": bytes(flipped), "truncated": data[: len(data) // 2], "empty": b"",
              "not a tar": b"%PDF-1.7 this is not a backup\n" * 100}
    paths = {}
    for name, content in copies.items():
        paths[name] = tmp_path / f"{name.replace(' ', '-')}.tar"
        paths[name].write_bytes(content)
    return paths


@pytest.mark.parametrize("damage, message", [
    ("flipped", "is damaged: media/people/1/photo.png does not match its checksum"),
    ("truncated", "is damaged"),
    ("empty", "is damaged"),
    ("not a tar", "is damaged"),
])
def test_it_refuses_a_damaged_backup_and_changes_nothing(stored, data_dir, tmp_path, damage, message):
    archive, _manifest = backup(tmp_path / "kenes.tar")
    damaged = _damaged_copies(archive, tmp_path)[damage]
    Person.objects.filter(pk=stored["insider"].pk).delete()
    counts, files = _counts(), _files(data_dir / "media")
    for attempt in (lambda: restore(damaged, force=True), lambda: verify(damaged)):
        with pytest.raises(BackupError, match=message):
            attempt()
        assert _counts() == counts and _files(data_dir / "media") == files


def test_it_refuses_a_backup_of_the_other_database_kind(stored, tmp_path):
    archive, manifest = backup(tmp_path / "kenes.tar")
    other = "postgresql" if manifest["database"]["kind"] == "sqlite" else "sqlite"
    changed = _rewrite(archive, tmp_path / "other.tar",
                       lambda m: m["database"].update(kind=other))
    with pytest.raises(BackupError, match=f"is a backup of a {other} database but the configured database is"):
        restore(changed, force=True)


def test_it_refuses_a_backup_made_by_newer_code(stored, tmp_path):
    archive, _manifest = backup(tmp_path / "kenes.tar")
    counts = _counts()
    changed = _rewrite(archive, tmp_path / "newer.tar",
                       lambda m: m["database"]["migrations"].append(["directory", "9999_from_the_future"]))
    with pytest.raises(BackupError, match="made by a newer Kenes: migration directory.9999_from_the_future"):
        restore(changed, force=True)
    with pytest.raises(BackupError, match="newer Kenes"):
        verify(changed)
    assert _counts() == counts


def test_verify_restores_into_a_scratch_database_and_leaves_the_configured_one(stored, data_dir, tmp_path):
    archive, manifest = backup(tmp_path / "kenes.tar")
    Person.objects.filter(pk=stored["insider"].pk).delete()
    counts = _counts()
    messages = []
    verify(archive, report=messages.append)
    tables = manifest["database"]["tables"]
    assert messages == [f"Verified {archive}: {len(tables)} tables ({sum(tables.values())} rows) restore "
                        f"identically; {len(manifest['files'])} files match their checksums"]
    assert _counts() == counts  # untouched


def test_it_keeps_the_secret_key_file_and_puts_it_back(stored, data_dir, tmp_path, monkeypatch):
    monkeypatch.delenv("KENES_SECRET_KEY", raising=False)
    monkeypatch.delenv("KENES_SECRET_KEY_FILE", raising=False)
    keyfile = data_dir / "secret_key"
    keyfile.write_text("k" * 50)
    archive, manifest = backup(tmp_path / "kenes.tar")
    assert manifest["secret_key"] == "data_dir" and "secret_key" in manifest["files"]
    keyfile.write_text("z" * 50)
    messages = []
    restore(archive, force=True, report=messages.append)
    assert keyfile.read_text() == "k" * 50
    assert oct(keyfile.stat().st_mode & 0o777) == "0o600"
    assert messages[1] == f"secret key restored to {keyfile}"


def _kenes(env, *args):
    return subprocess.run([sys.executable, "-m", "kenes", *args], env=env, capture_output=True, text=True,
                          timeout=600)


def test_the_command_line_backs_up_verifies_and_restores_a_served_sqlite_database(tmp_path, migrated_sqlite):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KENES_", "DJANGO_"))}
    env["KENES_DATA_DIR"] = str(tmp_path / "one")
    install_migrated(migrated_sqlite, tmp_path / "one")  # a migrated installation
    media = tmp_path / "one" / "media" / "documents"
    media.mkdir(parents=True)
    (media / "original.pdf").write_bytes(b"%PDF-1.4 original")
    made = _kenes(env, "backup", "--to", str(tmp_path / "nightly.tar"))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Backed up ") and str(tmp_path / "nightly.tar") in made.stdout

    checked = _kenes(env, "restore", str(tmp_path / "nightly.tar"), "--verify")
    assert checked.returncode == 0 and checked.stdout.startswith("Verified ")

    env["KENES_DATA_DIR"] = str(tmp_path / "two")  # a new machine: empty data folder
    restored = _kenes(env, "restore", str(tmp_path / "nightly.tar"))
    assert restored.returncode == 0, restored.stderr
    assert (tmp_path / "two" / "media" / "documents" / "original.pdf").read_bytes() == b"%PDF-1.4 original"
    assert (tmp_path / "two" / "secret_key").read_text() == (tmp_path / "one" / "secret_key").read_text()

    (tmp_path / "broken.tar").write_bytes((tmp_path / "nightly.tar").read_bytes()[:5000])
    refused = _kenes(env, "restore", str(tmp_path / "broken.tar"), "--force")
    assert refused.returncode == 1
    assert len(refused.stderr.strip().splitlines()) == 1 and "is damaged" in refused.stderr


def test_restoring_an_older_backup_says_how_to_bring_it_up_to_date(stored, tmp_path):
    archive, _manifest = backup(tmp_path / "kenes.tar")
    older = _rewrite(archive, tmp_path / "older.tar",
                     lambda m: m["database"].update(migrations=m["database"]["migrations"][:-1]))
    messages = []
    restore(older, force=True, report=messages.append)
    assert messages[-1].startswith("the backup is older than this Kenes: `kenes serve`")
