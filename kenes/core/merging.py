"""Duplicates and merge, for any record kind: found before saving, merged with nothing lost, undone.

A merge moves every row that points at the duplicate (roles, aliases, later:
mentions, agenda items) to the record kept, adds the duplicate's many-to-many
values (expertise), fills the kept record's empty fields from it, and marks the
duplicate ``merged_into`` the kept one: the duplicate's own row and history stay,
its old links lead to the kept record, and the ``Merge`` row lists exactly what
moved so that undoing puts it back. Kinds with something of their own to keep
(a person's other spellings) register a hook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core import services
from kenes.core.models import Merge
from kenes.extraction.translit import fold


@dataclass(frozen=True)
class MergeHooks:
    on_merge: Callable | None = None  # (kept, duplicate, actor, reason) -> dict kept in Merge.moved
    on_undo: Callable | None = None  # (kept, duplicate, moved_by_hook, actor, reason) -> None


_HOOKS: dict[type, MergeHooks] = {}
# Fields a merge never copies: who may see a record is decided on the record kept.
_NEVER_COPIED = {"visibility", "version", "deleted_at", "merged_into", "created_at", "updated_at", "search_key"}


def register(model, *, on_merge: Callable | None = None, on_undo: Callable | None = None) -> None:
    _HOOKS[model] = MergeHooks(on_merge, on_undo)


def duplicate_keys(record) -> set[str]:
    """Folded names and acronym: Tokayev, Токаев, Toqaev and "Токаев Касым-Жомарт" share one key.

    Words are sorted: Russian sources often put the surname first.
    """
    keys = {" ".join(sorted(fold(name).split())) for name in record.names()} if hasattr(record, "names") else set()
    acronym = fold(getattr(record, "acronym", "") or "")
    if acronym:  # an acronym of signs only ("&", "—") folds to nothing and identifies nothing
        keys.add("acronym:" + acronym)
    return {key for key in keys if key}


def possible_duplicates(record, *, limit: int = 10) -> list:
    """Live records of the same kind whose folded name or acronym equals one of ``record``'s."""
    keys = duplicate_keys(record)
    if not keys:
        return []
    model = type(record)
    candidates = model.objects.live()
    if record.pk:
        candidates = candidates.exclude(pk=record.pk)
    if any(field.name == "search_key" for field in model._meta.fields):
        # The search key holds every folded name: a cheap first sieve before the exact test.
        from django.db.models import Q

        sieve = Q()
        for key in keys:
            words = key.removeprefix("acronym:").split()
            if words:
                sieve |= Q(search_key__contains=max(words, key=len))
        candidates = candidates.filter(sieve)
    found = []
    for candidate in candidates[:500]:
        if duplicate_keys(candidate) & keys:
            found.append(candidate)
            if len(found) >= limit:
                break
    return found


def _pointing_relations(model):
    """The foreign keys and one-to-one links of other models (and of this one) that point at ``model``."""
    for relation in model._meta.related_objects:
        if (relation.one_to_many or relation.one_to_one) and relation.field.name != "merged_into" \
                and not relation.hidden:
            yield relation.related_model, relation.field


_OPENNESS = {"public": 0, "internal": 1, "restricted": 2}


def _same_row(row, other, skip: set[str]) -> bool:
    """Two rows that say the same thing (a role held twice after a merge), ignoring ids and bookkeeping."""
    for field in type(row)._meta.concrete_fields:
        if field.primary_key or field.name in skip or not field.editable:
            continue
        if getattr(row, field.attname) != getattr(other, field.attname):
            return False
    return True


