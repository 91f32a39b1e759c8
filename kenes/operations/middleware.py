"""The request id and the one log line per request (kenes.operations.logs)."""

from __future__ import annotations

import logging
import time

from kenes.operations import logs

logger = logging.getLogger("kenes.request")


class RequestIdMiddleware:
    """First in the chain: everything after it, even a crash in another middleware, logs under the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        with logs.request_context(logs.request_id_from(request.headers.get("X-Request-ID")), request) as request_id:
            request.request_id = request_id
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            status = response.status_code
            level = logging.ERROR if status >= 500 else logging.INFO
            logger.log(level, "%s %s %s", request.method, request.path, status,
                       extra={"status": status, "duration_ms": round((time.monotonic() - started) * 1000, 1)})
        return response
