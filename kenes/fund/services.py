"""The fund's write path: what may change, by whom, and when; ``kenes.core.services`` says how.

Who may do what:
- the secretariat: everything (funds, calls, criteria, assignments, selections, grants);
- an applicant (any signed-in account): their own applications, while the call is open;
- a reviewer (an account linked to a directory person who is assigned): their own review,
  unless a conflict of interest, declared or detected, blocks it.

Lost updates: every edit carries the version it started from (``core.update``); a review
submitted locks its application's row to count itself, so two reviewers finishing at the
same moment both count.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kenes.core import services as core
from kenes.core.models import Visibility
from kenes.directory.models import Membership, Organization, Person
from kenes.fund import scoring
from kenes.fund.models import (
    Application,
    ApplicationAttachment,
    Call,
    CallCriterion,
    ConflictDeclaration,
    Disbursement,
    Fund,
    Grant,
    GrantReport,
    Review,
    ReviewAssignment,
    Score,
    Selection,
    SelectionEntry,
)

FUND_FIELDS = core.editable_fields(Fund)
CALL_FIELDS = core.editable_fields(Call, exclude=["state"])
CRITERION_FIELDS = core.editable_fields(CallCriterion)
APPLICATION_FIELDS = core.editable_fields(Application, exclude=["applicant", "lead_party", "visibility"])
DISBURSEMENT_FIELDS = core.editable_fields(Disbursement)
REPORT_FIELDS = core.editable_fields(GrantReport)
ENTRY_FIELDS = core.editable_fields(SelectionEntry)
# A role that ended this many years ago still counts as a conflict of interest.
CONFLICT_YEARS = 3
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


def require_signed_in(actor) -> None:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied(_("Sign in to apply to the fund."))


def is_secretariat(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_secretariat)


# --- funds, calls and criteria (the secretariat) ---------------------------------------------------

def create_fund(actor, *, reason: str = "", **data) -> Fund:
    return core.create(actor, Fund, data, allowed=FUND_FIELDS, reason=reason)


def update_fund(actor, fund: Fund, *, version: int | None = None, reason: str = "", **data) -> Fund:
    return core.update(actor, fund, data, allowed=FUND_FIELDS, version=version, reason=reason)


def _check_call(call: Call) -> None:
    if call.fund_id and call.budget is not None:
        others = (Call.objects.live().filter(fund_id=call.fund_id).exclude(pk=call.pk)
                  .aggregate(total=Sum("budget"))["total"] or Decimal(0))
        if others + call.budget > call.fund.total_budget:
            raise ValidationError({"budget": _("The fund's calls would then exceed its total budget of %(total)s %(currency)s.")
                                   % {"total": call.fund.total_budget, "currency": call.fund.currency}})


def create_call(actor, *, reason: str = "", **data) -> Call:
    return core.create(actor, Call, data, allowed=CALL_FIELDS, reason=reason, prepare=_check_call)


def update_call(actor, call: Call, *, version: int | None = None, reason: str = "", **data) -> Call:
    return core.update(actor, call, data, allowed=CALL_FIELDS, version=version, reason=reason, prepare=_check_call)


CALL_STEPS = {
    Call.State.DRAFT: {Call.State.OPEN},
    Call.State.OPEN: {Call.State.CLOSED, Call.State.DRAFT},
    Call.State.CLOSED: {Call.State.REVIEWING, Call.State.OPEN},
    Call.State.REVIEWING: {Call.State.DECIDED},
    Call.State.DECIDED: {Call.State.PUBLISHED, Call.State.REVIEWING},
    Call.State.PUBLISHED: set(),
}


def set_call_state(actor, call: Call, state: str, *, version: int | None = None) -> Call:
    if state not in CALL_STEPS.get(call.state, set()):
        raise ValidationError(_("A call that is %(now)s cannot become %(next)s.")
                              % {"now": call.get_state_display(), "next": Call.State(state).label
                                 if state in Call.State.values else state})
    if state == Call.State.OPEN and not call.criteria.filter(deleted_at__isnull=True).exists():
        raise ValidationError(_("Give the call its evaluation criteria before opening it."))
    return core.update(actor, call, {"state": state}, allowed=["state"], version=version,
                       reason=_("Call %(state)s") % {"state": Call.State(state).label})


def create_criterion(actor, *, reason: str = "", **data) -> CallCriterion:
    if "visibility" not in data and data.get("call") is not None:
        data["visibility"] = data["call"].visibility  # a criterion is read with its call
    return core.create(actor, CallCriterion, data, allowed=CRITERION_FIELDS, reason=reason, prepare=_check_criterion)


def update_criterion(actor, criterion: CallCriterion, *, version: int | None = None, reason: str = "",
                     **data) -> CallCriterion:
    return core.update(actor, criterion, data, allowed=CRITERION_FIELDS, version=version, reason=reason,
                       prepare=_check_criterion)


def _check_criterion(criterion: CallCriterion) -> None:
    if criterion.call_id and Score.objects.filter(criterion__call_id=criterion.call_id).exists():
        raise ValidationError(_("Reviews have started: the criteria of this call can no longer change."))


# --- applications ----------------------------------------------------------------------------------

def _may_edit_application(actor, application: Application) -> None:
    if is_secretariat(actor):
        return
    require_signed_in(actor)
    if application.applicant_id != actor.pk:
        raise PermissionDenied(_("Only the applicant or the secretariat can change this application."))


def _check_deadline(call: Call) -> None:
    now = timezone.now()
    if call.state != Call.State.OPEN or now < call.opens_at:
        raise ValidationError(_("This call is not open for applications."))
    if now >= call.closes_at:
        raise ValidationError(_("The deadline of this call has passed (%(deadline)s UTC): nothing can be submitted "
                                "or changed.") % {"deadline": call.closes_at.astimezone(datetime.UTC)
                                                  .strftime("%Y-%m-%d %H:%M")})


def _check_application(application: Application) -> None:
    # The call as it is now, not as the caller loaded it: it may have closed since.
    application.call = Call.objects.get(pk=application.call_id)
    _check_deadline(application.call)
    if application.state not in (Application.State.DRAFT, Application.State.SUBMITTED):
        raise ValidationError(_("A withdrawn or decided application cannot change."))
    if application.requested_amount is not None and application.call.max_amount is not None \
            and application.requested_amount > application.call.max_amount:
        raise ValidationError({"requested_amount": _("The call gives at most %(max)s %(currency)s to one application.")
                               % {"max": application.call.max_amount, "currency": application.call.currency}})


@transaction.atomic
def create_application(actor, *, reason: str = "", applicant=None, **data) -> Application:
    """A draft; the secretariat may name the ``applicant`` it enters it for."""
    require_signed_in(actor)
    owner = applicant if (applicant is not None and is_secretariat(actor)) else actor

    def prepare(application):
        application.applicant = owner
        application.visibility = Visibility.RESTRICTED  # until a decision about it is published
        _check_application(application)

    return core.create(actor, Application, data, allowed=APPLICATION_FIELDS, reason=reason or _("Draft saved"),
                       prepare=prepare, role_check=require_signed_in)


@transaction.atomic
def update_application(actor, application: Application, *, version: int | None = None, reason: str = "",
                       **data) -> Application:
    _may_edit_application(actor, application)
    if "call" in data and getattr(data["call"], "pk", data["call"]) != application.call_id:
        raise ValidationError({"call": _("An application stays in its call.")})

    def prepare(current):
        _check_application(current)

    saved = core.update(actor, application, data, allowed=APPLICATION_FIELDS, version=version,
                        reason=reason or _("Application edited"), prepare=prepare, role_check=require_signed_in)
    if saved.state == Application.State.SUBMITTED and (problems := eligibility_problems(saved)):
        raise ValidationError(problems)  # rolls the edit back: a submitted application stays eligible
    return saved


def eligibility_problems(application: Application) -> list[str]:
    """Why the application cannot be submitted, in the applicant's words; empty when it can."""
    call = application.call
    problems = []
    if not any(getattr(application, f"title_{code}") for code in ("en", "ru", "kk", "uz")):
        problems.append(_("Give the project a title."))
    if not any(getattr(application, f"summary_{code}") for code in ("en", "ru", "kk", "uz")):
        problems.append(_("Give a summary of the project."))
    if application.lead_organization_id is None:
        problems.append(_("Name the lead organisation."))
    lead_party = application.lead_party_id or (application.lead_organization.party_id
                                               if application.lead_organization_id else None)
    allowed = set(call.allowed_lead_parties.values_list("pk", flat=True))
    if application.lead_organization_id and lead_party is None:
        problems.append(_("The lead organisation's country is not on record; ask the secretariat to add it."))
    elif allowed and lead_party not in allowed:
        names = ", ".join(str(party) for party in call.allowed_lead_parties.all())
        problems.append(_("The lead organisation must come from: %(parties)s.") % {"parties": names})
    if call.partner_from_other_side and application.pk:
        partner_parties = set(application.partner_organizations.exclude(party__isnull=True)
                              .values_list("party_id", flat=True))
        if not partner_parties - {lead_party}:
            problems.append(_("Add at least one partner organisation from the other side."))
    if application.requested_amount is None or application.requested_amount <= 0:
        problems.append(_("Give the amount requested."))
    elif call.max_amount is not None and application.requested_amount > call.max_amount:
        problems.append(_("The amount requested is more than the call's maximum of %(max)s %(currency)s.")
                        % {"max": call.max_amount, "currency": call.currency})
    if not application.duration_months:
        problems.append(_("Give the duration in months."))
    call_topics = set(call.topics.values_list("pk", flat=True))
    if call_topics and application.pk and not set(application.topics.values_list("pk", flat=True)) & call_topics:
        problems.append(_("Choose at least one of the call's topics."))
    return problems


