"""``kenes serve``, ``kenes demo`` and ``kenes manage``: Django behind a production server.

Configuration errors become one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
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
    if prog == "serve":
        parser.add_argument("--with-worker", action="store_true",
                            help="also run one background worker (kenes worker), stopped with the server")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    command, rest = argv[0], argv[1:]
    if command == "demo":
        # The demo is a local trial: its own data folder, plain HTTP on loopback.
        os.environ.setdefault("KENES_DATA_DIR", os.path.join(os.getcwd(), "var", "demo"))
        os.environ.setdefault("KENES_SECURE_COOKIES", "off")
        # Its accounts sign in with a password alone, so the demo works without an authenticator app.
        os.environ.setdefault("KENES_REQUIRE_2FA", "off")
    from kenes.env import ConfigError

    try:
        options = _serve_arguments(command, rest) if command in {"serve", "demo"} else None
    except ConfigError as exc:
        return _fail(str(exc))
    if options is not None:
        try:
            _share_metrics(options.port)
        except ConfigError as exc:
            return _fail(str(exc))
        # Checked before migrating and loading the demo: a busy port is one line, not
        # gunicorn's five retries after a minute of work.
        problem = _port_problem(options.host, options.port)
        if problem:
            return _fail(problem)
    try:
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
    # The demo (and `serve --with-worker`) processes uploads with no extra command: one worker beside it.
    from kenes.documents import workers

    worker = workers.start_beside_server() if command == "demo" or options.with_worker else None
    try:
        return _run_gunicorn(options)
    finally:
        workers.stop(worker)


def _share_metrics(port: int) -> None:
    """With KENES_METRICS on, the workers' counters go to files in the data folder (one folder per port),
    emptied at start, so /metrics adds up every worker. Set before anything imports prometheus_client."""
    from kenes.env import data_dir, envbool

    if not envbool("KENES_METRICS", "off"):
        return
    import shutil

    folder = data_dir() / f"metrics-{port}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)


def _worker_exited(server, worker) -> None:
    # A dead worker's gauges are dropped from the shared files (its counters stay counted).
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def _port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, or None if it can (bound and released at once)."""
    if not 0 < port < 65536:
        return f"port {port} is not between 1 and 65535"
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"cannot listen on {host}: {exc.strerror}"
    for family, kind, proto, _name, address in addresses[:1]:
        with socket.socket(family, kind, proto) as sock:
            # As gunicorn does, so a port left in TIME_WAIT by the last run is not "in use".
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(address)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    other = port + 1 if port < 65535 else 8000
                    return (f"port {port} on {host} is already in use; choose another with "
                            f"make run PORT={other} or KENES_PORT={other}")
                return f"cannot listen on port {port} on {host}: {exc.strerror}"
    return None


# Longest path a Unix socket may have (sun_path is 108 bytes on Linux, 104 on BSD and macOS).
SOCKET_PATH_LIMIT = 100


def control_socket(data_dir, port: int) -> str | None:
    """Where gunicorn's control socket (for ``gunicornc``) goes: in the data folder, one per port.

    gunicorn's default is one path per user (~/.gunicorn/gunicorn.ctl): a second ``kenes serve``
    took it over and stopping either removed it. Off when the path is too long for a socket.
    """
    path = os.path.join(str(data_dir), f"gunicorn-{port}.ctl")
    return path if len(os.fsencode(path)) <= SOCKET_PATH_LIMIT else None


def settle() -> None:
    """Move what is loaded so far (Django, the apps, their modules) out of the garbage collector's way.

    Those objects live as long as the process; without this every full collection walks them all again,
    a pause that lands inside some request (tens of ms with the whole platform loaded). Called once the
    application is loaded, before the workers fork, so they also share those pages instead of copying them."""
    import gc

    gc.collect()
    gc.freeze()


def _run_gunicorn(options: argparse.Namespace) -> int:
    from django.conf import settings
    from gunicorn.app.base import BaseApplication

    from kenes.operations.logs import gunicorn_configuration
    from kenes.wsgi import application

    settle()

    class KenesServer(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{options.host}:{options.port}")
            self.cfg.set("workers", max(1, options.workers))
            self.cfg.set("threads", max(1, options.threads))
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("timeout", 60)
            self.cfg.set("child_exit", _worker_exited)
            socket_path = control_socket(settings.DATA_DIR, options.port)
            if socket_path:
                self.cfg.set("control_socket", socket_path)
            else:
                self.cfg.set("control_socket_disable", True)
            if settings.LOG_FORMAT == "json":
                self.cfg.set("logconfig_dict", gunicorn_configuration())
            else:
                self.cfg.set("accesslog", "-")

        def load(self):
            return application

    try:
        KenesServer().run()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
