"""``kenes backup`` and ``kenes restore``: the database, the stored files and the secret key in one file.

A backup is one uncompressed tar file: easy to copy off the machine, to checksum and to
keep as one unit (a folder can lose a file on the way unnoticed). Compression would gain
little: uploaded originals and photos are mostly compressed already, and the PostgreSQL
dump is compressed by pg_dump. Inside:

- ``database.sqlite3`` (SQLite's online backup) or ``database.pgdump`` (``pg_dump -Fc``);
- ``media/…``: every file in Django's storage folder (uploaded originals, photos, …);
- ``secret_key``: the key file settings read, when the key comes from a file;
- ``manifest.json``, last: the row count of every table, the applied migrations, and the
  SHA-256 and size of every other member, hashed while they were written.

Every table and every stored file is found at run time, so apps added later are covered.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from kenes.operations import databases
from kenes.operations.databases import BackupError

FORMAT = "kenes-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024


class _Hashing(io.RawIOBase):
    """Reads through a file while hashing what tarfile copies out of it."""

    def __init__(self, handle):
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def secret_key_source() -> tuple[str, Path | None]:
    """Where settings read the key from (the order of kenes.env.secret_key): environment, a file, the data dir."""
    from django.conf import settings

    if os.environ.get("KENES_SECRET_KEY", "").strip():
        return "environment", None
    if filename := os.environ.get("KENES_SECRET_KEY_FILE", "").strip():
        return "file", Path(filename)
    return "data_dir", Path(settings.DATA_DIR) / "secret_key"


def default_target() -> Path:
    from django.conf import settings

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Path(settings.DATA_DIR) / "backups" / f"kenes-{stamp}.tar"


def _media_files() -> list[tuple[Path, str]]:
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append((path, "media/" + path.relative_to(root).as_posix()))
    return sorted(found, key=lambda item: item[1])


def _add(tar: tarfile.TarFile, path: Path, name: str, files: dict) -> None:
    info = tar.gettarinfo(str(path), arcname=name)
    with open(path, "rb") as handle:
        reader = _Hashing(handle)
        tar.addfile(info, reader)
    files[name] = {"sha256": reader.digest.hexdigest(), "size": reader.size}


def _dump_database(folder: Path) -> tuple[str, dict]:
    from django.db import connection

    database_kind = databases.kind(connection.settings_dict)
    target = folder / DATABASE_MEMBER[database_kind]
    if database_kind == "sqlite":
        connection.ensure_connection()
        tables, migrations = databases.sqlite_dump(connection.connection, target)
    else:
        tables, migrations = databases.pg_dump(connection.settings_dict, target)
    return database_kind, {"kind": database_kind, "member": target.name, "tables": tables, "migrations": migrations}


def backup(target: Path | None = None) -> tuple[Path, dict]:
    """Write a backup file and return its path and manifest; an existing directory gets a dated file inside."""
    target = Path(target) if target else default_target()
    if target.is_dir():
        target = target / default_target().name
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    files: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="kenes-backup-") as scratch:
        _kind, database = _dump_database(Path(scratch))
        try:
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
                _add(tar, Path(scratch) / database["member"], database["member"], files)
                for path, name in _media_files():
                    _add(tar, path, name, files)
                source, keyfile = secret_key_source()
                if keyfile is not None and keyfile.is_file():
                    _add(tar, keyfile, "secret_key", files)
                manifest = _manifest(database, source, files)
                data = json.dumps(manifest, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(datetime.now(UTC).timestamp()), 0o600
                tar.addfile(info, io.BytesIO(data))
            os.chmod(partial, 0o600)  # it holds the secret key and internal records
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return target, manifest


def _manifest(database: dict, key_source: str, files: dict) -> dict:
    from importlib.metadata import PackageNotFoundError, version

    try:
        kenes_version = version("kenes")
    except PackageNotFoundError:
        kenes_version = "unknown"
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "kenes_version": kenes_version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": database, "secret_key": key_source, "files": files,
    }


# --- reading and checking -------------------------------------------------------------------------

def _safe_name(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts


def unpack(archive: Path, staging: Path) -> dict:
    """Unpack into ``staging``, hashing each member; return the manifest once everything matches it."""
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file")
    seen: dict[str, dict] = {}
    manifest_bytes = None
    try:
        with tarfile.open(archive, "r:") as tar:
            for member in tar:
                if not member.isfile() or not _safe_name(member.name):
                    raise BackupError(f"{archive} is damaged or not a Kenes backup: unexpected member {member.name!r}")
                source = tar.extractfile(member)
                if member.name == MANIFEST:
                    manifest_bytes = source.read()
                    continue
                seen[member.name] = _copy_out(source, staging / member.name)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"{archive} is damaged (truncated or not a tar file): {exc}") from None
    manifest = _read_manifest(archive, manifest_bytes)
    _compare_files(archive, manifest["files"], seen)
    return manifest


def _copy_out(source, path: Path) -> dict:
    path.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with open(path, "wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def _read_manifest(archive: Path, data: bytes | None) -> dict:
    if data is None:
        raise BackupError(f"{archive} is damaged or incomplete: it has no manifest")
    try:
        manifest = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise BackupError(f"{archive} is damaged: its manifest is not readable JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a Kenes backup")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{archive} is a backup in format {manifest.get('format_version')}; "
                          f"this Kenes reads format {FORMAT_VERSION}")
    return manifest


def _compare_files(archive: Path, expected: dict, seen: dict) -> None:
    missing = sorted(set(expected) - set(seen))
    extra = sorted(set(seen) - set(expected))
    wrong = sorted(name for name in set(expected) & set(seen) if expected[name] != seen[name])
    if missing or extra or wrong:
        first = (missing and f"{missing[0]} is missing") or (extra and f"{extra[0]} is not in the manifest") \
            or f"{wrong[0]} does not match its checksum"
        count = len(missing) + len(extra) + len(wrong)
        raise BackupError(f"{archive} is damaged: {first}" + (f" (and {count - 1} more)" if count > 1 else ""))


def check_compatible(archive: Path, manifest: dict) -> None:
    """Refuse a backup of the other database kind, or one made by newer code (migrations unknown here)."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    configured = databases.kind(connection.settings_dict)
    made_on = manifest["database"]["kind"]
    if made_on != configured:
        raise BackupError(f"{archive} is a backup of a {made_on} database but the configured database is "
                          f"{configured}: restore it into {made_on}, or move the data with dumpdata/loaddata "
                          "(docs/operations.md)")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest["database"]["migrations"] if (app, name) not in known]
    if unknown:
        raise BackupError(f"{archive} was made by a newer Kenes: migration {unknown[0]} is unknown here"
                          + (f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else "")
                          + "; upgrade Kenes before restoring it")


