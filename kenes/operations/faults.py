"""The database gone in the middle of a request: a 503 that says so, never a bare 500.

Django calls the 500 handler (kenes.web.views.server_error) inside the ``except`` that caught the
error; when that error says the database cannot be reached or was lost (the server stopped, the
connection was killed, SQLite's file is locked or unreadable), the reader gets a translated 503 page —
JSON ``{"detail": …}`` under /api/ — with ``Retry-After``, so people, scripts and load balancers wait
and try again. Nothing is half-written: every write runs in one transaction (kenes.core.services),
which the database rolls back when the connection goes.
"""

from __future__ import annotations

import json

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 30


def is_database_outage(exc: BaseException | None) -> bool:
    """OperationalError (refused, terminated, locked) or InterfaceError (the connection is already closed)."""
    return isinstance(exc, OperationalError | InterfaceError)


def unavailable(request) -> HttpResponse:
    if request is not None and request.path.startswith("/api/"):
        body = json.dumps({"detail": _("The database is not available. Nothing was changed; try again in a "
                                       "minute.")}, ensure_ascii=False)
        response = HttpResponse(body, status=503, content_type="application/json; charset=utf-8")
    else:
        # No request context: the context processors would query the database that is gone.
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
