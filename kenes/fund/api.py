"""The fund's API: calls, applications, reviews, the selection, published decisions.

Who sees what is the pages' rule (``services.applications_for``): an applicant their own
applications, a reviewer those assigned to them (applicants' names hidden in a blind call),
the secretariat everything, everyone the published decisions. Writes are open to signed-in
accounts (applying, reviewing) and checked again by the services; amounts and scores travel
as decimal strings.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from pydantic import StringConstraints

from kenes.api import TokenOrSession
from kenes.core.api_schemas import StrictIn
from kenes.core.api_types import Id, paginated
from kenes.core.visibility import visible_related_id
from kenes.fund import services
from kenes.fund.models import Review
from kenes.indicators.models import format_value


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


router = Router(tags=["fund"], auth=TokenOrSession(may_write=_signed_in,
                                                   refusal="Sign in with an API token to write."))

DecimalText = Annotated[str, StringConstraints(max_length=40)]
ShortText = Annotated[str, StringConstraints(max_length=500)]
LongText = Annotated[str, StringConstraints(max_length=20000)]


def _money(value) -> str | None:
    return format_value(value) if value is not None else None


class CriterionOut(Schema):
    id: int
    name: str
    weight: str
    scale_max: int


class CallOut(Schema):
    id: int
    fund_id: int | None
    title: str
    state: str
    budget: str | None
    currency: str
    opens_at: datetime
    closes_at: datetime
    time_zone: str
    max_amount: str | None
    minimum_score: str
    reviewers_per_application: int
    blind_review: bool
    partner_from_other_side: bool
    allowed_lead_parties: list[str]
    criteria: list[CriterionOut]


def _call_out(call, user) -> dict:
    return {
        "id": call.pk, "fund_id": visible_related_id(call.fund, user), "title": str(call.title), "state": call.state,
        "budget": _money(call.budget), "currency": call.currency, "opens_at": call.opens_at,
        "closes_at": call.closes_at, "time_zone": call.time_zone, "max_amount": _money(call.max_amount),
        "minimum_score": _money(call.minimum_score), "reviewers_per_application": call.reviewers_per_application,
        "blind_review": call.blind_review, "partner_from_other_side": call.partner_from_other_side,
        "allowed_lead_parties": [party.code for party in call.allowed_lead_parties.all()],
        "criteria": [{"id": c.pk, "name": str(c.name), "weight": _money(c.weight), "scale_max": c.scale_max}
                     for c in call.criteria.visible_to(user)],
    }


@router.get("/fund/calls", response=list[CallOut], summary="Calls for proposals")
@paginated(sort=("opens_at", "closes_at"))
def list_calls(request):
    return [_call_out(call, request.user) for call in services.calls_for(request.user).order_by("pk")]


@router.get("/fund/calls/{call_id}", response=CallOut, summary="One call for proposals")
def get_call(request, call_id: Id):
    return _call_out(get_object_or_404(services.calls_for(request.user), pk=call_id), request.user)


class ApplicationOut(Schema):
    id: int
    call_id: int | None
    state: str
    title: str
    summary: str
    lead_organization_id: int | None
    lead_party: str | None
    partner_organizations: list[int]
    requested_amount: str | None
    duration_months: int | None
    submitted_at: datetime | None
    reviews_submitted: int
    version: int


def _application_out(application, user) -> dict:
    named = services.may_see_applicant(user, application)
    return {
        "id": application.pk, "call_id": visible_related_id(application.call, user), "state": application.state,
        "title": str(application.title), "summary": str(application.summary),
        "lead_organization_id": visible_related_id(application.lead_organization, user) if named else None,
        "lead_party": application.lead_party.code if application.lead_party_id else None,
        "partner_organizations": [o.pk for o in application.partner_organizations.all() if o.is_visible_to(user)]
        if named else [],
        "requested_amount": _money(application.requested_amount), "duration_months": application.duration_months,
        "submitted_at": application.submitted_at, "reviews_submitted": application.reviews_submitted,
        "version": application.version,
    }


@router.get("/fund/applications", response=list[ApplicationOut],
            summary="Applications: your own, those you review, or (secretariat) all")
@paginated(sort=("submitted_at",))
def list_applications(request, call: Id | None = None):
    applications = services.applications_for(request.user).select_related("lead_party", "lead_organization", "call")
    if call is not None:
        # A call the reader may not see lists nothing: what belongs to it must not show that it exists.
        applications = applications.filter(call__in=services.calls_for(request.user).filter(pk=call))
    return [_application_out(a, request.user) for a in applications.order_by("pk")]


@router.get("/fund/applications/{application_id}", response=ApplicationOut, summary="One application")
def get_application(request, application_id: Id):
    return _application_out(get_object_or_404(services.applications_for(request.user), pk=application_id),
                            request.user)


class ApplicationIn(StrictIn):
    call_id: Id
    title_en: ShortText = ""
    title_ru: ShortText = ""
    summary_en: LongText = ""
    summary_ru: LongText = ""
    lead_organization_id: Id | None = None
    partner_organizations: list[Id] = []
    requested_amount: DecimalText | None = None
    duration_months: Annotated[int, Field(ge=1, le=120)] | None = None


@router.post("/fund/applications", response={201: ApplicationOut}, summary="Save a draft application")
def create_application(request, payload: ApplicationIn):
    data = payload.model_dump()
    call = get_object_or_404(services.calls_for(request.user), pk=data.pop("call_id"))
    organizations = services.organizations_choice(request.user)
    lead = data.pop("lead_organization_id")
    partners = data.pop("partner_organizations")
    amount = data.pop("requested_amount")
    application = services.create_application(
        request.user, call=call, lead_organization=get_object_or_404(organizations, pk=lead) if lead else None,
        partner_organizations=list(organizations.filter(pk__in=partners)),
        requested_amount=Decimal(amount) if amount not in (None, "") else None, **data)
    return Status(201, _application_out(application, request.user))


class VersionIn(StrictIn):
    version: Id | None = None


@router.post("/fund/applications/{application_id}/submit", response=ApplicationOut,
             summary="Submit a draft (422 with the reasons when it is not eligible)")
def submit_application(request, application_id: Id, payload: VersionIn):
    application = get_object_or_404(services.applications_for(request.user), pk=application_id)
    return _application_out(services.submit_application(request.user, application, version=payload.version),
                            request.user)


class ScoreOut(Schema):
    criterion_id: int
    value: str
    comment: str


class ReviewOut(Schema):
    id: int
    assignment_id: int | None
    application_id: int
    reviewer_id: int | None
    state: str
    comment: str
    scores: list[ScoreOut]
    version: int


def _review_out(review, user) -> dict:
    assignment = review.assignment
    return {"id": review.pk, "assignment_id": visible_related_id(assignment, user),
            "application_id": assignment.application_id,
            "reviewer_id": visible_related_id(assignment.reviewer, user), "state": review.state,
            "comment": review.comment, "version": review.version,
            "scores": [{"criterion_id": s.criterion_id, "value": _money(s.value), "comment": s.comment}
                       for s in review.scores.all() if s.deleted_at is None]}


@router.get("/fund/reviews", response=list[ReviewOut], summary="Reviews: your own, or (secretariat) all")
@paginated
def list_reviews(request, call: Id | None = None):
    reviews = Review.objects.live().filter(assignment__deleted_at__isnull=True,
                                           assignment__application__deleted_at__isnull=True).select_related("assignment")
    if not services.is_secretariat(request.user):
        person = getattr(request.user, "person_id", None)
        reviews = reviews.filter(assignment__reviewer_id=person) if person else reviews.none()
    if call is not None:
        reviews = reviews.filter(assignment__application__call__in=services.calls_for(request.user).filter(pk=call))
    return [_review_out(review, request.user) for review in reviews.prefetch_related("scores").order_by("pk")]


class ScoreIn(StrictIn):
    criterion_id: Id
    value: DecimalText
    comment: LongText = ""


class ReviewIn(StrictIn):
    scores: list[ScoreIn]
    comment: LongText = ""
    submit: bool = False
    version: Id | None = None


@router.post("/fund/assignments/{assignment_id}/review", response=ReviewOut,
             summary="Score an assigned application (the reviewer; refused when conflicted)")
def save_review(request, assignment_id: Id, payload: ReviewIn):
    assignment = get_object_or_404(services.assignments_of(request.user), pk=assignment_id)
    review = services.save_review(request.user, assignment, submit=payload.submit, version=payload.version,
                                  comment=payload.comment,
                                  scores={s.criterion_id: (s.value, s.comment) for s in payload.scores})
    return _review_out(review, request.user)


class SelectionIn(StrictIn):
    budget: DecimalText | None = None
    minimum_score: DecimalText | None = None
    balance: DecimalText | None = None


class EntryOut(Schema):
    application_id: int
    score: str | None
    selected: bool
    optimal: bool
    eligible: bool
    score_needed: str | None
    budget_needed: str | None
    override_reason: str


class SelectionOut(Schema):
    id: int
    call_id: int
    budget: str
    minimum_score: str
    balance_percent: str
    total_score: str
    total_amount: str
    exact: bool
    unit: str
    entries: list[EntryOut]


@router.post("/fund/calls/{call_id}/selection", response={201: SelectionOut},
             summary="Run the optimal selection within the budget (secretariat)")
def run_selection(request, call_id: Id, payload: SelectionIn):
    call = get_object_or_404(services.calls_for(request.user), pk=call_id)
    selection = services.run_selection(request.user, call, budget=payload.budget,
                                       minimum_score=payload.minimum_score, balance=payload.balance)
    return Status(201, {
        "id": selection.pk, "call_id": call.pk, "budget": _money(selection.budget),
        "minimum_score": _money(selection.minimum_score), "balance_percent": _money(selection.balance_percent),
        "total_score": _money(selection.total_score), "total_amount": _money(selection.total_amount),
        "exact": selection.exact, "unit": _money(selection.unit),
        "entries": [{"application_id": e.application_id, "score": _money(e.score), "selected": e.selected,
                     "optimal": e.optimal, "eligible": e.eligible, "score_needed": _money(e.score_needed),
                     "budget_needed": _money(e.budget_needed), "override_reason": e.override_reason}
                    for e in selection.entries.all()]})


class DecisionOut(Schema):
    application_id: int
    call_id: int | None
    title: str
    lead_organization_id: int | None
    lead_party: str | None
    amount: str
    currency: str


@router.get("/fund/decisions", response=list[DecisionOut], summary="Published decisions with amounts (public)")
@paginated
def list_decisions(request):
    return [{"application_id": g.application_id, "call_id": visible_related_id(g.application.call, request.user),
             "title": str(g.application.title),
             "lead_organization_id": visible_related_id(g.application.lead_organization, request.user),
             "lead_party": g.application.lead_party.code if g.application.lead_party_id else None,
             "amount": _money(g.amount), "currency": g.application.call.fund.currency}
            for g in services.published_decisions(request.user).order_by("pk")]