@transaction.atomic
def merge(actor, kept, duplicate, *, reason: str = "") -> Merge:
    services.require_secretariat(actor)
    model = type(kept)
    if type(duplicate) is not model:
        raise ValidationError(_("Only records of the same kind can be merged."))
    if kept.pk == duplicate.pk:
        raise ValidationError(_("A record cannot be merged into itself."))
    kept, duplicate = services.lock(kept), services.lock(duplicate)
    if not kept.is_live or not duplicate.is_live:
        raise ValidationError(_("Both records must exist and not already be merged or deleted."))
    if _OPENNESS.get(duplicate.visibility, 0) > _OPENNESS.get(kept.visibility, 0):
        # Its texts and spellings would appear on the kept record, to everyone who may read that.
        raise ValidationError(_(
            "The duplicate is %(duplicate)s and the record kept is %(kept)s: merging would show the duplicate's "
            "texts and spellings to more people. Make the duplicate's visibility the same first, or keep the "
            "duplicate and merge the other record into it.")
            % {"duplicate": duplicate.get_visibility_display(), "kept": kept.get_visibility_display()})
    reason = reason or _("Merged %(duplicate)s into %(kept)s") % {"duplicate": duplicate, "kept": kept}
    moved: dict = {"relations": [], "many": {}, "filled": {}, "hook": {}, "retired": [], "reparented": None}

    if getattr(kept, "parent_id", None) == duplicate.pk:
        # The kept record sat inside the duplicate: it takes the duplicate's place in the tree.
        moved["reparented"] = duplicate.pk
        kept.parent = duplicate.parent

    for related_model, field in _pointing_relations(model):
        ids = []
        if field.one_to_one and related_model._base_manager.filter(**{field.name: kept}).exists():
            continue  # the kept record has its own (e.g. a linked account): the duplicate keeps its one
        rows = related_model._base_manager.filter(**{field.name: duplicate})
        siblings = related_model._base_manager.filter(**{field.name: kept})
        if related_model is model:  # a tree (sub-organisations): the kept record never moves under itself
            rows, siblings = rows.exclude(pk=kept.pk), siblings.exclude(pk=kept.pk)
        siblings = list(siblings)
        for row in rows:
            setattr(row, field.name, kept)
            try:
                with transaction.atomic():
                    services.save(row, actor, reason)
            except (ValidationError, IntegrityError):
                # E.g. the kept record already has this alias: the row stays with the duplicate.
                continue
            ids.append(row.pk)
            skip = {"visibility", "version", "deleted_at", "created_at", "updated_at", "search_key"}
            if hasattr(row, "deleted_at") and row.deleted_at is None and any(
                    sibling.deleted_at is None and _same_row(row, sibling, skip) for sibling in siblings
                    if hasattr(sibling, "deleted_at")):
                # The same role at both: one is enough; the moved copy is retired, and comes back on undo.
                services.delete(actor, row, reason=reason)
                moved["retired"].append({"model": related_model._meta.label, "id": row.pk})
        if ids:
            moved["relations"].append({"model": related_model._meta.label, "field": field.name, "ids": ids})

    many = {}
    for field in model._meta.many_to_many:
        added = set(getattr(duplicate, field.name).values_list("pk", flat=True)) - set(
            getattr(kept, field.name).values_list("pk", flat=True))
        if added:
            moved["many"][field.name] = sorted(added)
            many[field.name] = [*getattr(kept, field.name).values_list("pk", flat=True), *added]

    for field in model._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name in _NEVER_COPIED:
            continue
        if _is_empty(getattr(kept, field.attname)) and not _is_empty(getattr(duplicate, field.attname)):
            value = getattr(duplicate, field.attname)
            setattr(kept, field.attname, value)
            moved["filled"][field.attname] = value if not hasattr(value, "name") else value.name

    hooks = _HOOKS.get(model, MergeHooks())
    if hooks.on_merge:
        moved["hook"] = hooks.on_merge(kept, duplicate, actor, reason) or {}

    duplicate.merged_into = kept
    services.save(duplicate, actor, reason)
    services.save(kept, actor, reason, many=many)
    return Merge.objects.create(
        content_type=ContentType.objects.get_for_model(model), kept_id=kept.pk, merged_id=duplicate.pk,
        moved=moved, reason=reason, merged_by=actor if getattr(actor, "pk", None) else None,
    )


@transaction.atomic
def undo(actor, merge_log: Merge, *, reason: str = "") -> None:
    services.require_secretariat(actor)
    merge_log = Merge.objects.select_for_update().get(pk=merge_log.pk)
    if merge_log.undone_at is not None:
        raise ValidationError(_("This merge was already undone."))
    model = merge_log.model
    kept = model._base_manager.select_for_update().get(pk=merge_log.kept_id)
    duplicate = model._base_manager.select_for_update().get(pk=merge_log.merged_id)
    if not kept.is_live:
        raise ValidationError(_("%(kept)s has itself been merged or deleted since: undo that first.")
                              % {"kept": kept})
    later = Merge.objects.filter(content_type=merge_log.content_type, kept_id=merge_log.kept_id,
                                 undone_at__isnull=True, merged_at__gt=merge_log.merged_at)
    if later.exists():
        # What they brought may overlap with what this one brought: undo them in reverse order.
        raise ValidationError(_("Other records were merged into %(kept)s after this one: undo those merges first.")
                              % {"kept": kept})
    reason = reason or _("Undid the merge of %(duplicate)s into %(kept)s") % {"duplicate": duplicate, "kept": kept}
    moved = merge_log.moved

    from django.apps import apps

    for entry in moved.get("retired", []):
        row = apps.get_model(entry["model"])._base_manager.filter(pk=entry["id"]).first()
        if row is not None and row.deleted_at is not None:
            services.restore(actor, row, reason=reason)
    if moved.get("reparented") == duplicate.pk:
        kept.parent = duplicate
    for entry in moved.get("relations", []):
        related_model = apps.get_model(entry["model"])
        # Only rows still on the kept record go back: one moved elsewhere since stays where it is.
        for row in related_model._base_manager.filter(pk__in=entry["ids"], **{entry["field"]: kept}):
            setattr(row, entry["field"], duplicate)
            services.save(row, actor, reason)

    many = {}
    for name, ids in moved.get("many", {}).items():
        many[name] = [pk for pk in getattr(kept, name).values_list("pk", flat=True) if pk not in set(ids)]

    for attname, value in moved.get("filled", {}).items():
        current = getattr(kept, attname)
        # A value edited since the merge is someone's later work: it stays.
        if current == value or getattr(current, "name", None) == value:
            field = next(f for f in model._meta.concrete_fields if f.attname == attname)
            setattr(kept, attname, None if field.null else "")

    hooks = _HOOKS.get(model, MergeHooks())
    if hooks.on_undo:
        hooks.on_undo(kept, duplicate, moved.get("hook", {}), actor, reason)

    duplicate.merged_into = None
    services.save(duplicate, actor, reason)
    services.save(kept, actor, reason, many=many)
    merge_log.undone_at = timezone.now()
    merge_log.undone_by = actor if getattr(actor, "pk", None) else None
    merge_log.save(update_fields=["undone_at", "undone_by"])


def _is_empty(value) -> bool:
    if hasattr(value, "field") and hasattr(value, "name"):  # a FieldFile: empty when it names no file
        return not value.name
    return value is None or value == ""
