"""Work plan pages: plans (table by responsible body, timeline), items with their progress updates,
the digest of what is overdue or stalled, and the spreadsheet import. Thin: services do the writing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenes.core.views import (
    handle_record_form,
    record_form_page,
    record_or_redirect,
    record_page_context,
    require_secretariat,
)
from kenes.core.visibility import visible_related
from kenes.web.lists import Listing, list_response
from kenes.workplan import gantt, importing, services
from kenes.workplan.forms import ProgressUpdateForm, WorkItemForm, WorkPlanForm
from kenes.workplan.lists import PLAN_COLUMNS
from kenes.workplan.models import WorkItem, WorkPlan


def plan_list(request):
    plans = WorkPlan.objects.visible_to(request.user).select_related("body")
    listing = Listing(request, plans, PLAN_COLUMNS, name="work-plans", title=_("Work plans"))
    if response := listing.download():
        return response
    context = {"listing": listing, "page": listing.page, "attention": services.attention(request.user)}
    return list_response(request, "workplan/_plan_rows.html", "workplan/plan_list.html", context)


def _items(user, plan):
    return list(WorkItem.objects.visible_to(user).filter(plan=plan)
                .select_related("measure", "measure__status")
                .prefetch_related("responsibilities__party", "responsibilities__organization",
                                  "responsibilities__lead")
                .order_by("due", "pk"))


def _groups(user, items) -> list[dict]:
    """Items grouped by the responsible organisations (one group per combination), unassigned last."""
    groups: dict[str, dict] = {}
    for item in items:
        rows = []
        for row in item.responsibilities.all():
            organization = visible_related(row.organization, user)
            rows.append({"party": row.party, "organization": organization,
                         "lead": visible_related(row.lead, user)})
        item.sides = rows
        names = [f"{row['party'].code}: {row['organization'].acronym or row['organization'].name}"
                 for row in rows if row["organization"]]
        key = " · ".join(names)
        groups.setdefault(key, {"label": key, "items": []})["items"].append(item)
    return sorted(groups.values(), key=lambda group: (group["label"] == "", group["label"]))


def plan_detail(request, pk):
    plan, _moved = record_or_redirect(request, WorkPlan, pk)  # plans are not merged: never moved
    items = _items(request.user, plan)
    view = "timeline" if request.GET.get("view") == "timeline" else "table"
    today = timezone.localdate()
    for item in items:
        item.overdue = item.is_overdue(today)
        measure = visible_related(item.measure, request.user)
        item.shown_measure = measure
    context = {
        "plan": plan, "body": visible_related(plan.body, request.user), "view": view,
        "groups": _groups(request.user, items), "chart": gantt.chart(items, today) if view == "timeline" else None,
        "count": len(items), "overdue": sum(1 for item in items if item.overdue),
        **record_page_context(request, plan),
    }
    return render(request, "workplan/plan_detail.html", context)


@login_required
def plan_create(request):
    return record_form_page(request, None, WorkPlanForm, "workplan/plan_form.html",
                            create=services.create_plan, update=services.update_plan)


@login_required
def plan_edit(request, pk):
    require_secretariat(request)
    return record_form_page(request, get_object_or_404(WorkPlan.objects.live(), pk=pk), WorkPlanForm,
                            "workplan/plan_form.html", create=services.create_plan, update=services.update_plan)


def _item_form(request, plan, item):
    require_secretariat(request)
    initial = {}
    if item is None and (measure := request.GET.get("measure", "")).isdigit() and len(measure) < 19:
        initial = {"measure": int(measure), "visibility": plan.visibility}
    form = WorkItemForm(request.POST or None, instance=item, initial=initial)

    def create(actor, **data):
        return services.create_item(actor, plan=plan, **data)

    saved = handle_record_form(request, form, record=item, create=create, update=services.update_item,
                               check_duplicates=False, extra=lambda form: {"responsibilities": form.responsibilities()})
    if saved:
        return redirect(saved)
    return render(request, "workplan/item_form.html", {"form": form, "record": item, "plan": plan})


@login_required
def item_create(request, pk):
    require_secretariat(request)
    return _item_form(request, get_object_or_404(WorkPlan.objects.live(), pk=pk), None)


@login_required
def item_edit(request, pk):
    require_secretariat(request)
    item = get_object_or_404(WorkItem.objects.live(), pk=pk)
    return _item_form(request, item.plan, item)


def _item_context(request, item, form) -> dict:
    user = request.user
    sides = [{"party": row.party, "organization": visible_related(row.organization, user),
              "lead": visible_related(row.lead, user)}
             for row in item.responsibilities.select_related("party", "organization", "lead")]
    return {
        "item": item, "plan": visible_related(item.plan, user), "measure": visible_related(item.measure, user),
        "sides": sides, "updates": item.updates.select_related("posted_by", "party"),
        "can_report": services.can_report(user, item), "form": form,
        "overdue": item.is_overdue(timezone.localdate()),
        **record_page_context(request, item),
    }


def item_detail(request, pk):
    item, _moved = record_or_redirect(request, WorkItem, pk)  # items are not merged: never moved
    return render(request, "workplan/item_detail.html", _item_context(request, item, ProgressUpdateForm()))


@login_required
@require_POST
def item_update(request, pk):
    item = get_object_or_404(WorkItem.objects.visible_to(request.user), pk=pk)
    form = ProgressUpdateForm(request.POST)
    if not form.is_valid():
        return _item_page_with(request, item, form)
    try:
        services.post_update(request.user, item, **form.cleaned_data)
    except ValidationError as exc:
        for field, errors in getattr(exc, "error_dict", {None: exc.error_list}).items():
            form.add_error(field if field in form.fields else None, errors)
        return _item_page_with(request, item, form)
    messages.success(request, _("Progress update posted."))
    return redirect(item)


def _item_page_with(request, item, form):
    """The item's page again with the submitted update and its errors, not an empty form."""
    return render(request, "workplan/item_detail.html", _item_context(request, item, form), status=400)


def digest(request):
    """The weekly digest as a page: what is overdue or stalled, for the plans the reader may see."""
    attention = {key: list(items[:200]) for key, items in services.attention(request.user).items()}
    for item in [*attention["overdue"], *attention["stalled"]]:
        item.label = services.item_label(item, request.user)
    return render(request, "workplan/digest.html", {"attention": attention,
                                                    "today": timezone.localdate(),
                                                    "days": services.STALLED_AFTER_DAYS})


@login_required
def plan_import(request, pk):
    require_secretariat(request)
    plan = get_object_or_404(WorkPlan.objects.live(), pk=pk)
    checked, imported = None, None
    if request.method == "POST" and request.FILES.get("file"):
        checked = importing.check(plan, request.FILES["file"])
        mode = request.POST.get("mode", "preview")
        if mode in ("all", "valid") and not checked.problem:
            try:
                imported = importing.apply(request.user, plan, checked, only_valid=mode == "valid")
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("%(count)s work items imported.") % {"count": imported})
                return redirect(plan)
    elif request.method == "POST":
        messages.error(request, _("Choose a spreadsheet (.xlsx) to import."))
    return render(request, "workplan/import.html", {"plan": plan, "checked": checked,
                                                    "parties": _party_codes()})


def _party_codes() -> list[str]:
    from kenes.directory.models import Party

    return list(Party.objects.values_list("code", flat=True))