@transaction.atomic
def submit_application(actor, application: Application, *, version: int | None = None) -> Application:
    _may_edit_application(actor, application)
    current = core.lock(application)
    core.check_version(current, version)
    _check_deadline(Call.objects.get(pk=current.call_id))
    if current.state != Application.State.DRAFT:
        raise ValidationError(_("Only a draft can be submitted; this application is %(state)s.")
                              % {"state": current.get_state_display()})
    if problems := eligibility_problems(current):
        raise ValidationError(problems)
    current.state = Application.State.SUBMITTED
    current.submitted_at = timezone.now()
    core.save(current, actor, _("Submitted"))
    return current


@transaction.atomic
def withdraw_application(actor, application: Application, *, version: int | None = None) -> Application:
    _may_edit_application(actor, application)
    current = core.lock(application)
    core.check_version(current, version)
    if current.state not in (Application.State.DRAFT, Application.State.SUBMITTED):
        raise ValidationError(_("A decided application cannot be withdrawn."))
    current.state = Application.State.WITHDRAWN
    core.save(current, actor, _("Withdrawn"))
    return current


@transaction.atomic
def add_attachment(actor, application: Application, upload, *, title: str = "") -> ApplicationAttachment:
    _may_edit_application(actor, application)
    _check_application(application)
    if upload is None or not upload.size:
        raise ValidationError({"file": _("The file is empty.")})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    return core.create(actor, ApplicationAttachment,
                       {"application": application, "file": upload, "title": title,
                        "visibility": Visibility.RESTRICTED},
                       allowed=["application", "file", "title", "visibility"], reason=_("Attachment added"),
                       role_check=require_signed_in)


