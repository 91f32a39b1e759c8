"""Whole answers kept until the data changes: a signed-in reader who asks again for a page (or an API
list) that nothing has changed since gets the answer made last time, in a fraction of the time.

Most requests of a working day are reloads: the dashboard, the inventory, a measure's page, the
same list through the API, by people nobody else is writing for at that moment. Making such a page
costs 10–40 ms of Python (queries, template); sending a kept copy costs well under 1 ms. With 50
clients on two cores that is the difference between p95 of a second and of a tenth (issue 13).

What a kept answer is keyed on — everything it may depend on:

* **the data**: :func:`data_version`, a value that moves whenever anything is committed to the
  database by anyone: PostgreSQL's transaction snapshot (which names the committed set exactly);
  on SQLite, ``PRAGMA data_version`` read on a connection of its own that never writes, so every
  other connection's commit moves it, this process's included. No list of models to keep up to
  date, and bulk ``update()``\\s, other processes and other machines are seen as well as the write
  path's saves. Inside a transaction nothing is kept (a transaction's own changes do not move the
  snapshot);
* **the reader**: the user (so their role, party and visibility), whether this session passed the
  second factor, and the browser's CSRF cookie (the page's forms carry tokens made from it);
* **the request**: the path with its query, the language, the time zone, the local date (overdue
  flags), ``Accept`` and htmx's ``HX-*`` headers (partials);
* **time**: an answer is kept at most ``KENES_PAGE_CACHE_SECONDS`` (default 60), so "3 minutes ago"
  is never more than a minute behind.

Never kept: anonymous requests (the portal has its own caching), anything but ``GET``, a request with
a message waiting to be shown, a first visit without a CSRF cookie, an answer other than 200, a
download (``Content-Disposition``), an answer that set a cookie, and any request that wrote to the
security log (exports of restricted records are recorded each time, :func:`not_kept`).

Each process keeps its own copies in memory (the ``pages`` cache: at most 300 answers of at most
256 KB). With ``KENES_PAGE_CACHE_HEADER=on`` a kept answer says so in an ``X-Kenes-Kept`` header (for
operators' checks, the load benchmark and the tests); it is off by default, since it would tell any
reader that nothing at all was written since their last request.

On PostgreSQL the snapshot covers the whole server: another database's writes on a shared server
end the kept copies as well (never wrongly kept, only kept less).
"""

from __future__ import annotations

import contextvars
import hashlib
import os
import secrets
import sqlite3
import threading
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

CACHE = "pages"
# Larger answers are not kept: the memory is better spent on many pages than on one export.
LARGEST_KEPT = 256 * 1024
# Headers the view set that the kept copy must carry again (the middleware add theirs on each answer).
KEPT_HEADERS = ("Content-Type", "Vary", "Content-Language", "Cache-Control", "X-Robots-Tag", "Link")

KEPT_HEADER = "X-Kenes-Kept"

_keep: contextvars.ContextVar[bool] = contextvars.ContextVar("kenes_page_keep", default=True)


def not_kept() -> None:
    """Tell the page being answered that this answer must not be kept (it recorded something that must
    be recorded each time it is asked for, as the security log's exports)."""
    _keep.set(False)


def data_version(using: str = "default") -> str | None:
    """A value that changes whenever data committed to the database changes; None inside a transaction
    or on a database it cannot tell for."""
    connection = connections[using]
    if connection.in_atomic_block:
        return None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # xmin:xmax:in-progress — two equal snapshots see exactly the same committed transactions.
            cursor.execute("SELECT pg_current_snapshot()::text")
            return "pg:" + cursor.fetchone()[0]
    if connection.vendor == "sqlite":
        return "sqlite:" + _watcher.version(connection)
    return None


class _SqliteWatcher:
    """One connection per process that only ever reads ``PRAGMA data_version``, which moves whenever any
    other connection commits: this process's request threads, a worker, another process.

    Its number restarts with the connection, so the key also holds a token drawn when it was opened."""

    def __init__(self):
        self.lock = threading.Lock()
        self.raw = None
        self.opened_as: tuple[int, str] | None = None
        self.token = ""

    def version(self, connection) -> str:
        params = connection.get_connection_params()
        opened_as = (os.getpid(), str(params["database"]))  # a forked worker opens its own
        with self.lock:
            if self.raw is None or self.opened_as != opened_as:
                self.raw = sqlite3.connect(**params)
                self.opened_as, self.token = opened_as, secrets.token_hex(8)
            return f"{self.token}:{self.raw.execute('PRAGMA data_version').fetchone()[0]}"