# --- restoring --------------------------------------------------------------------------------------

def configured_holds_data() -> str | None:
    """What the configured database and storage already hold, in words, or None when empty."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError

    from kenes.core.models import Record

    held = []
    try:
        users = get_user_model()._base_manager.count()
        records = sum(model._base_manager.count() for model in apps.get_models()
                      if issubclass(model, Record) and not model._meta.abstract)
    except DatabaseError:
        users = records = 0  # not migrated yet: nothing to lose
    if users:
        held.append(f"{users} user account(s)")
    if records:
        held.append(f"{records} record(s)")
    if _media_files():
        held.append("stored files")
    return ", ".join(held) or None


def _load_database(manifest: dict, staging: Path) -> dict[str, int]:
    from django.db import connection

    source = staging / manifest["database"]["member"]
    if manifest["database"]["kind"] == "sqlite":
        connection.ensure_connection()
        databases.sqlite_load(source, connection.connection)
        connection.close()
        connection.ensure_connection()
        return databases.sqlite_counts(connection.connection)
    connection.close()
    databases.pg_load(connection.settings_dict, source)
    return databases.pg_counts_of(connection.settings_dict)


def _compare_counts(expected: dict, actual: dict) -> list[str]:
    return [f"{table}: {expected.get(table)} in the backup, {actual.get(table)} restored"
            for table in sorted(set(expected) | set(actual)) if expected.get(table) != actual.get(table)]


def _replace_media(staging: Path) -> None:
    from django.conf import settings

    media = Path(settings.MEDIA_ROOT)
    restored = staging / "media"
    restored.mkdir(exist_ok=True)
    media.parent.mkdir(parents=True, exist_ok=True)
    aside = media.with_name(f".media-replaced-{uuid.uuid4().hex[:8]}")
    if media.exists():
        os.replace(media, aside)
    os.replace(restored, media)
    shutil.rmtree(aside, ignore_errors=True)


def _restore_secret_key(staging: Path) -> str:
    from django.conf import settings

    backed_up = staging / "secret_key"
    if not backed_up.is_file():
        return "the backup holds no secret key file (it came from KENES_SECRET_KEY); the configured key is kept"
    source, keyfile = secret_key_source()
    if source != "data_dir":
        same = backed_up.read_text(encoding="utf-8").strip() == settings.SECRET_KEY
        return ("secret key: the configured one is the same as the backup's" if same else
                f"secret key: kept the one from {'KENES_SECRET_KEY' if source == 'environment' else keyfile}; "
                "sessions signed with the backup's key end (users sign in again)")
    temporary = keyfile.with_name(f".secret_key.{os.getpid()}")
    shutil.copyfile(backed_up, temporary)
    os.chmod(temporary, 0o600)
    os.replace(temporary, keyfile)
    return f"secret key restored to {keyfile}"


def restore(archive: Path, *, force: bool = False, report=print) -> dict:
    """Put a backup back into the configured database and storage; refuse before changing anything."""
    from django.conf import settings

    archive = Path(archive)
    Path(settings.MEDIA_ROOT).parent.mkdir(parents=True, exist_ok=True)
    # Beside the storage folder, so putting the files in place is a rename, not a copy.
    staging = Path(tempfile.mkdtemp(prefix=".kenes-restore-", dir=Path(settings.MEDIA_ROOT).parent))
    try:
        manifest = unpack(archive, staging)
        check_compatible(archive, manifest)
        held = configured_holds_data()
        if held and not force:
            raise BackupError(f"the configured database already holds data ({held}): restore into an empty "
                              "one, or add --force to replace it")
        counts = _load_database(manifest, staging)
        mismatches = _compare_counts(manifest["database"]["tables"], counts)
        if mismatches:
            raise BackupError(f"the restored database differs from the backup: {mismatches[0]}")
        _replace_media(staging)
        report(f"Restored {len(counts)} tables ({sum(counts.values())} rows) and "
               f"{sum(1 for name in manifest['files'] if name.startswith('media/'))} stored files from {archive}")
        report(_restore_secret_key(staging))
        if _pending_migrations(manifest):
            report("the backup is older than this Kenes: `kenes serve` (or `kenes manage migrate`) brings it up to date")
        return manifest
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _pending_migrations(manifest: dict) -> int:
    from django.db.migrations.loader import MigrationLoader

    applied = {(app, name) for app, name in manifest["database"]["migrations"]}
    return len(set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations) - applied)


def verify(archive: Path, *, report=print) -> dict:
    """Restore into a scratch database and compare it with the manifest; the configured one is untouched."""
    from django.db import connection

    archive = Path(archive)
    with tempfile.TemporaryDirectory(prefix="kenes-verify-") as scratch:
        staging = Path(scratch)
        manifest = unpack(archive, staging)
        check_compatible(archive, manifest)
        source = staging / manifest["database"]["member"]
        if manifest["database"]["kind"] == "sqlite":
            counts = _verify_sqlite(archive, source, staging / "scratch.sqlite3")
        else:
            with databases.pg_scratch(connection.settings_dict) as name:
                databases.pg_load(connection.settings_dict, source, name)
                counts = databases.pg_counts_of(connection.settings_dict, name)
    mismatches = _compare_counts(manifest["database"]["tables"], counts)
    if mismatches:
        raise BackupError(f"{archive} does not restore to what it recorded: {mismatches[0]}")
    report(f"Verified {archive}: {len(counts)} tables ({sum(counts.values())} rows) restore identically; "
           f"{len(manifest['files'])} files match their checksums")
    return manifest


def _verify_sqlite(archive: Path, source: Path, scratch: Path) -> dict[str, int]:
    db = sqlite3.connect(scratch)
    try:
        databases.sqlite_load(source, db)
        problem = db.execute("PRAGMA integrity_check").fetchone()[0]
        if problem != "ok":
            raise BackupError(f"{archive} holds a damaged SQLite database: {problem}")
        return databases.sqlite_counts(db)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{archive} holds a damaged SQLite database: {exc}") from None
    finally:
        db.close()
