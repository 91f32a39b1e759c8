"""`kenes serve` and `kenes demo` start a real server that answers pages and static files."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import install_migrated


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(command, tmp_path, home=None, migrated=None):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KENES_", "DJANGO_", "XDG_RUNTIME_DIR"))}
    env["KENES_DATA_DIR"] = str(tmp_path / "data")
    if migrated is not None:  # start from a migrated database: only one test here migrates from nothing
        install_migrated(migrated, tmp_path / "data")
    if home is not None:
        env["HOME"] = str(home)
    process = subprocess.Popen(
        [sys.executable, "-m", "kenes", command, "--port", str(port), "--workers", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    lines = []
    deadline = time.monotonic() + 180  # the demo migrates and loads its data first; CI machines are shared
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if "Serving Kenes" in line:
            break
    if not any("Serving Kenes" in line for line in lines):
        os.killpg(process.pid, signal.SIGTERM)
        pytest.fail("server did not start:\n" + "".join(lines))
    return process, f"http://127.0.0.1:{port}", lines


def _get(url):
    for _ in range(50):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.headers, response.read().decode()
        except (ConnectionError, urllib.error.URLError):
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url}")


def _stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def test_it_serves_pages_and_static_files_after_migrating(tmp_path):
    process, url, _lines = _start("serve", tmp_path)
    try:
        status, headers, body = _get(url + "/")
        assert status == 200 and "Dashboard" in body
        status, headers, css = _get(url + "/static/kenes/kenes.css")
        assert status == 200 and "--accent" in css
        assert "max-age" in headers.get("Cache-Control", "")
        assert (tmp_path / "data" / "kenes.sqlite3").exists()
    finally:
        _stop(process)


def test_it_starts_the_demo_with_data_and_prints_the_accounts(tmp_path, migrated_sqlite):
    process, url, lines = _start("demo", tmp_path, migrated=migrated_sqlite)
    try:
        printed = "".join(lines)
        for username in ("kz-secretariat", "uz-secretariat", "member", "reader"):
            assert username in printed
        status, _headers, body = _get(url + "/directory/people/")
        assert "Yerkin Tukumov" in body
        # The demo needs no authenticator app: a secretariat account's password leads straight in.
        password = re.search(r"kz-secretariat\s+(\S+)", printed).group(1)
        assert _sign_in(url, "kz-secretariat", password).rstrip("/") == url
    finally:
        _stop(process)


def _sign_in(url, username, password) -> str:
    """Signs in as a browser would (CSRF cookie and field) and returns the address it lands on."""
    import http.cookiejar
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(url + "/accounts/login/", timeout=10) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    request = urllib.request.Request(url + "/accounts/login/", data=form.encode(), headers={"Referer": url + "/"})
    with opener.open(request, timeout=10) as response:
        return response.geturl()


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_it_stops_with_one_line_when_the_port_is_taken(tmp_path, command):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KENES_", "DJANGO_"))}
    env["KENES_DATA_DIR"] = str(tmp_path / "data")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env["KENES_PORT"] = str(port)
        result = subprocess.run([sys.executable, "-m", "kenes", command], env=env,
                                capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"kenes: port {port} on 127.0.0.1 is already in use; "
        f"choose another with make run PORT={port + 1} or KENES_PORT={port + 1}"
    )
    assert not (tmp_path / "data" / "kenes.sqlite3").exists()  # stopped before any work


def test_two_instances_run_side_by_side_and_stopping_one_leaves_the_other(tmp_path, migrated_sqlite):
    # A short base folder: a Unix socket path must stay under ~100 bytes.
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="kenes-2x-", dir="/tmp"))
    home = base / "home"
    home.mkdir()
    try:
        first, first_url, _ = _start("serve", base / "a", home=home, migrated=migrated_sqlite)
        second, second_url, _ = _start("serve", base / "b", home=home, migrated=migrated_sqlite)
        first_port, second_port = first_url.rsplit(":", 1)[1], second_url.rsplit(":", 1)[1]
        try:
            assert _get(first_url + "/healthz")[0] == 200 and _get(second_url + "/healthz")[0] == 200
            first_socket = base / "a" / "data" / f"gunicorn-{first_port}.ctl"
            second_socket = base / "b" / "data" / f"gunicorn-{second_port}.ctl"
            assert _wait_for(first_socket.exists) and _wait_for(second_socket.exists)
            assert not (home / ".gunicorn").exists()  # nothing shared between the two
            _stop(first)
            assert not first_socket.exists()
            assert second_socket.exists()  # the other's socket is left alone
            status, _headers, body = _get(second_url + "/readyz")
            assert status == 200 and body.startswith("ready")
        finally:
            for process in (first, second):
                if process.poll() is None:
                    _stop(process)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_the_control_socket_is_off_when_the_data_folder_path_is_too_long_for_one(tmp_path):
    from kenes.server import control_socket

    assert control_socket("/var/lib/kenes", 8000) == "/var/lib/kenes/gunicorn-8000.ctl"
    assert control_socket("/srv/" + "x" * 120, 8000) is None