# --- conflicts of interest -----------------------------------------------------------------------

def organizations_of(application: Application) -> set[int]:
    ids = set(application.partner_organizations.values_list("pk", flat=True))
    if application.lead_organization_id:
        ids.add(application.lead_organization_id)
    return ids


def _recent(end_date: str, today: datetime.date, years: int) -> bool:
    """A role ended (partial date) within ``years`` of today; an open end means it continues."""
    if not end_date:
        return True
    return int(end_date[:4]) >= today.year - years


def detected_conflicts(application: Application, person: Person, *, years: int = CONFLICT_YEARS,
                       organizations: set[int] | None = None) -> list[str]:
    """Why ``person`` may not review: roles (now or within ``years``) in the application's organisations."""
    organizations = organizations_of(application) if organizations is None else organizations
    today = timezone.localdate()
    reasons = []
    memberships = (Membership.objects.live().filter(person=person, organization_id__in=organizations)
                   .select_related("organization"))
    for membership in memberships:
        if not _recent(membership.end_date, today, years):
            continue
        if membership.is_current:
            reasons.append(_("Works at %(organization)s, which is on the application.")
                           % {"organization": membership.organization})
        else:
            reasons.append(_("Worked at %(organization)s until %(end)s (less than %(years)s years ago).")
                           % {"organization": membership.organization, "end": membership.end_date, "years": years})
    profile = getattr(person, "expert_profile", None)
    if profile is not None and profile.affiliation_id in organizations and profile.is_live:
        reasons.append(_("Affiliated with %(organization)s, which is on the application.")
                       % {"organization": profile.affiliation})
    return list(dict.fromkeys(reasons))


