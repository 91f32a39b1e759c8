"""Which models are Kenes records, found by walking the installed apps (no list to keep)."""

from __future__ import annotations

from django.apps import apps
from django.http import Http404

from kenes.core.models import Record


def kenes_app_configs():
    return [config for config in apps.get_app_configs() if config.name.startswith("kenes.")]


def record_models() -> list[type[Record]]:
    """Every concrete model of a Kenes app that is a Record (visibility, version, soft delete)."""
    return [model for config in kenes_app_configs() for model in config.get_models()
            if issubclass(model, Record) and not model._meta.abstract]


def record_model(label: str):
    """The Record model for ``app_label.model_name`` in a URL, or 404 for anything else."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if model not in record_models():
        raise Http404
    return model


def label_of(record) -> str:
    return record._meta.label_lower


def history_entries(record, limit: int | None = 20) -> list[dict]:
    """History newest first, each entry with the fields it changed, from what to what."""
    history = getattr(record, "history", None)
    if history is None:
        return []
    rows = list(history.select_related("history_user").order_by("-history_date", "-history_id")[
        : (limit + 1) if limit else None])
    hidden = {"version", "updated_at", "created_at", "search_key", "history_id"}
    entries = []
    for index, row in enumerate(rows[: limit or None]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes = []
        if previous is not None:
            for change in row.diff_against(previous).changes:
                if change.field in hidden:
                    continue
                field = record._meta.get_field(change.field)
                old, new = change.old, change.new
                if field.many_to_many:
                    old, new = _linked_names(field, old), _linked_names(field, new)
                changes.append({"field": str(field.verbose_name), "old": _text(old), "new": _text(new)})
        entries.append({"row": row, "changes": changes})
    return entries


def _linked_names(field, rows) -> list[str]:
    """simple_history gives many-to-many values as through rows ({"measure": 1, "topic": 19}): their names.

    History is the secretariat's page, which may name every live record.
    """
    key = field.m2m_reverse_field_name()
    ids = [row.get(key) for row in rows or [] if isinstance(row, dict)]
    found = field.related_model._base_manager.in_bulk([pk for pk in ids if pk is not None])
    # A record deleted or merged away since is not named: it is gone from every page, history included.
    return [str(found[pk]) if pk in found and getattr(found[pk], "is_live", True) else f"#{pk}" for pk in ids]


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):  # many-to-many rows as simple_history gives them
        return ", ".join(str(item.get("topic", item)) if isinstance(item, dict) else str(item) for item in value) or "—"
    return str(value)
