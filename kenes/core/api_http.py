"""HTTP around the API: ETags and conditional GET, a rate limit for anonymous callers, the old prefix's successor.

- Every successful GET under /api/ (and the portal's open data, feeds and embeds) carries an ETag; a
  request whose ``If-None-Match`` holds it is answered 304 with no body. The tag is a digest of the
  body, so it changes whenever the answer does (a linked record hidden, a progress recomputed). For one
  record it starts with the record's version, ``"4-1f3a…"``, so the same tag sent back as ``If-Match``
  names the version a change started from (``kenes.core.api_schemas.expected_version``).
- Callers who are neither signed in nor sending a valid token get ``KENES_API_ANON_RATE`` calls per
  window from one address (``AnonymousRateLimit``, a ninja throttle); beyond it a 429 with ``Retry-After``.
  The counts live in the ``rate_limit`` cache: Redis when ``KENES_REDIS_URL`` is set (exact across
  processes and machines), otherwise each server process counts on its own (docs/operations.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import gettext as _
from ninja.errors import Throttled
from ninja.throttling import BaseThrottle

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
CURRENT_PREFIX = "/api/v1/"
# Read by feed readers and scripts that poll: the same conditional GET as the API.
PORTAL_CONDITIONAL = re.compile(r"^/portal/(data/|feeds/|topics/[^/]+/feeds/|embed/)")
# Parsing a body to find a record's version is for records, not for pages of 200 of them.
RECORD_SIZE_LIMIT = 256 * 1024
RATE_CACHE = "rate_limit"
clock = time.time  # the tests move it instead of sleeping


class ConditionalGetMiddleware:
    """ETag on every successful GET of the API and the portal's data; 304 when ``If-None-Match`` matches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = request.path_info
        api = path.startswith(API_PREFIX)
        if api and not path.startswith(CURRENT_PREFIX) and response.status_code < 400:
            # The unversioned addresses still answer; this says where they live now.
            successor = CURRENT_PREFIX + path.removeprefix(API_PREFIX)
            response["Link"] = f'<{successor}>; rel="successor-version"'
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not (api or PORTAL_CONDITIONAL.match(path)):
            return response
        if api:
            # The answer depends on who asks: a cache must not hand one reader's answer to another.
            patch_vary_headers(response, ("Authorization", "Cookie"))
        if not response.has_header("ETag"):
            if response.streaming:
                return response
            response["ETag"] = etag_for(response.content)
        answer = get_conditional_response(request, etag=response["ETag"], response=response)
        if answer is not response and getattr(response, "file_to_stream", None) is not None:
            # The file a 304 does not send is closed now, not when it is collected. Not by response.close():
            # that signals the request finished, which closes the database connection mid-request.
            response.file_to_stream.close()
        return answer


def etag_for(body: bytes) -> str:
    """A strong tag from the body; ``"<version>-<digest>"`` when the body is one record with a version."""
    digest = hashlib.blake2b(body, digest_size=8).hexdigest()
    version = _record_version(body)
    return f'"{version}-{digest}"' if version is not None else f'"{digest}"'


def _record_version(body: bytes) -> int | None:
    if not body.startswith(b'{"id"') or b'"version"' not in body or len(body) > RECORD_SIZE_LIMIT:
        return None
    try:
        data = json.loads(body)
    except ValueError:
        return None
    version = data.get("version") if isinstance(data, dict) and "id" in data else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


class AnonymousRateLimit(BaseThrottle):
    """At most ``KENES_API_ANON_RATE`` calls per window from one address for anonymous callers.

    A fixed window counted with the cache's atomic ``incr``: cheap, and exact wherever the cache is
    shared. Signed-in callers and valid tokens are not counted (the authentication ran before this).
    ninja shares one instance between threads, so the wait for ``Retry-After`` is kept per thread.
    """

    _state = threading.local()

    def allow_request(self, request) -> bool:
        rate = settings.KENES_API_ANON_RATE
        if rate is None or getattr(getattr(request, "user", None), "is_authenticated", False):
            return True
        allowed, period = rate
        now = clock()
        window = int(now // period)
        self._state.wait = (window + 1) * period - now
        try:
            used = _count(f"api-anon:{client_address(request)}:{period}:{window}", period)
        except Exception:  # noqa: BLE001 - a store that is down must not take the API down with it
            logger.warning("The API rate limit's cache is not reachable; the call is let through.", exc_info=True)
            return True
        return used <= allowed

    def wait(self) -> float | None:
        return getattr(self._state, "wait", None)


def _count(key: str, period: int) -> int:
    cache = caches[RATE_CACHE]
    cache.add(key, 0, timeout=period + 1)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        return 1


def client_address(request) -> str:
    """The caller's address; behind the one reverse proxy of ``KENES_SECURE_PROXY``, the one it saw.

    The last entry of X-Forwarded-For is the one the proxy added; earlier ones are the client's to invent.
    """
    if settings.SECURE_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def install(api) -> None:
    """The 429 in the reader's language, saying when to come back and how to avoid the limit."""

    def too_many(request, exc: Throttled):
        allowed, period = settings.KENES_API_ANON_RATE or (0, 0)
        seconds = math.ceil(exc.wait) if exc.wait else period
        message = _("Too many requests from your address: %(allowed)d in %(period)d seconds are allowed without "
                    "an API token. Try again in %(seconds)d seconds, or send a token.") % {
            "allowed": allowed, "period": period, "seconds": seconds}
        return api.create_response(request, {"detail": message}, status=429)

    api.add_exception_handler(Throttled, too_many)
