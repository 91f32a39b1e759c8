"""Figures kept until the records they count change: for the few aggregates pages ask far more often
than the data moves (the compliance table, the dashboard's counts over 100,000 measures)."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone

# A purge (rows removed for good, which stamps nothing) is seen at the latest after this long.
LIFETIME_SECONDS = 60
# Nothing is kept while the newest change is younger than this (see until_changed).
SETTLED_SECONDS = 10


def until_changed(name: str, models: Iterable, parts: Iterable[Any], compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it gave last time when no record of ``models`` has changed since.

    The key holds the newest ``updated_at`` of each model (an index read): an edit, a soft deletion, a
    merge or a visibility change each stamp it, so they are seen at once; while the newest change is
    under ``SETTLED_SECONDS`` old nothing is kept. ``parts`` are whatever else
    the figure depends on (the reader's visibility levels, a grouping)."""
    newest = [model.objects.aggregate(at=Max("updated_at"))["at"] for model in models]
    # A stamp is taken when a record is saved, not when its transaction commits: a change saved before
    # the newest one may still be on its way. Figures are kept only once the newest change has settled,
    # so only a transaction longer than this (or clocks further apart) could leave one behind.
    settled = timezone.now() - datetime.timedelta(seconds=SETTLED_SECONDS)
    if any(at is not None and at > settled for at in newest):
        return compute()
    signature = json.dumps([name, [str(part) for part in parts], [str(at) for at in newest]])
    key = f"kenes:{name}:" + hashlib.sha256(signature.encode()).hexdigest()  # safe for any cache backend
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, LIFETIME_SECONDS)
    return value


def count(queryset, counted: Callable[[], int] | None = None, name: str = "count") -> int:
    """``queryset.count()`` (or ``counted()``, then under its own ``name``), kept until a row of its model
    changes, when the count can only move with that model: one table, no subquery (a list of 100,000 measures counted them all on
    each request: 20 ms on SQLite). Anything else is counted each time."""
    counted = counted or queryset.count
    # Only models whose every change goes through the write path, which stamps updated_at (a model whose
    # state some code moves with a bulk ``update()``, as the documents' workers do, is counted each time).
    if not getattr(queryset.model, "counts_follow_updated_at", False):
        return counted()
    try:
        # What is counted: the rows alone (select_related and the order change nothing to the number).
        sql, params = queryset.select_related(None).order_by().query.sql_with_params()
    except Exception:  # a query that cannot be compiled on its own (EmptyResultSet …): count it as it is
        return counted()
    if sql.upper().count("SELECT") != 1 or " JOIN " in sql.upper():
        return counted()
    return until_changed(name, (queryset.model,), [sql, *params], counted)
