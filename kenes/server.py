"""``kenes serve``, ``kenes demo`` and ``kenes manage``: Django behind a production server.

Configuration errors become one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys


def _fail(message: str) -> int:
    print(f"kenes: {message}", file=sys.stderr)
    return 2


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenes.settings")
    import django

    django.setup()


def _serve_arguments(prog: str, argv: list[str]) -> argparse.Namespace:
    from kenes.env import envint

    parser = argparse.ArgumentParser(prog=f"kenes {prog}")
    parser.add_argument("--host", default=os.environ.get("KENES_HOST", "127.0.0.1"),
                        help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=envint("KENES_PORT", "8000", minimum=1),
                        help="port to listen on (default 8000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    command, rest = argv[0], argv[1:]
    if command == "demo":
        # The demo is a local trial: its own data folder, plain HTTP on loopback.
        os.environ.setdefault("KENES_DATA_DIR", os.path.join(os.getcwd(), "var", "demo"))
        os.environ.setdefault("KENES_SECURE_COOKIES", "off")
    from kenes.env import ConfigError

    try:
        options = _serve_arguments(command, rest) if command in {"serve", "demo"} else None
        _setup()
    except ConfigError as exc:
        return _fail(str(exc))

    from django.core.management import call_command
    from django.db import DatabaseError

    if command == "manage":
        from django.core.management import execute_from_command_line

        try:
            execute_from_command_line(["kenes manage", *rest])
        except DatabaseError as exc:
            return _fail(f"the database is not usable: {_first_line(exc)}")
        return 0

    try:
        call_command("migrate", interactive=False, verbosity=0)
        # Gathered once at start so WhiteNoise serves them compressed and cached.
        call_command("collectstatic", interactive=False, verbosity=0)
        if command == "demo":
            from kenes.web.demo import load_demo

            accounts = load_demo()
    except DatabaseError as exc:
        return _fail(f"the database is not usable: {_first_line(exc)}")

    url = f"http://{options.host}:{options.port}/"
    if command == "demo":
        print("Kenes demo — sign in with one of these accounts:")
        for account in accounts:
            print(f"  {account.username:<16} {account.password:<20} {account.description}")
        print(f"Data: {os.environ['KENES_DATA_DIR']}")
    print(f"Serving Kenes at {url} (Ctrl+C to stop)", flush=True)
    # Workers are forked from this process: they must not share its database connection.
    from django.db import connections

    connections.close_all()
    return _run_gunicorn(options)


def _run_gunicorn(options: argparse.Namespace) -> int:
    from gunicorn.app.base import BaseApplication

    from kenes.wsgi import application

    class KenesServer(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{options.host}:{options.port}")
            self.cfg.set("workers", max(1, options.workers))
            self.cfg.set("threads", max(1, options.threads))
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("accesslog", "-")
            self.cfg.set("timeout", 60)

        def load(self):
            return application

    try:
        KenesServer().run()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
