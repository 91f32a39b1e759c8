"""Work plan endpoints: plans and items (write: the secretariat) and progress updates (write: the
secretariat and the people responsible for the item, checked by ``services.can_report``)."""

from __future__ import annotations

from typing import Annotated

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints

from kenes.api import TokenOrSession
from kenes.core.api_schemas import RecordSchemas, StrictIn, expected_version
from kenes.core.api_types import Id, Mapped, paginated
from kenes.core.visibility import visible_related_id
from kenes.directory.models import Organization, Party, Person
from kenes.workplan import services
from kenes.workplan.models import WorkItem, WorkPlan

router = Router(tags=["work plan"])


class ResponsibilityIO(StrictIn):
    party: Annotated[str, StringConstraints(max_length=20)]
    organization_id: Id | None = None
    lead_id: Id | None = None


def _responsibilities(item, user):
    return [{"party": row.party.code, "organization_id": visible_related_id(row.organization, user),
             "lead_id": visible_related_id(row.lead, user)}
            for row in item.responsibilities.select_related("party", "organization", "lead")]


PLANS = RecordSchemas(WorkPlan, fields=services.PLAN_FIELDS)
ITEMS = RecordSchemas(WorkItem, fields=services.ITEM_FIELDS, required=("plan", "measure"),
                      extra_in={"responsibilities": (list[ResponsibilityIO] | None, None)},
                      extra_out={"responsibilities": (list[ResponsibilityIO], _responsibilities),
                                 "progress": (int, lambda item, user: item.progress)})


def _item_data(user, data: dict) -> dict:
    rows = data.pop("responsibilities", None)
    fields = ITEMS.to_service(user, data)
    if rows is not None:
        fields["responsibilities"] = [_responsibility(user, row) for row in rows]
    return fields


def _responsibility(user, row: dict) -> dict:
    party = Party.objects.filter(code=str(row["party"]).upper()).first()
    if party is None:
        raise ValidationError({"responsibilities": _("No party with the code %(code)s.") % {"code": row["party"]}})
    found = {}
    for name, model in (("organization", Organization), ("lead", Person)):
        pk = row.get(f"{name}_id")
        found[name] = model.objects.visible_to(user).filter(pk=pk).first() if pk else None
        if pk and found[name] is None:
            raise ValidationError({"responsibilities": _("No %(kind)s with the id %(id)s.")
                                   % {"kind": model._meta.verbose_name, "id": pk}})
    return {"party": party, **found}


@router.get("/work-plans", response=list[PLANS.Out], summary="Work plans")
@paginated(sort=("period_start", "approved_on"))
def list_plans(request):
    return WorkPlan.objects.visible_to(request.user).order_by("pk")


@router.get("/work-plans/{plan_id}", response=PLANS.Out, summary="One work plan")
def get_plan(request, plan_id: Id):
    return get_object_or_404(WorkPlan.objects.visible_to(request.user), pk=plan_id)


@router.post("/work-plans", response={201: PLANS.Out}, summary="Create a work plan (secretariat)")
def create_plan(request, payload: PLANS.In):
    return Status(201, services.create_plan(request.user, **PLANS.to_service(request.user, payload.model_dump())))


@router.patch("/work-plans/{plan_id}", response=PLANS.Out,
              summary="Change a work plan (secretariat; 409 if it changed since your version)")
def update_plan(request, plan_id: Id, payload: PLANS.Patch):
    plan = get_object_or_404(WorkPlan.objects.visible_to(request.user), pk=plan_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_plan(request.user, plan, version=expected_version(request, data),
                                **PLANS.to_service(request.user, data))


@router.get("/work-items", response=list[ITEMS.Out], summary="Work items (of one plan, or overdue only)")
@paginated(sort=("start", "due"))
def list_items(request, plan: Id | None = None, overdue: bool = False):
    items = WorkItem.objects.visible_to(request.user).filter(plan__in=WorkPlan.objects.visible_to(request.user))
    if plan is not None:
        items = items.filter(plan_id=plan)
    if overdue:
        items = items.filter(pk__in=services.attention(request.user)["overdue"].values("pk"))
    return items.order_by("pk")


@router.get("/work-items/{item_id}", response=ITEMS.Out, summary="One work item")
def get_item(request, item_id: Id):
    return get_object_or_404(WorkItem.objects.visible_to(request.user), pk=item_id)


@router.post("/work-items", response={201: ITEMS.Out}, summary="Add a measure to a work plan (secretariat)")
def create_item(request, payload: ITEMS.In):
    return Status(201, services.create_item(request.user, **_item_data(request.user, payload.model_dump())))


@router.patch("/work-items/{item_id}", response=ITEMS.Out,
              summary="Change a work item (secretariat; 409 if it changed since your version)")
def update_item(request, item_id: Id, payload: ITEMS.Patch):
    item = get_object_or_404(WorkItem.objects.visible_to(request.user), pk=item_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_item(request.user, item, version=expected_version(request, data),
                                **_item_data(request.user, data))


class UpdateIn(StrictIn):
    text: Annotated[str, StringConstraints(max_length=10_000)]
    percent: int = Field(..., ge=0, le=100)
    evidence_url: Annotated[str, StringConstraints(max_length=1000)] = ""


class UpdateOut(Schema):
    id: int
    percent: int
    text: str
    evidence_url: str
    party: str | None
    posted_at: str


def _update_out(update) -> dict:
    return {"id": update.pk, "percent": update.percent, "text": update.text, "evidence_url": update.evidence_url,
            "party": update.party.code if update.party_id else None, "posted_at": update.posted_at.isoformat()}


@router.get("/work-items/{item_id}/updates", response=list[UpdateOut], summary="A work item's progress updates")
@paginated
def list_updates(request, item_id: Id):
    item = get_object_or_404(WorkItem.objects.visible_to(request.user), pk=item_id)
    return Mapped(item.updates.select_related("party"), _update_out)


@router.post("/work-items/{item_id}/updates", response={201: UpdateOut},
             auth=TokenOrSession(may_write=lambda user: bool(getattr(user, "is_authenticated", False))),
             summary="Report progress (the secretariat, or someone responsible for the item)")
def post_update(request, item_id: Id, payload: UpdateIn):
    item = get_object_or_404(WorkItem.objects.visible_to(request.user), pk=item_id)
    update = services.post_update(request.user, item, text=payload.text, percent=payload.percent,
                                  evidence_url=payload.evidence_url)
    return Status(201, _update_out(update))