def conflicts(application: Application, person: Person) -> list[str]:
    """Detected and declared conflicts of ``person`` on ``application``."""
    declared = ConflictDeclaration.objects.live().filter(application=application, person=person)
    return [*detected_conflicts(application, person),
            *(_("Declared: %(reason)s") % {"reason": declaration.reason} for declaration in declared)]


def declare_conflict(actor, application: Application, person: Person, reason: str) -> ConflictDeclaration:
    """The reviewer themself, or the secretariat, records a conflict; it blocks the review at once."""
    if not is_secretariat(actor) and getattr(actor, "person_id", None) != person.pk:
        raise PermissionDenied(_("Only the reviewer concerned or the secretariat can declare this conflict."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what the conflict of interest is.")})
    return core.create(actor, ConflictDeclaration,
                       {"application": application, "person": person, "reason": reason,
                        "visibility": Visibility.RESTRICTED},
                       allowed=["application", "person", "reason", "visibility"],
                       reason=_("Conflict of interest declared"), role_check=require_signed_in)


# --- reviewers -----------------------------------------------------------------------------------

@transaction.atomic
def assign_reviewer(actor, application: Application, reviewer: Person) -> ReviewAssignment:
    core.require_secretariat(actor)
    if application.state != Application.State.SUBMITTED:
        raise ValidationError(_("Only submitted applications are reviewed."))
    if reasons := conflicts(application, reviewer):
        raise ValidationError(_("%(person)s cannot review this application: %(reasons)s")
                              % {"person": reviewer, "reasons": " ".join(reasons)})
    existing = ReviewAssignment._base_manager.filter(application=application, reviewer=reviewer).first()
    if existing is not None:
        if existing.deleted_at is not None:
            return core.restore(actor, existing, reason=_("Reviewer assigned again"))
        return existing

    def prepare(assignment):
        assignment.assigned_by = actor

    return core.create(actor, ReviewAssignment,
                       {"application": application, "reviewer": reviewer, "visibility": Visibility.RESTRICTED},
                       allowed=["application", "reviewer", "visibility"], reason=_("Reviewer assigned"),
                       prepare=prepare)


def unassign_reviewer(actor, assignment: ReviewAssignment) -> ReviewAssignment:
    if hasattr(assignment, "review") and assignment.review.state == Review.State.SUBMITTED:
        raise ValidationError(_("This reviewer has already submitted a review; it stays on record."))
    return core.delete(actor, assignment, reason=_("Reviewer removed"))


@dataclass
class Suggestion:
    person: Person
    profile: object
    conflicts: list[str]
    shared_topics: int
    load: int
    assigned: bool


def suggest_reviewers(application: Application, *, limit: int = 30) -> list[Suggestion]:
    """Experts of the pool for this application: fitting topics first, then the least loaded; conflicts shown."""
    from kenes.council.models import ExpertProfile

    topics = set(application.topics.values_list("pk", flat=True))
    organizations = organizations_of(application)
    assigned = set(application.assignments.live().values_list("reviewer_id", flat=True))
    profiles = (ExpertProfile.objects.live().filter(active=True, person__deleted_at__isnull=True)
                .select_related("person", "person__party", "affiliation").prefetch_related("person__expertise"))
    suggestions = []
    for profile in profiles:
        person = profile.person
        declared = ConflictDeclaration.objects.live().filter(application=application, person=person)
        reasons = [*detected_conflicts(application, person, organizations=organizations),
                   *(_("Declared: %(reason)s") % {"reason": d.reason} for d in declared)]
        shared = len(topics & {topic.pk for topic in person.expertise.all()})
        load = ReviewAssignment.objects.live().filter(reviewer=person, application__call=application.call).count()
        suggestions.append(Suggestion(person, profile, reasons, shared, load, person.pk in assigned))
    suggestions.sort(key=lambda s: (bool(s.conflicts), -s.shared_topics, s.load, str(s.person)))
    return suggestions[:limit]


def _reviewer_of(actor, assignment: ReviewAssignment) -> None:
    require_signed_in(actor)
    if not assignment.is_live or getattr(actor, "person_id", None) != assignment.reviewer_id:
        raise PermissionDenied(_("You are not assigned to review this application."))
    if reasons := conflicts(assignment.application, assignment.reviewer):
        raise PermissionDenied(_("You cannot review this application because of a conflict of interest: %(reasons)s")
                               % {"reasons": " ".join(reasons)})


@transaction.atomic
def save_review(actor, assignment: ReviewAssignment, *, scores: dict, comment: str = "", submit: bool = False,
                version: int | None = None) -> Review:
    """The reviewer's scores ``{criterion: (value, comment)}``; ``submit`` once every criterion has one.

    ``version``: of the review the form was opened at (None for a first save).
    """
    _reviewer_of(actor, assignment)
    call = assignment.application.call
    if call.state not in (Call.State.CLOSED, Call.State.REVIEWING, Call.State.OPEN):
        raise ValidationError(_("Reviews for this call are closed."))
    review = Review.objects.filter(assignment=assignment).first()
    if review is None:
        review = core.create(actor, Review, {"assignment": assignment, "comment": comment,
                                             "visibility": Visibility.RESTRICTED},
                             allowed=["assignment", "comment", "visibility"], role_check=require_signed_in,
                             reason=_("Review started"))
    else:
        if review.state == Review.State.SUBMITTED:
            raise ValidationError(_("This review was submitted; it can no longer change."))
        review = core.update(actor, review, {"comment": comment}, allowed=["comment"], version=version,
                             role_check=require_signed_in, reason=_("Review saved"))
    _save_scores(actor, review, call, scores)
    if submit:
        _submit(actor, review, call)
    return review


def _save_scores(actor, review: Review, call: Call, scores: dict) -> None:
    criteria = {criterion.pk: criterion for criterion in call.criteria.live()}
    existing = {score.criterion_id: score for score in review.scores.all()}
    errors = {}
    for key, entry in scores.items():
        criterion = criteria.get(getattr(key, "pk", key))
        if criterion is None:
            raise ValidationError(_("That criterion does not belong to this call."))
        value, text = entry if isinstance(entry, tuple) else (entry, "")
        if value in (None, ""):
            continue
        try:
            value = Decimal(str(value))
        except ArithmeticError:
            errors[f"score_{criterion.pk}"] = _("Give a number.")
            continue
        if not value.is_finite() or not 0 <= value <= criterion.scale_max:
            errors[f"score_{criterion.pk}"] = (_("A score for %(criterion)s runs from 0 to %(max)s.")
                                               % {"criterion": criterion, "max": criterion.scale_max})
            continue
        data = {"value": value, "comment": text or ""}
        if criterion.pk in existing:
            core.update(actor, existing[criterion.pk], data, allowed=["value", "comment"],
                        role_check=require_signed_in, reason=_("Score changed"))
        else:
            core.create(actor, Score, {**data, "review": review, "criterion": criterion,
                                       "visibility": Visibility.RESTRICTED},
                        allowed=["value", "comment", "review", "criterion", "visibility"],
                        role_check=require_signed_in, reason=_("Scored"))
    if errors:
        raise ValidationError(errors)


def _submit(actor, review: Review, call: Call) -> None:
    missing = set(call.criteria.live().values_list("pk", flat=True)) - set(
        review.scores.values_list("criterion_id", flat=True))
    if missing:
        raise ValidationError(_("Score every criterion before submitting."))
    # The application's row is the meeting point of its reviewers: locked, so counts never go missing.
    application = core.lock(review.assignment.application)
    current = core.lock(review)
    current.state = Review.State.SUBMITTED
    current.submitted_at = timezone.now()
    core.save(current, actor, _("Review submitted"))
    application.reviews_submitted = Review.objects.filter(
        assignment__application=application, state=Review.State.SUBMITTED, deleted_at__isnull=True).count()
    core.save(application, actor, _("A review came in"))
    review.refresh_from_db()


# --- scores and the ranking ----------------------------------------------------------------------

def review_totals(call: Call) -> list[scoring.ReviewTotal]:
    criteria = list(call.criteria.live())
    reviews = (Review.objects.live().filter(assignment__application__call=call, state=Review.State.SUBMITTED,
                                            assignment__deleted_at__isnull=True,
                                            assignment__application__deleted_at__isnull=True)
               .select_related("assignment").prefetch_related("scores").order_by("pk"))
    totals = []
    for review in reviews:
        values = {score.criterion_id: score.value for score in review.scores.all() if score.deleted_at is None}
        parts = [scoring.CriterionScore(values[c.pk], Decimal(c.scale_max), c.weight) for c in criteria
                 if c.pk in values]
        if parts:
            totals.append(scoring.ReviewTotal(review.assignment.reviewer_id, review.assignment.application_id,
                                              scoring.review_total(parts)))
    return totals


def ranking(call: Call) -> list[tuple[Application, scoring.ApplicationScore]]:
    """Submitted applications with their raw and normalised scores, best normalised first."""
    scores = scoring.application_scores(review_totals(call))
    applications = (call.applications.live().exclude(state__in=[Application.State.DRAFT, Application.State.WITHDRAWN])
                    .select_related("lead_organization", "lead_party"))
    rows = [(application, scores.get(application.pk) or scoring.ApplicationScore(application.pk))
            for application in applications]
    rows.sort(key=lambda row: (row[1].normalised is None, -(row[1].normalised or 0), row[0].pk))
    return rows


# --- selection -----------------------------------------------------------------------------------

def _decimal(value, name: str, low: Decimal, high: Decimal | None = None) -> Decimal:
    try:
        number = Decimal(str(value if value not in (None, "") else 0))
    except ArithmeticError:
        raise ValidationError({name: _("Give a number.")}) from None
    if not number.is_finite() or number < low or (high is not None and number > high):
        raise ValidationError({name: _("Give a number from %(low)s to %(high)s.")
                               % {"low": low, "high": high if high is not None else "…"}})
    return number


@transaction.atomic
def run_selection(actor, call: Call, *, budget=None, minimum_score=None, balance=None) -> Selection:
    """The optimal set for the call within ``budget`` (the call's when not given), recorded with its reasons."""
    from kenes.fund.selection import Candidate, select

    core.require_secretariat(actor)
    call = core.lock(call)
    if call.state not in (Call.State.CLOSED, Call.State.REVIEWING, Call.State.DECIDED):
        raise ValidationError(_("Close the call before selecting."))
    budget = _decimal(budget if budget not in (None, "") else call.budget, "budget", Decimal(0))
    minimum = _decimal(minimum_score if minimum_score not in (None, "") else call.minimum_score, "minimum_score",
                       Decimal(0), Decimal(100))
    balance = _decimal(balance, "balance_percent", Decimal(0), Decimal(50))
    rows = ranking(call)
    candidates = [Candidate(application.pk, application.requested_amount or Decimal(0), score.normalised,
                            application.lead_party_id) for application, score in rows]
    try:
        result = select(candidates, budget, minimum_score=minimum, balance=balance)
    except ValueError as problem:
        raise ValidationError(str(problem)) from None
    selection = core.create(actor, Selection, {"call": call, "budget": budget, "minimum_score": minimum,
                                               "balance_percent": balance, "visibility": Visibility.RESTRICTED},
                            allowed=["call", "budget", "minimum_score", "balance_percent", "visibility"],
                            reason=_("Selection run"), prepare=lambda s: _fill(s, actor, result))
    chosen = set(result.selected)
    for application, score in rows:
        why = result.why_not.get(application.pk)
        core.create(actor, SelectionEntry, {
            "selection": selection, "application": application, "score": score.normalised,
            "eligible": bool(score.normalised is not None and not (why and why.below_minimum)),
            "optimal": application.pk in chosen, "selected": application.pk in chosen,
            "score_needed": why.score_needed if why else None, "budget_needed": why.budget_needed if why else None,
            "visibility": Visibility.RESTRICTED}, allowed=ENTRY_FIELDS, reason=_("Selection run"))
    if call.state != Call.State.DECIDED:
        core.update(actor, call, {"state": Call.State.DECIDED}, allowed=["state"], reason=_("Selection run"))
    return selection


def _fill(selection: Selection, actor, result) -> None:
    selection.total_score = result.total_score
    selection.total_amount = result.total_amount
    selection.unit = result.unit
    selection.exact = result.exact
    selection.run_by = actor


@transaction.atomic
def override_entry(actor, entry: SelectionEntry, *, selected: bool, reason: str,
                   version: int | None = None) -> SelectionEntry:
    """Take an application in or out against the optimum; the reason is required and kept."""
    core.require_secretariat(actor)
    if entry.selection.published_at:
        raise ValidationError(_("This selection is published; run a new one to change it."))
    reason = (reason or "").strip()
    if bool(selected) != entry.optimal and not reason:
        raise ValidationError({"override_reason": _("Give the reason for going against the optimal selection.")})
    return core.update(actor, entry, {"selected": bool(selected), "override_reason": reason if
                                      bool(selected) != entry.optimal else ""},
                       allowed=["selected", "override_reason"], version=version, reason=reason or _("Override undone"))


@transaction.atomic
def publish_selection(actor, selection: Selection) -> list[Grant]:
    """The decision: grants for the selected, the others told; selected applications become public."""
    core.require_secretariat(actor)
    selection = core.lock(selection)
    call = selection.call
    if selection.published_at or call.state == Call.State.PUBLISHED:
        raise ValidationError(_("A decision for this call is already published."))
    if selection != call.selections.live().first():
        raise ValidationError(_("Only the latest selection run can be published."))
    entries = list(selection.entries.live().select_related("application"))
    awarded = sum((e.application.requested_amount or Decimal(0) for e in entries if e.selected), Decimal(0))
    if awarded > call.budget:
        raise ValidationError(_("The selected applications ask for %(awarded)s, more than the call's budget of "
                                "%(budget)s.") % {"awarded": awarded, "budget": call.budget})
    grants = []
    for entry in entries:
        application = core.lock(entry.application)
        application.state = Application.State.SELECTED if entry.selected else Application.State.NOT_SELECTED
        if entry.selected:
            application.visibility = Visibility.PUBLIC  # a funded project is public: title, lead, amount
        core.save(application, actor, _("Decision published"))
        if entry.selected:
            grant = core.create(actor, Grant, {"application": application, "amount": application.requested_amount,
                                               "visibility": Visibility.PUBLIC},
                                allowed=["application", "amount", "visibility"], reason=_("Granted"))
            grants.append(grant)
            grant_becomes_project(actor, grant)
    selection.published_at = timezone.now()
    selection.visibility = Visibility.PUBLIC
    core.save(selection, actor, _("Decision published"))
    core.update(actor, call, {"state": Call.State.PUBLISHED}, allowed=["state"], reason=_("Decision published"))
    return grants


def grant_becomes_project(actor, grant: Grant):
    """The funded application as a project of the portfolio, through the projects app's own write path.

    The fund says what it knows: title and summary, the lead (role "lead"), the partners, the
    fund's managing bodies (role "funder"), both sides, the amount and currency; the project
    starts as planned. The grant keeps the link.
    """
    from kenes.projects import services as projects

    data, roles = project_data(grant)
    project = projects.create_project(actor, roles=roles, reason=_("Funded by the joint fund"), **data)
    current = core.lock(grant)
    current.project = project
    core.save(current, actor, _("Became a project"))
    return project


def project_data(grant: Grant) -> tuple[dict, dict]:
    application = grant.application
    lead = application.lead_organization
    partners = list(application.partner_organizations.all())
    funders = list(application.call.fund.managing_organizations.live())
    organizations = list(dict.fromkeys([*([lead] if lead else []), *partners, *funders]))
    parties = {org.party for org in [*([lead] if lead else []), *partners] if org.party_id}
    roles = {**{org: "funder" for org in funders if org not in partners and org != lead},
             **({lead: "lead"} if lead else {})}
    languages = ("en", "ru", "kk", "uz")
    data = {f"name_{code}": getattr(application, f"title_{code}") for code in languages}
    data.update({f"description_{code}": getattr(application, f"summary_{code}") for code in languages})
    data.update(value=grant.amount, currency=application.call.currency, organizations=organizations,
                parties=list(parties), status="planned", sector=application.topics.first(),
                visibility=Visibility.PUBLIC)
    return data, roles


# --- grants ----------------------------------------------------------------------------------------

def record_disbursement(actor, grant: Grant, *, reason: str = "", **data) -> Disbursement:
    paid = grant.disbursements.live().aggregate(total=Sum("amount"))["total"] or Decimal(0)
    amount = data.get("amount") or Decimal(0)
    if paid + amount > grant.amount:
        raise ValidationError({"amount": _("Payments would exceed the grant of %(amount)s.") % {"amount": grant.amount}})
    return core.create(actor, Disbursement, {**data, "grant": grant}, allowed=DISBURSEMENT_FIELDS, reason=reason)


def record_report(actor, grant: Grant, *, reason: str = "", **data) -> GrantReport:
    return core.create(actor, GrantReport, {**data, "grant": grant}, allowed=REPORT_FIELDS, reason=reason)


@dataclass
class Money:
    label: str
    budget: Decimal | None
    committed: Decimal
    disbursed: Decimal

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.committed


def fund_money(fund: Fund, user=None) -> tuple[list[Money], list[Money]]:
    """Committed, disbursed and remaining money: per call (those ``user`` may see), and per side of the leads.

    The sums per side count every grant of the fund: totals name no application.
    """
    grants = Grant.objects.live().filter(application__call__fund=fund, application__call__deleted_at__isnull=True)
    calls = fund.calls.live() if user is None else Call.objects.visible_to(user).filter(fund=fund)
    per_call = []
    for call in calls.order_by("opens_at"):
        these = grants.filter(application__call=call)
        per_call.append(Money(str(call), call.budget, _sum(these, "amount"),
                              _sum(Disbursement.objects.live().filter(grant__in=these), "amount")))
    per_party = []
    for party_id in sorted(set(grants.values_list("application__lead_party", flat=True)), key=lambda p: p or 0):
        these = grants.filter(application__lead_party=party_id)
        label = str(these.first().application.lead_party or _("No party"))
        per_party.append(Money(label, None, _sum(these, "amount"),
                               _sum(Disbursement.objects.live().filter(grant__in=these), "amount")))
    return per_call, per_party


def _sum(queryset, field: str) -> Decimal:
    return queryset.aggregate(total=Sum(field))["total"] or Decimal(0)


# --- reading -------------------------------------------------------------------------------------

def applications_for(user):
    """What a user may open: the secretariat everything; an applicant their own; a reviewer those assigned;
    everyone what the visibility rule lets them read (funded applications become public when published)."""
    live = Application.objects.live()
    if is_secretariat(user):
        return live
    condition = Q(pk__in=Application.objects.visible_to(user).values("pk"))
    if getattr(user, "is_authenticated", False):
        condition |= Q(applicant=user)
        if user.person_id:
            condition |= Q(pk__in=ReviewAssignment.objects.live().filter(reviewer_id=user.person_id)
                           .values("application_id"))
    return live.filter(condition)


def may_see_applicant(user, application: Application) -> bool:
    """Blind review hides who applied from reviewers; the applicant and the secretariat always see it."""
    if is_secretariat(user) or (getattr(user, "is_authenticated", False) and application.applicant_id == user.pk):
        return True
    if application.visibility == Visibility.PUBLIC:
        return True
    return not application.call.blind_review


def assignments_of(user):
    if not getattr(user, "is_authenticated", False) or not user.person_id:
        return ReviewAssignment.objects.none()
    return (ReviewAssignment.objects.live().filter(reviewer_id=user.person_id, application__deleted_at__isnull=True)
            .select_related("application", "application__call"))


def published_decisions(user):
    """Grants whose decision is published: public to everyone."""
    return (Grant.objects.visible_to(user).filter(application__call__state=Call.State.PUBLISHED,
                                                  application__in=Application.objects.visible_to(user))
            .select_related("application", "application__call", "application__call__fund",
                            "application__lead_organization", "application__lead_party"))


def calls_for(user):
    """Calls by the visibility rule: a draft is kept from the public by making it restricted, not by its state."""
    return Call.objects.visible_to(user).select_related("fund")


def organizations_choice(user, keep=()):
    """The organisations an applicant may name: those ``user`` may see (a select must not list the names of
    internal or restricted ones), and those already on the application (``keep``), so editing loses none."""
    visible = Organization.objects.visible_to(user)
    if keep:
        visible = Organization.objects.live().filter(Q(pk__in=visible.values("pk")) | Q(pk__in=list(keep)))
    return visible.select_related("party")


def people_for(ids: Iterable[int]):
    return Person.objects.filter(pk__in=list(ids))
