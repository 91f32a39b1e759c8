"""Structured logs: one JSON object per line, a request id from the browser to the background task,
and a 403 or 404 as one line, not a traceback."""

from __future__ import annotations

import io
import json
import logging

import pytest

from kenes.operations.logs import ContextFilter, JsonFormatter, TextFormatter, request_context


def _capture(formatter):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContextFilter())
    handler.setFormatter(formatter)
    return stream, handler


@pytest.fixture
def json_lines():
    """What the console would show with KENES_LOG_FORMAT=json, parsed line by line."""
    stream, handler = _capture(JsonFormatter())
    root, request_log = logging.getLogger(), logging.getLogger("kenes.request")
    level = request_log.level
    root.addHandler(handler)
    request_log.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)
        request_log.setLevel(level)


def test_each_request_is_one_json_line_with_its_id(client, db, rita, json_lines):
    client.force_login(rita)
    response = client.get("/directory/people/", HTTP_X_REQUEST_ID="proxy-7f3a")
    assert response.status_code == 200 and response["X-Request-ID"] == "proxy-7f3a"
    [line] = [entry for entry in json_lines() if entry["logger"] == "kenes.request"]
    assert line["request_id"] == "proxy-7f3a"
    assert (line["method"], line["path"], line["status"], line["user_id"]) == ("GET", "/directory/people/", 200,
                                                                               rita.pk)
    assert line["level"] == "info" and line["message"] == "GET /directory/people/ 200"
    assert isinstance(line["duration_ms"], float) and line["time"].endswith("+00:00")


@pytest.mark.parametrize("header", ["has spaces in it", "x" * 200, "<script>", "ok\nforged: line", ""])
def test_an_insane_request_id_is_replaced_by_a_new_one(client, db, header):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=header)
    generated = response["X-Request-ID"]
    assert generated != header and len(generated) == 32 and generated.isalnum()
    assert client.get("/healthz")["X-Request-ID"] != generated  # one per request


def test_a_403_is_one_line_without_a_traceback(client, db, rita, json_lines):
    client.force_login(rita)
    response = client.get("/workplan/new/")
    assert response.status_code == 403
    lines = [line for line in json_lines() if line["request_id"] == response["X-Request-ID"]]
    assert len(lines) == 1, lines  # not Django's "Forbidden (Permission denied)" with the exception
    assert lines[0]["status"] == 403 and lines[0]["user_id"] == rita.pk and "exception" not in lines[0]


def test_a_404_is_one_line(client, db, json_lines):
    assert client.get("/no/such/page/").status_code == 404
    lines = json_lines()
    assert [(line["status"], line["path"]) for line in lines] == [(404, "/no/such/page/")]


def test_a_server_error_keeps_its_traceback(client, db, json_lines, monkeypatch):
    from kenes.operations import views

    def broken():
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr(views.health, "checks", broken)
    client.raise_request_exception = False
    assert client.get("/readyz").status_code == 500
    lines = json_lines()
    crash = [line for line in lines if line["logger"] == "django.request"]
    assert len(crash) == 1 and "RuntimeError: the disk caught fire" in crash[0]["exception"]
    assert crash[0]["request_id"] == lines[-1]["request_id"]  # the same id as the request line


def test_the_request_id_travels_into_the_background_task(db, json_lines):
    from kenes.documents import services

    with request_context("upload-42"):
        services.enqueue_extraction(987654)  # the test queue runs it at once, as a worker would
    task_lines = [line for line in json_lines() if line["logger"] == "kenes.tasks"]
    assert [line["message"] for line in task_lines][-1] == "document 987654: taken"
    assert task_lines[0]["message"].startswith("extracting document 987654 (worker ")
    assert {line["request_id"] for line in task_lines} == {"upload-42"}


def test_a_task_queued_outside_a_request_gets_its_own_id(db, json_lines):
    from kenes.documents import services

    services.enqueue_extraction(987655)
    ids = {line["request_id"] for line in json_lines() if line["logger"] == "kenes.tasks"}
    assert len(ids) == 1 and None not in ids


def test_text_lines_carry_the_request_id_too():
    stream, handler = _capture(TextFormatter())
    logger = logging.getLogger("kenes.test")
    logger.addHandler(handler)
    try:
        with request_context("abc-1"):
            logger.warning("inside")
        logger.warning("outside")
    finally:
        logger.removeHandler(handler)
    inside, outside = stream.getvalue().splitlines()
    assert inside.endswith("WARNING kenes.test [abc-1] inside")
    assert outside.endswith("WARNING kenes.test [-] outside")


def test_a_bad_host_header_is_a_line_without_a_traceback(client, db, json_lines):
    assert client.get("/healthz", HTTP_HOST="evil.example").status_code == 400
    lines = json_lines()
    assert [line["logger"] for line in lines] == ["django.security.DisallowedHost", "kenes.request"]
    assert all("exception" not in line for line in lines)
    assert lines[0]["request_id"] == lines[1]["request_id"]