_watcher = _SqliteWatcher()


def _waiting_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    # len() reads the stored messages without marking them shown.
    return storage is not None and len(messages.get_messages(request)) > 0


def _key(request, user, api: bool) -> str | None:
    if request.method != "GET" or not settings.KENES_PAGE_CACHE_SECONDS:
        return None
    if user is None or not user.is_authenticated:
        return None
    csrf_cookie = request.META.get("CSRF_COOKIE")
    if not api and (csrf_cookie is None or _waiting_messages(request)):
        return None
    version = data_version()
    if version is None:
        return None
    verified = getattr(user, "is_verified", None)
    parts = [
        version, request.get_full_path(), translation.get_language() or "", timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(), str(user.pk), str(bool(verified() if callable(verified) else False)),
        "" if api else csrf_cookie, request.headers.get("Accept", ""),
        *sorted(f"{name}={value}" for name, value in request.headers.items() if name.lower().startswith("hx-")),
    ]
    return "kenes:page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _keepable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Content-Disposition" not in response
        and len(response.content) <= LARGEST_KEPT
        and not _waiting_messages(request)
    )


def _store(key: str, request, response, keep: bool) -> None:
    if keep and _keepable(request, response):
        entry = {
            "content": response.content,
            "headers": [(name, response[name]) for name in KEPT_HEADERS if name in response],
            # Whether the page carried a CSRF token: a kept copy then renews the cookie as the page did.
            "csrf": bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")),
        }
        caches[CACHE].set(key, entry, settings.KENES_PAGE_CACHE_SECONDS)


def _answer(request, entry) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    if settings.KENES_PAGE_CACHE_HEADER:
        response[KEPT_HEADER] = "yes"
    if entry["csrf"]:
        get_token(request)
    return response


def _kept(view, reader, api: bool = False):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = reader(request)
        key = _key(request, user, api=api)
        if key is None:
            return view(request, *args, **kwargs)
        entry = caches[CACHE].get(key)
        if entry is not None:
            return _answer(request, entry)
        token = _keep.set(True)
        try:
            response = view(request, *args, **kwargs)
            keep = _keep.get()
        finally:
            _keep.reset(token)
        if getattr(response, "is_rendered", True):
            _store(key, request, response, keep)
        else:  # a TemplateResponse: kept once rendered
            response.add_post_render_callback(lambda rendered: _store(key, request, rendered, keep))
        return response

    return wrapper


def _session_user(request):
    return getattr(request, "user", None)


def kept_until_changed(view):
    """A page view's answer kept per reader until the data changes (see the module)."""
    return _kept(view, _session_user)


def _api_reader(run):
    """The API operation's reader, checked as ninja checks it, for operations whose checks are the API's
    own (``TokenOrSession``, and a throttle of anonymous callers only, whom nothing is kept for); for any
    other operation None, so it is never answered from a kept copy."""
    from kenes.api import TokenOrSession
    from kenes.core.api_http import AnonymousRateLimit

    operation = getattr(run, "__self__", None)

    def reader(request):
        callbacks = getattr(operation, "auth_callbacks", None)
        if not callbacks or not all(isinstance(callback, TokenOrSession) for callback in callbacks) or not all(
                isinstance(throttle, AnonymousRateLimit) for throttle in operation.throttle_objects):
            return None
        for callback in callbacks:  # the first that answers, as ninja's _run_authentication
            try:
                user = callback(request)
            except Exception:  # an unknown or expired token: ninja answers it (401), nothing is kept
                return None
            if user:
                return user
        return None

    return reader


def api_kept_until_changed(run):
    """For ``ninja.decorators.decorate_view``: an API read's answer kept per user until the data changes.

    ninja applies this around the whole operation, its checks included, so the reader is authenticated
    here first, the same way (an expired or revoked token is never answered from a kept copy)."""
    return _kept(run, _api_reader(run), api=True)
