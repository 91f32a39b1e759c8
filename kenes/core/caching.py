"""Figures kept until the records they count change: for the few aggregates pages ask far more often
than the data moves (the compliance table, the dashboard's counts over 100,000 measures)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db.models import Max

# A purge (rows removed for good, which stamps nothing) is seen at the latest after this long.
LIFETIME_SECONDS = 60


def until_changed(name: str, models: Iterable, parts: Iterable[Any], compute: Callable[[], Any]) -> Any:
    """``compute()``, or what it gave last time when no record of ``models`` has changed since.

    The key holds the newest ``updated_at`` of each model (an index read): an edit, a soft deletion, a
    merge or a visibility change each stamp it, so they are seen at once. ``parts`` are whatever else
    the figure depends on (the reader's visibility levels, a grouping)."""
    newest = [model.objects.aggregate(at=Max("updated_at"))["at"] for model in models]
    signature = "|".join([name, *(str(part) for part in parts), *(str(at) for at in newest)])
    key = f"kenes:{name}:" + hashlib.sha256(signature.encode()).hexdigest()  # safe for any cache backend
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, LIFETIME_SECONDS)
    return value
