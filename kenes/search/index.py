"""Keeping the index in step: the write path calls ``update(instance)`` after every change.

``update`` is a no-op for models nobody registered, removes the entry of a record that is
soft-deleted or merged, and refreshes the entries that depend on the record (a role's person).
Call ``remove(instance)`` before deleting a record for good: after ``delete()`` Django has
forgotten its id.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from kenes.core.models import Visibility
from kenes.extraction.translit import fold
from kenes.search import backends, registry
from kenes.search.models import SearchEntry


def is_searchable(instance) -> bool:
    """Soft-deleted and merged-away records are not found; the record they merged into is."""
    return not (getattr(instance, "deleted_at", None) or getattr(instance, "merged_into_id", None))


def _lines(texts: str | Iterable[str] | None) -> list[str]:
    if texts is None:
        return []
    if isinstance(texts, str):
        texts = [texts]
    # One line per part: newlines inside a part would split a name in two.
    cleaned = (" ".join(str(text).split()) for text in texts if text)
    return list(dict.fromkeys(line for line in cleaned if line))


def _filter_values(searchable: registry.Searchable, instance) -> dict[str, str]:
    """The filter columns: a language code, a partial ISO date, party codes padded by spaces (" KZ UZ ")."""
    language = str(searchable.language(instance) or "").strip()[:3] if searchable.language else ""
    date = str(searchable.date(instance) or "").strip()[:10] if searchable.date else ""
    codes = sorted({str(code).strip().upper() for code in (searchable.parties(instance) if searchable.parties else [])
                    if code and str(code).strip()})
    parties = f" {' '.join(codes)} " if codes else ""
    return {"language": language, "date": date, "parties": parties[:300]}


def _write(searchable: registry.Searchable, instance) -> SearchEntry | None:
    if instance.pk is None:
        return None
    if not is_searchable(instance):
        _delete(instance)
        return None
    title = _lines(searchable.title(instance))
    body = _lines(searchable.body(instance)) if searchable.body else []
    folded = fold(" ".join([*title, *body]))
    entry, _created = SearchEntry.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=instance.pk,
        defaults={
            "kind": searchable.code,
            # A model without visibility is reference data that anyone may read.
            "visibility": getattr(instance, "visibility", Visibility.PUBLIC),
            "title": "\n".join(title),
            "body": "\n".join(body),
            "folded": folded,
            "url": searchable.url_for(instance)[:500],
            **_filter_values(searchable, instance),
        },
    )
    backends.write(entry.pk, folded)
    return entry


def _delete(instance) -> None:
    if instance.pk is None:
        return
    entries = SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True), object_id=instance.pk)
    ids = list(entries.values_list("pk", flat=True))
    backends.delete(ids)
    entries.delete()


def _refresh_dependents(instance) -> None:
    for record in registry.dependents(instance):
        if (searchable := registry.get(type(record))) is not None:
            _write(searchable, record)


@transaction.atomic
def update(instance) -> SearchEntry | None:
    """Bring the entry of ``instance`` (and of records whose entry shows it) up to date."""
    entry = None
    if (searchable := registry.get(type(instance))) is not None:
        entry = _write(searchable, instance)
    _refresh_dependents(instance)
    return entry


@transaction.atomic
def remove(instance) -> None:
    """Take ``instance`` out of the index, and out of the entries of records that showed it."""
    if registry.get(type(instance)) is not None:
        _delete(instance)
    _refresh_dependents(instance)


@transaction.atomic
def rebuild() -> int:
    """Index every registered record afresh; the number of entries written."""
    backends.clear()
    SearchEntry.objects.all().delete()
    written = 0
    for searchable in registry.searchables():
        for instance in searchable.all_records():
            if _write(searchable, instance) is not None:
                written += 1
    return written
