"""The ``kenes`` command: serve, demo, manage, extract, backup, restore, check, ….

Subcommands stay thin: they parse arguments and call functions that do the work.
``extract`` never imports Django, so it starts fast and runs without a database.
"""

from __future__ import annotations

import argparse
import sys


def _extract(argv: list[str]) -> int:
    from kenes.extraction.cli import main as extract_main

    return extract_main(argv[1:])


def _django(argv: list[str]) -> int:
    from kenes.server import main as server_main

    return server_main(argv)


def _with_django(entry: str):
    """A command that needs Django set up first: ``module:function``, called with the arguments after its name.

    Configuration errors are one line on stderr and exit status 2, as for ``serve``.
    """

    def run(argv: list[str]) -> int:
        import importlib

        from kenes.env import ConfigError
        from kenes.server import _fail, _setup

        try:
            _setup()
        except ConfigError as exc:
            return _fail(str(exc))
        module, function = entry.split(":")
        return getattr(importlib.import_module(module), function)(argv[1:])

    return run


def _manage(argv: list[str]) -> int:
    # A Kenes management command under its own name: `kenes worker …` is `kenes manage worker …`.
    from kenes.server import main as server_main

    return server_main(["manage", *argv])


COMMANDS = {
    "extract": (_extract, "turn documents into records (JSON Lines on stdout)"),
    "ingest": (_with_django("kenes.documents.cli:main"), "ingest documents and folders, then queue their extraction"),
    "serve": (_django, "apply migrations and serve the application"),
    "demo": (_django, "load the demo data and serve it, printing the demo accounts"),
    "manage": (_django, "run a Django management command"),
    "worker": (_manage, "run background workers for the configured queue [--processes N]"),
    "briefing": (_with_django("kenes.council.briefing_cli:main"),
                 "write a meeting's briefing pack: MEETING --lang en|ru --format pdf|docx [-o FILE]"),
    "reextract": (_manage, "run the current engine over stored documents [--since YYYY-MM-DD] [--all]"),
    "backup": (_with_django("kenes.operations.cli:backup_main"),
               "back up the database, stored files and secret key into one file [--to PATH]"),
    "check": (_with_django("kenes.operations.cli:check_main"),
              "check the database, task queue and storage as /readyz does (exit status 1 if not ready)"),
    "restore": (_with_django("kenes.operations.cli:restore_main"),
                "restore a backup: PATH [--verify] [--force]"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in COMMANDS:
        parser = argparse.ArgumentParser(prog="kenes", description="Kenes command line")
        sub = parser.add_subparsers(dest="command", metavar="COMMAND")
        for name, (_, summary) in COMMANDS.items():
            sub.add_parser(name, help=summary, add_help=False)
        if argv and argv[0] not in {"-h", "--help"}:
            parser.print_usage(sys.stderr)
            print(f"kenes: unknown command {argv[0]!r}", file=sys.stderr)
            return 2
        parser.print_help()
        return 0 if argv else 2
    handler, _ = COMMANDS[argv[0]]
    try:
        return handler(argv)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
