"""Pages every record kind shares: delete with confirmation, restore, merge and undo, history, the bin.

Thin: each reads the record with the one visibility rule and calls the write
path in ``kenes.core.services`` / ``kenes.core.merging``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenes.core import merging, services
from kenes.core.models import Merge
from kenes.core.records import history_entries, label_of, record_model, record_models
from kenes.extraction.translit import fold


def require_secretariat(request) -> None:
    """Pages that change records: the secretariat only (403 with the reason for everyone else)."""
    if not request.user.is_authenticated or not request.user.is_secretariat:
        raise PermissionDenied(_("Only the secretariat can change these records."))


def _next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _undo_tag(url: str) -> str:
    """Messages carry the URL of their undo button in extra_tags (see the messages include)."""
    return f"undo {url}"


def _owner_url(record) -> str:
    """Where to go after a record is gone: its owner's page (a role's person) or its list."""
    for name in ("person", "organization"):
        owner = getattr(record, name, None)
        if owner is not None and hasattr(owner, "get_absolute_url") and name != record._meta.model_name:
            return owner.get_absolute_url()
    return reverse("web:dashboard")


@login_required
def delete(request, label, pk):
    require_secretariat(request)
    model = record_model(label)
    record = get_object_or_404(model.objects.live(), pk=pk)
    back = _next(request, _owner_url(record))
    if request.method == "POST":
        try:
            services.delete(request.user, record, version=request.POST.get("version") or None,
                            reason=request.POST.get("reason", ""))
        except services.Conflict as conflict:
            messages.error(request, conflict.message)
            return redirect(back)
        restore_url = reverse("core:restore", args=[label, pk]) + "?" + urlencode({"next": back})
        messages.success(request, _("Deleted: %(record)s.") % {"record": record}, extra_tags=_undo_tag(restore_url))
        return redirect(back)
    return render(request, "core/confirm_delete.html", {
        "record": record, "kind": model._meta.verbose_name, "back": back,
        # Cancel goes back where the user came from, checked like every other redirect target.
        "return_to": _next(request, record.get_absolute_url() if hasattr(record, "get_absolute_url") else back),
        "hidden_with_it": _rows_hidden_with(record),
    })


def _rows_hidden_with(record) -> list[dict]:
    """What disappears from pages together with a record (roles at a deleted organisation), by kind."""
    found = []
    for relation in type(record)._meta.related_objects:
        if relation.hidden or not relation.one_to_many or relation.field.name == "merged_into":
            continue
        related = relation.related_model
        if not hasattr(related, "deleted_at"):
            continue
        count = related._base_manager.filter(**{relation.field.name: record}, deleted_at__isnull=True).count()
        if count:
            found.append({"kind": related._meta.verbose_name_plural, "count": count})
    return found


@login_required
@require_POST
def restore(request, label, pk):
    require_secretariat(request)
    model = record_model(label)
    record = get_object_or_404(model._base_manager, pk=pk)
    record = services.restore(request.user, record)
    messages.success(request, _("Restored: %(record)s.") % {"record": record})
    default = record.get_absolute_url() if hasattr(record, "get_absolute_url") else _owner_url(record)
    return redirect(_next(request, default))


@login_required
def deleted_records(request):
    """The bin: what was deleted, by whom, with a restore button."""
    require_secretariat(request)
    groups = []
    for model in record_models():
        rows = list(model._base_manager.filter(deleted_at__isnull=False).order_by("-deleted_at")[:100])
        if rows:
            groups.append({"kind": model._meta.verbose_name_plural, "label": model._meta.label_lower, "rows": rows})
    return render(request, "core/deleted.html", {"groups": groups})


@login_required
def merge(request, label, pk):
    """Merge another record (the duplicate) into this one, which is kept."""
    require_secretariat(request)
    model = record_model(label)
    if not hasattr(model, "merged_into"):
        raise PermissionDenied(_("Records of this kind cannot be merged."))
    kept = get_object_or_404(model.objects.live(), pk=pk)
    other_id = request.POST.get("other") or request.GET.get("other")
    duplicate = None
    if other_id and other_id.isdigit() and int(other_id) != kept.pk:
        duplicate = model.objects.live().filter(pk=int(other_id)).first()
    if request.method == "POST" and duplicate is not None:
        try:
            merge_log = merging.merge(request.user, kept, duplicate, reason=request.POST.get("reason", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            undo_url = reverse("core:undo_merge", args=[merge_log.pk])
            messages.success(request, _("Merged %(duplicate)s into %(kept)s. Everything it had is now here.")
                             % {"duplicate": duplicate, "kept": kept}, extra_tags=_undo_tag(undo_url))
            return redirect(kept.get_absolute_url())
    query = request.GET.get("q", "").strip()[:200]
    candidates = merging.possible_duplicates(kept)
    if query:
        words = fold(query).split()[:8]
        found = model.objects.live().exclude(pk=kept.pk)
        condition = Q()
        for word in words:
            condition &= Q(search_key__contains=word)
        candidates = [*candidates, *[c for c in found.filter(condition)[:20] if c not in candidates]]
    return render(request, "core/merge.html", {
        "kept": kept, "duplicate": duplicate, "candidates": candidates, "query": query,
        "kind": model._meta.verbose_name, "comparison": _comparison(kept, duplicate) if duplicate else [],
    })


def _comparison(kept, duplicate) -> list[dict]:
    rows = []
    for field in type(kept)._meta.concrete_fields:
        if not field.editable or field.primary_key or field.name in {"search_key"}:
            continue
        a, b = getattr(kept, field.name), getattr(duplicate, field.name)
        if a in (None, "") and b in (None, ""):
            continue
        rows.append({"label": field.verbose_name, "kept": a if a not in (None, "") else "—",
                     "duplicate": b if b not in (None, "") else "—",
                     "fills": a in (None, "") and b not in (None, "")})
    return rows


@login_required
@require_POST
def undo_merge(request, merge_id):
    require_secretariat(request)
    merge_log = get_object_or_404(Merge, pk=merge_id)
    try:
        merging.undo(request.user, merge_log)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The merge was undone: both records are back as they were."))
    kept = merge_log.kept()
    return redirect(_next(request, kept.get_absolute_url() if kept else reverse("web:dashboard")))


def history(request, label, pk):
    require_secretariat(request)
    model = record_model(label)
    record = get_object_or_404(model._base_manager, pk=pk)
    return render(request, "core/history.html", {
        "record": record, "entries": history_entries(record, limit=None), "label": label_of(record),
    })


def handle_record_form(request, form, *, create, update, record=None, check_duplicates=True, extra=None):
    """Save a record form through the services; the one flow every app's edit page uses.

    Returns the saved record, or None with the form carrying the reason: field
    errors, a version conflict (the editor's input kept, the other person's
    changes listed, see ``RecordForm.show_conflict``) or, for a new record,
    possible duplicates to look at first (``form.duplicates``; submitting again
    with ``confirm_new`` saves anyway).
    """
    form.duplicates = []
    if request.method != "POST" or not form.is_valid():
        return None
    data = {**form.model_data(), **(extra(form) if extra else {})}
    if record is None and check_duplicates and not request.POST.get("confirm_new"):
        form.duplicates = merging.possible_duplicates(form.instance)
        if form.duplicates:
            return None
    try:
        if record is None:
            saved = create(request.user, **data)
            messages.success(request, _("%(kind)s created.") % {"kind": str(saved._meta.verbose_name).capitalize()})
        else:
            saved = update(request.user, record, version=form.started_from, **data)
            messages.success(request, _("Changes saved."))
    except services.Conflict as conflict:
        form.show_conflict(conflict)
        return None
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
        return None
    return saved


def record_or_redirect(request, model, pk, related: tuple[str, ...] = ()):
    """The record for its page, or where it went; 404 when the reader may not see it.

    Returns ``(record, None)``, or ``(None, redirect)`` when the record was merged into
    another (its old links lead to the record finally kept, through later merges too).
    ``related``: relations the page always shows, read with the record.
    """
    from django.http import Http404

    from kenes.core.models import visible_levels

    record = model._base_manager.select_related(*related).filter(pk=pk).first()
    if record is not None and getattr(record, "merged_into_id", None) and \
            record.visibility in visible_levels(request.user):
        kept = record
        for _hop in range(10):
            if kept.merged_into_id is None:
                break
            kept = kept.merged_into
        if kept.is_visible_to(request.user):
            return None, redirect(kept)
    if record is None or not record.is_visible_to(request.user):
        raise Http404
    return record, None


def record_page_context(request, record) -> dict:
    """What every record page shows the secretariat: recent history with its changes, merges to undo."""
    from kenes.core.records import history_entries

    is_secretariat = request.user.is_authenticated and request.user.is_secretariat
    label = record._meta.label_lower
    merges = []
    if is_secretariat and hasattr(record, "merged_into"):
        merges = Merge.objects.filter(content_type__model=record._meta.model_name,
                                      content_type__app_label=record._meta.app_label,
                                      kept_id=record.pk, undone_at__isnull=True)
    return {
        "record_label": label,
        "history": history_entries(record, limit=10) if is_secretariat else [],
        "history_url": reverse("core:history", args=[label, record.pk]) if is_secretariat else "",
        "merges": merges,
    }


def record_form_page(request, record, form_class, template, *, create, update, initial=None, extra_context=None):
    """The edit page of any record kind: the secretariat only, saved through the services, then its page."""
    require_secretariat(request)
    form = form_class(request.POST or None, instance=record, initial=initial)
    saved = handle_record_form(request, form, record=record, create=create, update=update)
    if saved:
        return redirect(saved)
    return render(request, template, {"form": form, "record": record, **(extra_context or {})})
