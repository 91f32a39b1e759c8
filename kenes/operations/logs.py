"""Structured logs: a request id on every line, JSON when ``KENES_LOG_FORMAT=json``, no tracebacks for 4xx.

The request id comes from a sane ``X-Request-ID`` (set by the proxy in front) or is made here;
it is kept in a context variable for the request's thread, returned in the response header and
passed to background tasks (``current_request_id()`` when enqueuing, ``request_context`` in the
task), so one id follows an upload from the browser to the worker that extracts it.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime

# What a proxy may send: letters, digits and a few separators, as long as a UUID with a prefix.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+=/-]{0,127}")

_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("kenes_request_id", default=None)
_request: contextvars.ContextVar[object | None] = contextvars.ContextVar("kenes_request", default=None)

FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id")


def new_request_id() -> str:
    return uuid.uuid4().hex


def request_id_from(header: str | None) -> str:
    header = (header or "").strip()
    return header if SANE_REQUEST_ID.fullmatch(header) else new_request_id()


def current_request_id() -> str | None:
    return _request_id.get()


def current_request():
    """The request this thread is answering (None in a task or a command)."""
    return _request.get()


@contextmanager
def request_context(request_id: str | None = None, request=None):
    """Run a block (a request, a background task) under one request id; a new one when none is given."""
    id_token = _request_id.set(request_id or new_request_id())
    request_token = _request.set(request)
    try:
        yield _request_id.get()
    finally:
        _request.reset(request_token)
        _request_id.reset(id_token)


def _user_id(request) -> int | None:
    # Only when authentication already ran: a log line must never trigger a session lookup.
    user = request.__dict__.get("_cached_user") or request.__dict__.get("user")
    user = user if getattr(user, "is_authenticated", False) else getattr(request, "auth", None)
    return getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None


class ContextFilter(logging.Filter):
    """Gives every record the request's id, method, path and user (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security."):
            # A bad Host header or a forged form is the client's doing: its line, not our traceback.
            record.exc_info, record.exc_text = None, None
        request = _request.get()
        if getattr(record, "request_id", None) is None:
            record.request_id = _request_id.get()
        if request is not None:
            if getattr(record, "method", None) is None:
                record.method = request.method
            if getattr(record, "path", None) is None:
                record.path = request.path
            if getattr(record, "user_id", None) is None:
                record.user_id = _user_id(request)
        for field in FIELDS:
            if not hasattr(record, field):
                setattr(record, field, None)
        return True


class QuietClientErrors(logging.Filter):
    """Drops django.request's own lines except crashes: the request line already tells each 4xx, once.

    Django logs every PermissionDenied at WARNING with the exception attached, which printed a
    full traceback for each 403; a client error is not a fault of the server.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", 500) >= 500 and bool(record.exc_info)


class JsonFormatter(logging.Formatter):
    """One JSON object per line, the same keys on every line (null when unknown)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in FIELDS:
            value = getattr(record, field, None)
            entry[field] = value if isinstance(value, int | float | str | type(None)) else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if getattr(record, "request_id", None) is None:
            record.request_id = "-"
        return super().format(record)


def configuration(log_format: str) -> dict:
    """The LOGGING setting for ``text`` or ``json``."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": ContextFilter}, "quiet_client_errors": {"()": QuietClientErrors}},
        "formatters": {"json": {"()": JsonFormatter}, "text": {"()": TextFormatter}},
        "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["context"],
                                 "formatter": log_format}},
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            "axes": {"level": "WARNING"},
            "django.request": {"filters": ["quiet_client_errors"]},
            # One line per request in JSON (gunicorn's access log is off then); in text, gunicorn's
            # access log already says it, so only server errors.
            "kenes.request": {"level": "INFO" if log_format == "json" else "ERROR"},
            "kenes.tasks": {"level": "INFO"},
            # Sign-ins, failures, token and role changes (kenes.accounts.audit), beside the stored log.
            "kenes.security": {"level": "INFO"},
        },
    }


def gunicorn_configuration() -> dict:
    """gunicorn's own lines as JSON too; its access log off, since kenes.request writes one line per request."""
    config = configuration("json")
    config["loggers"].update({
        "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "WARNING", "handlers": ["console"], "propagate": False},
    })
    return config
