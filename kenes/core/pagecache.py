"""Whole answers kept until the data changes: a signed-in reader who asks again for a page (or an API
list) that nothing has changed since gets the answer made last time, in a fraction of the time.

Most requests of a working day are reloads: the dashboard, the inventory, a measure's page, the
same list through the API, by people nobody else is writing for at that moment. Making such a page
costs 10–40 ms of Python (queries, template); sending a kept copy costs well under 1 ms. With 50
clients on two cores that is the difference between p95 of a second and of a tenth (issue 13).

What a kept answer is keyed on — everything it may depend on:

* **the data**: :func:`data_version`, a value that moves whenever anything is committed to the
  database by anyone: PostgreSQL's transaction snapshot (which names the committed set exactly),
  SQLite's ``data_version`` (other connections' commits) with each connection's own changes. No
  list of models to keep up to date, and bulk ``update()``\\s, other processes and other machines
  are seen as well as the write path's saves. Inside a transaction nothing is kept (a transaction's
  own changes do not move the snapshot);
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

Each process keeps its own copies in memory (the ``pages`` cache, bounded in entries). A kept answer
says so in its ``X-Kenes-Kept`` header (for operators, the load benchmark and the tests).

On PostgreSQL the snapshot covers the whole server: another database's writes on a shared server
end the kept copies as well (never wrongly kept, only kept less).
"""

from __future__ import annotations

import contextvars
import hashlib
import itertools
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
LARGEST_KEPT = 2 * 1024 * 1024
# Headers the view set that the kept copy must carry again (the middleware add theirs on each answer).
KEPT_HEADERS = ("Content-Type", "Vary", "Content-Language", "Cache-Control", "X-Robots-Tag", "Link")

KEPT_HEADER = "X-Kenes-Kept"

_keep: contextvars.ContextVar[bool] = contextvars.ContextVar("kenes_page_keep", default=True)
_epoch = itertools.count(1)
_epoch_lock = threading.Lock()
_current_epoch = 0


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
        return f"sqlite:{_sqlite_epoch(connection)}"
    return None


def _sqlite_epoch(connection) -> int:
    """A number kept per process that moves whenever any connection of it sees a change.

    ``PRAGMA data_version`` changes on a connection when another connection (of any process) has
    committed; ``total_changes`` counts the connection's own writes. A connection that sees either
    move since its last look, or is new, moves the process's number, and every request reads the
    number only after its own connection has looked: so no request after a commit can read the
    number that a page made before the commit is kept under."""
    global _current_epoch
    connection.ensure_connection()
    raw = connection.connection
    state = (raw.execute("PRAGMA data_version").fetchone()[0], raw.total_changes)
    seen = getattr(connection, "_kenes_data_state", None)
    if seen is None or seen[0] is not raw or seen[1] != state:
        with _epoch_lock:
            _current_epoch = next(_epoch)
        connection._kenes_data_state = (raw, state)
    return _current_epoch


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
    response[KEPT_HEADER] = "yes"
    if entry["csrf"]:
        get_token(request)
    return response


def _kept(view, reader):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = reader(request)
        key = _key(request, user, api=reader is not _session_user)
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


def _api_user(request):
    """The API's reader, checked as the API checks it (a bearer token, else the session); None when the
    token is unknown or expired, so the API itself answers (401) and nothing is kept."""
    from kenes.api import TokenOrSession

    try:
        return TokenOrSession()._user(request)
    except Exception:  # any refusal: the API's own checks answer it, uncached
        return None


def api_kept_until_changed(run):
    """For ``ninja.decorators.decorate_view``: an API read's answer kept per user until the data changes.

    ninja applies this around the whole operation, its authentication included, so the reader is
    authenticated here first, the same way (an expired or revoked token is never answered from here)."""
    return _kept(run, _api_user)
