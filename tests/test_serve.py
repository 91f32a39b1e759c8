"""`kenes serve` and `kenes demo` start a real server that answers pages and static files."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(command, tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KENES_", "DJANGO_"))}
    env["KENES_DATA_DIR"] = str(tmp_path / "data")
    process = subprocess.Popen(
        [sys.executable, "-m", "kenes", command, "--port", str(port), "--workers", "1"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    lines = []
    deadline = time.monotonic() + 90
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


def test_it_starts_the_demo_with_data_and_prints_the_accounts(tmp_path):
    process, url, lines = _start("demo", tmp_path)
    try:
        printed = "".join(lines)
        for username in ("kz-secretariat", "uz-secretariat", "member", "reader"):
            assert username in printed
        status, _headers, body = _get(url + "/directory/people/")
        assert "Yerkin Tukumov" in body
    finally:
        _stop(process)


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
