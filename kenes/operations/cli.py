"""``kenes backup``, ``kenes restore`` and ``kenes check``: thin argument parsing over kenes.operations."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _refuse(message: str) -> int:
    print(f"kenes: {message}", file=sys.stderr)
    return 1


def backup_main(argv: list[str]) -> int:
    from kenes.operations.backup import backup
    from kenes.operations.databases import BackupError

    parser = argparse.ArgumentParser(prog="kenes backup",
                                     description="Back up the database, stored files and secret key into one file.")
    parser.add_argument("--to", type=Path, metavar="PATH",
                        help="file to write, or a folder to write a dated file into "
                             "(default: $KENES_DATA_DIR/backups/kenes-DATE-TIME.tar)")
    options = parser.parse_args(argv)
    try:
        target, manifest = backup(options.to)
    except (BackupError, OSError) as exc:
        return _refuse(f"backup failed: {exc}")
    tables = manifest["database"]["tables"]
    stored = sum(1 for name in manifest["files"] if name.startswith("media/"))
    key = " and the secret key" if "secret_key" in manifest["files"] else ""
    print(f"Backed up {len(tables)} tables ({sum(tables.values())} rows), {stored} stored files{key} to {target}")
    return 0


def restore_main(argv: list[str]) -> int:
    from kenes.operations.backup import restore, verify
    from kenes.operations.databases import BackupError

    parser = argparse.ArgumentParser(prog="kenes restore",
                                     description="Restore a backup made by `kenes backup` (stop the server first).")
    parser.add_argument("path", type=Path, help="the backup file")
    parser.add_argument("--verify", action="store_true",
                        help="restore into a scratch database and compare, leaving the configured one untouched")
    parser.add_argument("--force", action="store_true", help="replace a database that already holds data")
    options = parser.parse_args(argv)
    try:
        if options.verify:
            verify(options.path)
        else:
            restore(options.path, force=options.force)
    except (BackupError, OSError) as exc:
        return _refuse(str(exc))
    return 0


def check_main(argv: list[str]) -> int:
    from kenes.operations import health

    argparse.ArgumentParser(prog="kenes check",
                            description="Check the database, the task queue and storage, as /readyz does.").parse_args(argv)
    results = health.checks()
    for check in results:
        print(check.line())
    failing = [check.name for check in results if not check.ok]
    if failing:
        print(f"kenes: not ready: {', '.join(failing)} failing", file=sys.stderr)
        return 1
    print("ready")
    return 0
