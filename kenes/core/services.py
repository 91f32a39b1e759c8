"""The one write path every app uses (the habit of Zulip's ``zerver/actions``).

An app's ``services.py`` says *what* may change (which fields, which role) and
calls these functions for *how*: unknown fields refused, values cleaned,
``full_clean``, the row locked and its version checked against the version the
editor started from, saved inside a transaction, history written with the
acting user and the reason, and the search index kept in step. Views, the API,
the CLI, background tasks and the admin all end up here; nothing else saves a
domain record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.accounts.services import require_secretariat

__all__ = [
    "Conflict", "FieldChange", "assign", "create", "delete", "editable_fields", "require_secretariat",
    "restore", "save", "update", "reindex",
]


@dataclass(frozen=True)
class FieldChange:
    """One field another person changed since the editor loaded the record."""

    field: str
    label: str
    theirs: str  # the value the editor started from
    now: str  # the value saved since


class Conflict(Exception):
    """The record changed since the editor loaded it: saving would lose someone's work."""

    def __init__(self, record, expected_version: int, changes: list[FieldChange], changed_by, changed_at):
        self.record = record
        self.expected_version = expected_version
        self.current_version = record.version
        self.changes = changes
        self.changed_by = changed_by
        self.changed_at = changed_at
        super().__init__(self.message)

    @property
    def message(self) -> str:
        who = _display_user(self.changed_by)
        when = timezone.localtime(self.changed_at).strftime("%Y-%m-%d %H:%M") if self.changed_at else "?"
        return _("%(who)s changed this record at %(when)s, after you opened it; nothing was saved. "
                 "Review their changes below, then save again.") % {"who": who, "when": when}

    def as_dict(self) -> dict:
        return {
            "detail": self.message,
            "current_version": self.current_version,
            "your_version": self.expected_version,
            "changed_by": _display_user(self.changed_by),
            "changed_at": self.changed_at.isoformat() if self.changed_at else None,
            "changes": [{"field": c.field, "yours": c.theirs, "now": c.now} for c in self.changes],
        }


def _display_user(user) -> str:
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


def editable_fields(model, *, exclude: Iterable[str] = ()) -> list[str]:
    """The fields a person may set on ``model``, in declaration order: declared once, on the model.

    Forms, services and API schemas all start from this list, so a new field
    appears everywhere by being added to the model.
    """
    skip = set(exclude)
    names = []
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if not field.editable or field.primary_key or field.auto_created or field.name in skip:
            continue
        names.append(field.name)
    # Who may see a record is the last thing decided on a form, after what it says.
    if "visibility" in names:
        names.remove("visibility")
        names.append("visibility")
    return names


def assign(instance, data: dict, allowed: Iterable[str]) -> dict:
    """Set the plain fields of ``data`` on ``instance``; returns the many-to-many values, set after saving.

    A field that is not allowed is an error, never silently dropped: a misspelt
    field in an API call must not look like a successful save.
    """
    allowed = set(allowed)
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    many = {}
    for name, value in data.items():
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:
            raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": name}) from None
        if field.many_to_many:
            many[name] = list(value or [])
            continue
        if value is None and isinstance(field, (models.CharField, models.TextField)) and not field.null:
            # "No value" for a text column is the empty text; NULL would break the NOT NULL constraint.
            value = ""
        if isinstance(value, str):
            value = value.strip()
        setattr(instance, name, value)
    return many


def check_version(current, expected: int | None) -> None:
    """Refuse a save made from an older version of ``current`` (which is locked)."""
    if expected is None or not hasattr(current, "version"):
        return
    try:
        expected = int(expected)
    except (TypeError, ValueError):
        raise ValidationError({"version": _("The version must be a whole number.")}) from None
    if expected == current.version:
        return
    raise Conflict(current, expected, _changes_since(current, expected), *_last_change(current))


def _last_change(record):
    history = getattr(record, "history", None)
    entry = history.order_by("-history_date").first() if history is not None else None
    return (entry.history_user if entry else None), (entry.history_date if entry else record.updated_at)


def _changes_since(current, version: int) -> list[FieldChange]:
    history = getattr(current, "history", None)
    if history is None:
        return []
    then = history.filter(version=version).order_by("-history_date").first()
    if then is None:
        return []
    changes = []
    for field in current._meta.concrete_fields:
        if not field.editable or field.name in {"version", "updated_at"}:
            continue
        before, now = getattr(then, field.attname, None), getattr(current, field.attname, None)
        if before != now:
            changes.append(FieldChange(field.name, str(field.verbose_name), _text(before), _text(now)))
    return changes


def _text(value) -> str:
    return "" if value is None else str(value)


def save(instance, actor, reason: str, *, many: dict | None = None, index: bool = True) -> None:
    """Validate and write ``instance`` (the caller holds the transaction and the row lock).

    ``index=False``: the caller knows nothing the search index shows has changed (a document's
    state after extraction), so the entry is not written again.
    """
    if hasattr(instance, "update_derived_fields"):
        # Keys folded for search and the like: computed here, so no write path can forget them.
        instance.update_derived_fields()
    instance.full_clean()
    if instance.pk and hasattr(instance, "version"):
        instance.version = (instance.version or 0) + 1
    # simple_history reads these when it writes the history row: who, and why.
    instance._history_user = actor
    instance._change_reason = reason
    instance.save()
    for name, values in (many or {}).items():
        getattr(instance, name).set(values)
    # In the same transaction: the index lives in the same database, so a rollback undoes both.
    if index:
        reindex(instance)


def lock(instance):
    """The row as it is now, locked until the transaction ends (a second editor waits)."""
    return type(instance)._base_manager.select_for_update().get(pk=instance.pk)


@transaction.atomic
def create(actor, model, data: dict, *, allowed: Iterable[str], reason: str = "",
           prepare: Callable | None = None, role_check: Callable = require_secretariat):
    role_check(actor)
    instance = model()
    many = assign(instance, data, allowed)
    if prepare:
        prepare(instance)
    save(instance, actor, reason or _("Created"), many=many)
    return instance


@transaction.atomic
def update(actor, instance, data: dict, *, allowed: Iterable[str], version: int | None = None,
           reason: str = "", prepare: Callable | None = None, role_check: Callable = require_secretariat):
    role_check(actor)
    current = lock(instance)
    check_version(current, version)
    many = assign(current, data, allowed)
    if prepare:
        prepare(current)
    save(current, actor, reason or _("Edited"), many=many)
    return current


@transaction.atomic
def delete(actor, instance, *, version: int | None = None, reason: str = "",
           role_check: Callable = require_secretariat):
    """Soft delete: hidden everywhere at once, restorable from the record's page or the bin."""
    role_check(actor)
    current = lock(instance)
    check_version(current, version)
    if current.deleted_at is not None:
        return current
    current.deleted_at = timezone.now()
    save(current, actor, reason or _("Deleted"))
    return current


@transaction.atomic
def restore(actor, instance, *, reason: str = "", role_check: Callable = require_secretariat):
    role_check(actor)
    current = lock(instance)
    if current.deleted_at is None:
        return current
    current.deleted_at = None
    save(current, actor, reason or _("Restored"))
    return current


def reindex(instance) -> None:
    """Keep the platform search in step with a record and the records whose entries show it.

    Which other entries a change touches (a role shows on its person's entry) is
    declared by each app with ``kenes.search.registry.register_related``; the index
    follows those declarations, so nothing is walked twice here.
    """
    try:
        from kenes.search import index
    except ImportError:  # the search app is optional for the write path
        return
    index.update(instance)
