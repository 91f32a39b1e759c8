"""The security audit log: sign-ins, failures, lockouts, password, token and role changes.

Events come from Django's and django-axes's signals and from the accounts services, so no view
has to remember to log. Who did it, from which address and under which request id come from the
request being answered (kenes.operations.logs keeps it), when there is one.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from kenes.accounts.models import SecurityEvent, User
from kenes.core import pagecache
from kenes.operations import logs

logger = logging.getLogger("kenes.security")
Kind = SecurityEvent.Kind
# Old events are purged at most this often per process: cheap, and no separate job to schedule.
PURGE_EVERY_SECONDS = 3600
_last_purge = 0.0


def _client(request) -> tuple[str | None, str]:
    if request is None:
        return None, ""
    from axes.helpers import get_client_ip_address

    # The address as sign-in throttling sees it (X-Forwarded-For behind KENES_SECURE_PROXY).
    return get_client_ip_address(request), request.META.get("HTTP_USER_AGENT", "")[:300]


def _actor(request):
    user = getattr(request, "user", None) if request is not None else None
    return user if getattr(user, "is_authenticated", False) else None


def record(kind: str, *, user: User | None = None, username: str = "", detail: str = "", request=None,
           actor: User | None = None) -> SecurityEvent | None:
    """Write one event (and one log line); a failure to write never breaks the sign-in it describes."""
    request = request if request is not None else logs.current_request()
    # Recorded each time it happens: the page that records it is never answered from a kept copy.
    pagecache.not_kept()
    address, agent = _client(request)
    event = SecurityEvent(
        kind=kind, user=user, username=(username or getattr(user, "username", ""))[:150],
        actor=actor or _actor(request), ip_address=address, user_agent=agent,
        request_id=logs.current_request_id() or "", detail=detail[:500],
    )
    logger.info("%s: %s%s", kind, event.username, f" ({detail})" if detail else "")
    try:
        # Its own savepoint: a failed write must not spoil the transaction around it.
        with transaction.atomic():
            event.save()
    except DatabaseError:
        logger.exception("the security event %s could not be stored", kind)
        return None
    purge_if_due()
    return event


def retention() -> timedelta:
    return timedelta(days=settings.KENES_AUDIT_RETENTION_DAYS)


def purge() -> int:
    deleted, _details = SecurityEvent.objects.filter(at__lt=timezone.now() - retention()).delete()
    return deleted


def purge_if_due() -> None:
    global _last_purge
    if time.monotonic() - _last_purge >= PURGE_EVERY_SECONDS:
        _last_purge = time.monotonic()
        purge()
