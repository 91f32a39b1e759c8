"""The two database kinds behind one interface: copy out, copy in, count rows.

SQLite is copied with its online backup API (consistent while the server writes);
PostgreSQL with ``pg_dump --format=custom`` taken in the same snapshot as the row
counts, so the manifest describes exactly the dump beside it.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import uuid
from contextlib import contextmanager
from pathlib import Path


class BackupError(Exception):
    """Something the operator must fix; the message is one line."""


def kind(settings_dict: dict) -> str:
    engine = settings_dict["ENGINE"]
    if "sqlite" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"backups of {engine} databases are not supported")


# --- SQLite ---------------------------------------------------------------------------------------

def sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}


def sqlite_migrations(db: sqlite3.Connection) -> list[list[str]]:
    try:
        return [list(row) for row in db.execute("SELECT app, name FROM django_migrations ORDER BY app, name")]
    except sqlite3.OperationalError:
        return []


def sqlite_dump(live: sqlite3.Connection, target: Path) -> tuple[dict[str, int], list[list[str]]]:
    """Copy the live database to ``target`` page by page; counts come from the copy, so they match it."""
    copy = sqlite3.connect(target)
    try:
        live.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return sqlite_counts(copy), sqlite_migrations(copy)
    finally:
        copy.close()


def sqlite_load(source: Path, live: sqlite3.Connection) -> None:
    """Replace the live database's whole content with ``source`` in one step."""
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        backup.backup(live)
    finally:
        backup.close()


# --- PostgreSQL -----------------------------------------------------------------------------------

def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools "
                          f"(Debian: apt-get install postgresql-client) matching the server's version")
    return found


def pg_environment(settings_dict: dict, name: str | None = None) -> dict[str, str]:
    """libpq variables for the configured database, so no password appears on a command line."""
    import os

    environ = dict(os.environ)
    values = {"PGHOST": settings_dict.get("HOST"), "PGPORT": settings_dict.get("PORT"),
              "PGUSER": settings_dict.get("USER"), "PGPASSWORD": settings_dict.get("PASSWORD"),
              "PGDATABASE": name or settings_dict.get("NAME")}
    environ.update({key: str(value) for key, value in values.items() if value})
    return environ


def _run(command: list[str], environ: dict, stdin=None) -> None:
    result = subprocess.run(command, env=environ, stdin=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        raise BackupError(f"{Path(command[0]).name} failed: {lines[0] if lines else result.returncode}")


def pg_counts(cursor) -> dict[str, int]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    names = [row[0] for row in cursor.fetchall()]
    counts = {}
    for name in names:
        cursor.execute(f'SELECT COUNT(*) FROM "{name}"')
        counts[name] = cursor.fetchone()[0]
    return counts


def pg_migrations(cursor) -> list[list[str]]:
    cursor.execute("SELECT to_regclass('django_migrations') IS NOT NULL")
    if not cursor.fetchone()[0]:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [list(row) for row in cursor.fetchall()]


def pg_dump(settings_dict: dict, target: Path) -> tuple[dict[str, int], list[list[str]]]:
    """pg_dump in a snapshot exported by a transaction that counts the rows of that same snapshot."""
    import psycopg

    dump = _tool("pg_dump")
    environ = pg_environment(settings_dict)
    with psycopg.connect(**_psycopg_arguments(settings_dict)) as db:
        db.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = db.execute("SELECT pg_export_snapshot()").fetchone()[0]
        _run([dump, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              f"--file={target}"], environ)
        with db.cursor() as cursor:
            return pg_counts(cursor), pg_migrations(cursor)


def _psycopg_arguments(settings_dict: dict, name: str | None = None) -> dict:
    arguments = {"dbname": name or settings_dict["NAME"], "autocommit": True}
    for key, option in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if settings_dict.get(key):
            arguments[option] = settings_dict[key]
    return arguments


def pg_load(settings_dict: dict, source: Path, name: str | None = None) -> None:
    """Replace every table of the database with the dump's, all in one transaction (nothing half done).

    pg_restore writes the dump as SQL; psql runs it after dropping the tables there, in a single
    transaction that stops at the first error, so a failed restore leaves the database as it was.
    """
    import psycopg

    restore, psql = _tool("pg_restore"), _tool("psql")
    environ = pg_environment(settings_dict, name)
    with psycopg.connect(**_psycopg_arguments(settings_dict, name)) as db:
        tables = [row[0] for row in db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()]
    script = source.with_suffix(".sql")
    try:
        with open(script, "w", encoding="utf-8") as handle:
            for table in tables:
                handle.write(f'DROP TABLE IF EXISTS "{table}" CASCADE;\n')
            handle.flush()
            result = subprocess.run([restore, "--no-owner", "--no-privileges", "--file=-", str(source)],
                                    env=environ, stdout=handle, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            raise BackupError(f"pg_restore failed: {result.stderr.strip().splitlines()[0]}")
        with open(script, encoding="utf-8") as handle:
            _run([psql, "--quiet", "--no-psqlrc", "--set=ON_ERROR_STOP=1", "--single-transaction",
                  "--file=-"], environ, stdin=handle)
    finally:
        script.unlink(missing_ok=True)


def pg_counts_of(settings_dict: dict, name: str | None = None) -> dict[str, int]:
    import psycopg

    with psycopg.connect(**_psycopg_arguments(settings_dict, name)) as db, db.cursor() as cursor:
        return pg_counts(cursor)


@contextmanager
def pg_scratch(settings_dict: dict):
    """A scratch database on the same server, dropped afterwards whatever happens."""
    import psycopg

    name = f"kenes_verify_{uuid.uuid4().hex[:12]}"
    maintenance = _psycopg_arguments(settings_dict, "postgres")
    try:
        with psycopg.connect(**maintenance) as db:
            db.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as exc:
        raise BackupError(f"cannot create a scratch database to verify in: {str(exc).strip().splitlines()[0]}"
                          " (the database user needs CREATEDB)") from None
    try:
        yield name
    finally:
        with psycopg.connect(**maintenance) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
