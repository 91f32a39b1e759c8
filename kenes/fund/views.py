"""The fund's pages. Thin: what a user may see comes from the services, writes go through them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenes.core.services import Conflict
from kenes.core.views import (
    handle_record_form,
    record_form_page,
    record_page_context,
    require_secretariat,
)
from kenes.core.visibility import visible_many, visible_related
from kenes.directory.models import Person
from kenes.fund import services
from kenes.fund.forms import (
    ApplicationForm,
    AttachmentForm,
    CallForm,
    ConflictForm,
    CriterionForm,
    DisbursementForm,
    FundForm,
    GrantReportForm,
    ReviewForm,
    SelectionForm,
)
from kenes.fund.lists import APPLICATION_COLUMNS, DECISION_COLUMNS, REVIEW_COLUMNS
from kenes.fund.models import (
    Application,
    Call,
    Fund,
    Grant,
    Review,
    ReviewAssignment,
    Selection,
    SelectionEntry,
)
from kenes.web.lists import Listing


def _errors(request, problem: ValidationError) -> None:
    for message in problem.messages:
        messages.error(request, message)


def _visible(request, model, pk):
    record = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    return record


def _call(request, pk) -> Call:
    return get_object_or_404(services.calls_for(request.user), pk=pk)


# --- funds and calls -------------------------------------------------------------------------------

def home(request):
    funds = Fund.objects.visible_to(request.user)
    calls = services.calls_for(request.user)
    return render(request, "fund/home.html", {
        "funds": funds, "calls": calls, "is_secretariat": services.is_secretariat(request.user),
        "my_applications": (services.applications_for(request.user).filter(applicant=request.user)
                            if request.user.is_authenticated else []),
    })


def fund_detail(request, pk):
    fund = _visible(request, Fund, pk)
    per_call, per_party = services.fund_money(fund, request.user)
    return render(request, "fund/fund_detail.html", {
        "fund": fund, "per_call": per_call, "per_party": per_party,
        "calls": services.calls_for(request.user).filter(fund=fund),
        "managers": visible_many(fund.managing_organizations.all(), request.user),
        **record_page_context(request, fund),
    })


@login_required
def fund_create(request):
    return record_form_page(request, None, FundForm, "fund/form.html", create=services.create_fund,
                            update=services.update_fund, extra_context={"heading": _("New fund")})


@login_required
def fund_edit(request, pk):
    fund = get_object_or_404(Fund.objects.live(), pk=pk)
    return record_form_page(request, fund, FundForm, "fund/form.html", create=services.create_fund,
                            update=services.update_fund, extra_context={"heading": _("Edit fund")})


def call_detail(request, pk):
    call = _call(request, pk)
    is_secretariat = services.is_secretariat(request.user)
    context = {
        "call": call, "criteria": call.criteria.visible_to(request.user), "is_secretariat": is_secretariat,
        "lead_parties": call.allowed_lead_parties.all(), "topics": call.topics.all(),
        "fund": visible_related(call.fund, request.user),
        "accepts": call.accepts_applications(),
        "next_states": [(state, Call.State(state).label) for state in sorted(services.CALL_STEPS.get(call.state, ()))]
        if is_secretariat else [],
        "my_applications": (call.applications.live().filter(applicant=request.user)
                            if request.user.is_authenticated else []),
        **record_page_context(request, call),
    }
    return render(request, "fund/call_detail.html", context)


@login_required
def call_create(request):
    require_secretariat(request)
    initial = {"fund": request.GET.get("fund")} if request.GET.get("fund", "").isdigit() else None
    return record_form_page(request, None, CallForm, "fund/form.html", create=services.create_call,
                            update=services.update_call, initial=initial,
                            extra_context={"heading": _("New call for proposals")})


@login_required
def call_edit(request, pk):
    call = get_object_or_404(Call.objects.live(), pk=pk)
    return record_form_page(request, call, CallForm, "fund/form.html", create=services.create_call,
                            update=services.update_call, extra_context={"heading": _("Edit call")})


@login_required
@require_POST
def call_state(request, pk):
    require_secretariat(request)
    call = get_object_or_404(Call.objects.live(), pk=pk)
    try:
        services.set_call_state(request.user, call, request.POST.get("state", ""),
                                version=request.POST.get("version") or None)
    except Conflict as conflict:
        messages.error(request, conflict.message)
    except ValidationError as problem:
        _errors(request, problem)
    return redirect(call)


@login_required
def criterion_create(request, pk):
    require_secretariat(request)
    call = get_object_or_404(Call.objects.live(), pk=pk)
    form = CriterionForm(request.POST or None)
    saved = handle_record_form(request, form, record=None, check_duplicates=False,
                               create=services.create_criterion, update=services.update_criterion,
                               extra=lambda form: {"call": call})
    if saved:
        return redirect(call)
    return render(request, "fund/form.html", {"form": form, "heading": _("New criterion"), "cancel_url": call.get_absolute_url()})


# --- applications ------------------------------------------------------------------------------------

def _application(request, pk) -> Application:
    application = services.applications_for(request.user).filter(pk=pk).first()
    if application is None:
        raise Http404
    return application


@login_required
def application_create(request, pk):
    call = _call(request, pk)
    form = ApplicationForm(request.POST or None, user=request.user)
    saved = handle_record_form(request, form, record=None, check_duplicates=False,
                               create=services.create_application, update=services.update_application,
                               extra=lambda form: {"call": call})
    if saved:
        return redirect(saved)
    return render(request, "fund/application_form.html", {"form": form, "call": call, "record": None})


@login_required
def application_edit(request, pk):
    application = _application(request, pk)
    if not (services.is_secretariat(request.user) or application.applicant_id == request.user.pk):
        raise PermissionDenied(_("Only the applicant or the secretariat can change this application."))
    form = ApplicationForm(request.POST or None, instance=application, user=request.user)
    saved = handle_record_form(request, form, record=application, create=services.create_application,
                               update=services.update_application)
    if saved:
        return redirect(saved)
    return render(request, "fund/application_form.html", {"form": form, "call": application.call,
                                                          "record": application})


def _readable_attachments(user, application: Application, owner_or_secretariat: bool):
    """The applicant and the secretariat read every attachment; an assigned reviewer too (reviewing means
    reading them); anyone else what the visibility rule lets them read."""
    assigned = bool(getattr(user, "person_id", None)) and application.assignments.live().filter(
        reviewer_id=user.person_id).exists()
    if owner_or_secretariat or assigned:
        return application.attachments.live()
    return application.attachments.visible_to(user)


def attachment_download(request, pk, attachment_pk):
    """One attachment's file, to those who may read it (404 to anyone else, as for the application)."""
    application = _application(request, pk)
    is_owner = request.user.is_authenticated and application.applicant_id == request.user.pk
    attachments = _readable_attachments(request.user, application, is_owner or services.is_secretariat(request.user))
    attachment = attachments.filter(pk=attachment_pk).first()
    if attachment is None or not attachment.file:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except OSError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1])


def application_detail(request, pk):
    application = _application(request, pk)
    user = request.user
    is_owner = user.is_authenticated and application.applicant_id == user.pk
    is_secretariat = services.is_secretariat(user)
    grant = Grant.objects.visible_to(user).filter(application=application).first()
    context = {
        "application": application, "call": visible_related(application.call, user), "is_owner": is_owner,
        "is_secretariat": is_secretariat, "show_applicant": services.may_see_applicant(user, application),
        "lead": visible_related(application.lead_organization, user) if services.may_see_applicant(user, application)
        else None,
        "partners": (visible_many(application.partner_organizations.all(), user)
                     if services.may_see_applicant(user, application) else []),
        "problems": services.eligibility_problems(application) if (is_owner or is_secretariat) else [],
        "attachments": _readable_attachments(user, application, is_owner or is_secretariat),
        "attachment_form": AttachmentForm() if is_owner or is_secretariat else None,
        "reviewers": [person for a in application.assignments.live().select_related("reviewer")
                      if (person := visible_related(a.reviewer, user))] if is_secretariat else [],
        "grant": grant, "currency": application.call.currency,
        "project": visible_related(grant.project, user) if grant else None,
        "disbursements": grant.disbursements.visible_to(user) if grant else [],
        "reports": grant.reports.visible_to(user) if grant else [],
        "disbursement_form": DisbursementForm() if grant and is_secretariat else None,
        "report_form": GrantReportForm() if grant and is_secretariat else None,
        **record_page_context(request, application),
    }
    return render(request, "fund/application_detail.html", context)


@login_required
@require_POST
def application_submit(request, pk):
    application = _application(request, pk)
    try:
        services.submit_application(request.user, application, version=request.POST.get("version") or None)
        messages.success(request, _("Your application was submitted."))
    except Conflict as conflict:
        messages.error(request, conflict.message)
    except ValidationError as problem:
        _errors(request, problem)
    return redirect(application)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _application(request, pk)
    try:
        services.withdraw_application(request.user, application, version=request.POST.get("version") or None)
        messages.success(request, _("The application was withdrawn."))
    except (Conflict, ValidationError) as problem:
        messages.error(request, getattr(problem, "message", None) or " ".join(problem.messages))
    return redirect(application)


@login_required
@require_POST
def attachment_add(request, pk):
    application = _application(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(request.user, application, form.cleaned_data["file"],
                                    title=form.cleaned_data["title"])
            messages.success(request, _("The file was attached."))
        except ValidationError as problem:
            _errors(request, problem)
    else:
        messages.error(request, _("Choose a file to attach."))
    return redirect(application)


@login_required
def call_applications(request, pk):
    require_secretariat(request)
    call = get_object_or_404(Call.objects.live(), pk=pk)
    listing = Listing(request, call.applications.live().select_related("lead_organization", "lead_party"),
                      APPLICATION_COLUMNS, name=f"applications-call-{call.pk}", title=_("Applications"),
                      default_sort="number")
    if response := listing.download():
        return response
    return render(request, "fund/call_applications.html", {"call": call, "listing": listing, "page": listing.page})


@login_required
def call_reviews(request, pk):
    require_secretariat(request)
    call = get_object_or_404(Call.objects.live(), pk=pk)
    reviews = (Review.objects.live().filter(assignment__application__call=call, assignment__deleted_at__isnull=True)
               .select_related("assignment__application", "assignment__reviewer").prefetch_related("scores__criterion"))
    listing = Listing(request, reviews, REVIEW_COLUMNS, name=f"reviews-call-{call.pk}", title=_("Reviews"),
                      default_sort="application")
    if response := listing.download():
        return response
    return render(request, "fund/call_reviews.html", {"call": call, "listing": listing, "page": listing.page})


@login_required
@require_POST
def grant_record(request, pk, kind):
    """A payment or a report on a grant (secretariat), through the fund's write path."""
    require_secretariat(request)
    grant = get_object_or_404(Grant.objects.live(), pk=pk)
    form = (DisbursementForm if kind == "disbursement" else GrantReportForm)(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(grant.application)
    record = services.record_disbursement if kind == "disbursement" else services.record_report
    try:
        record(request.user, grant, visibility=grant.visibility, **form.cleaned_data)
        messages.success(request, _("Recorded."))
    except ValidationError as problem:
        _errors(request, problem)
    return redirect(grant.application)


# --- review ----------------------------------------------------------------------------------------------

@login_required
def assign(request, pk):
    require_secretariat(request)
    application = get_object_or_404(Application.objects.live(), pk=pk)
    if request.method == "POST":
        try:
            if request.POST.get("remove"):
                assignment = get_object_or_404(application.assignments.live(), pk=request.POST["remove"])
                services.unassign_reviewer(request.user, assignment)
            else:
                person = _chosen_reviewer(request.POST.get("person", ""))
                services.assign_reviewer(request.user, application, person)
                messages.success(request, _("%(person)s will review this application.") % {"person": person})
        except ValidationError as problem:
            _errors(request, problem)
        return redirect("fund:assign", application.pk)
    assignments = application.assignments.live().filter(reviewer__in=Person.objects.live()).select_related(
        "reviewer", "reviewer__party")
    return render(request, "fund/assign.html", {
        "application": application, "call": application.call, "assignments": assignments,
        "suggestions": services.suggest_reviewers(application),
        "missing": max(0, application.call.reviewers_per_application - len(assignments)),
        "parties": sorted({a.reviewer.party.code for a in assignments if a.reviewer.party_id}),
    })


def _chosen_reviewer(value: str):
    """The person a form names as reviewer; none or an unknown one is a clear error, not a 404 or a 500."""
    person = services.people_for([int(value)]).first() if value.isdigit() and len(value) < 19 else None
    if person is None:
        raise ValidationError(_("Choose a reviewer from the list."))
    return person


@login_required
def my_assignments(request):
    assignments = services.assignments_of(request.user)
    rows = []
    for assignment in assignments:
        review = Review.objects.filter(assignment=assignment).first()
        rows.append({"assignment": assignment, "review": review,
                     "blocked": services.conflicts(assignment.application, assignment.reviewer),
                     "show_applicant": services.may_see_applicant(request.user, assignment.application)})
    return render(request, "fund/my_assignments.html", {"rows": rows})


@login_required
def review(request, pk):
    assignment = get_object_or_404(ReviewAssignment.objects.live(), pk=pk)
    is_reviewer = request.user.is_authenticated and request.user.person_id == assignment.reviewer_id
    if not (is_reviewer or assignment.is_visible_to(request.user)):
        raise PermissionDenied(_("You are not assigned to review this application."))
    application, call = assignment.application, assignment.application.call
    current = Review.objects.filter(assignment=assignment).first()
    blocked = services.conflicts(application, assignment.reviewer)
    form = ReviewForm(request.POST or None, criteria=call.criteria.live(), review=current)
    if request.method == "POST" and is_reviewer and form.is_valid():
        try:
            services.save_review(request.user, assignment, scores=form.scores(), comment=form.cleaned_data["comment"],
                                 submit=bool(request.POST.get("submit")), version=form.cleaned_data.get("version"))
            messages.success(request, _("Review submitted. Thank you.") if request.POST.get("submit")
                             else _("Review saved; you can come back to it."))
            return redirect("fund:review", assignment.pk)
        except Conflict as conflict:
            form.add_error(None, conflict.message)
        except PermissionDenied as refused:
            form.add_error(None, str(refused))
        except ValidationError as problem:
            for field, errors in (problem.error_dict.items() if hasattr(problem, "error_dict") else [(None, problem)]):
                form.add_error(field if field in form.fields else None, errors)
    if not is_reviewer and not services.applications_for(request.user).filter(pk=application.pk).exists():
        application = None  # the assignment may be read, not the application it is about
    if not (is_reviewer or services.is_secretariat(request.user)):
        blocked = []  # the reasons name organisations and roles: for the reviewer and the secretariat
    scores = []
    if current is not None:
        shown = current.scores.live() if is_reviewer else current.scores.visible_to(request.user)
        scores = [(score, criterion) for score in shown.select_related("criterion")
                  if (criterion := visible_related(score.criterion, request.user))]
    return render(request, "fund/review.html", {
        "assignment": assignment, "application": application, "call": visible_related(call, request.user),
        "review": current if current is None or is_reviewer or current.is_visible_to(request.user) else None,
        "form": form,
        "blocked": blocked, "is_reviewer": is_reviewer, "conflict_form": ConflictForm(),
        "show_applicant": application is not None and services.may_see_applicant(request.user, application),
        "lead": visible_related(application.lead_organization, request.user) if application else None,
        "partners": visible_many(application.partner_organizations.all(), request.user) if application else [],
        "reviewer": visible_related(assignment.reviewer, request.user), "scores": scores,
    })


@login_required
@require_POST
def declare_conflict(request, pk):
    assignment = get_object_or_404(ReviewAssignment.objects.live(), pk=pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.declare_conflict(request.user, assignment.application, assignment.reviewer,
                                      form.cleaned_data["reason"])
            messages.success(request, _("Your conflict of interest is recorded; the secretariat will assign someone else."))
        except ValidationError as problem:
            _errors(request, problem)
    return redirect("fund:review", assignment.pk)


# --- ranking and selection ----------------------------------------------------------------------------------

@login_required
def ranking(request, pk):
    require_secretariat(request)
    call = get_object_or_404(Call.objects.live(), pk=pk)
    return render(request, "fund/ranking.html", {"call": call, "rows": services.ranking(call)})


@login_required
def selection(request, pk):
    require_secretariat(request)
    call = get_object_or_404(Call.objects.live(), pk=pk)
    form = SelectionForm(request.POST or None, initial={"budget": call.budget, "minimum_score": call.minimum_score,
                                                        "balance": 0})
    if request.method == "POST" and form.is_valid():
        try:
            services.run_selection(request.user, call, budget=form.cleaned_data["budget"],
                                   minimum_score=form.cleaned_data["minimum_score"],
                                   balance=form.cleaned_data["balance"])
            return redirect("fund:selection", call.pk)
        except ValidationError as problem:
            form.add_error(None, problem)
    latest = call.selections.live().first()
    entries = latest.entries.live().filter(application__deleted_at__isnull=True).select_related("application", "application__lead_organization",
                                                    "application__lead_party") if latest else []
    return render(request, "fund/selection.html", {
        "call": call, "form": form, "selection": latest, "entries": entries,
        "awarded": sum((e.application.requested_amount for e in entries if e.selected), 0) if latest else 0,
    })


@login_required
@require_POST
def override(request, pk):
    require_secretariat(request)
    entry = get_object_or_404(SelectionEntry.objects.live(), pk=pk)
    try:
        services.override_entry(request.user, entry, selected=request.POST.get("selected") == "1",
                                reason=request.POST.get("reason", ""), version=request.POST.get("version") or None)
        messages.success(request, _("The decision for this application was changed; the reason is kept."))
    except Conflict as conflict:
        messages.error(request, conflict.message)
    except ValidationError as problem:
        _errors(request, problem)
    return redirect("fund:selection", entry.selection.call_id)


@login_required
@require_POST
def publish(request, pk):
    require_secretariat(request)
    chosen = get_object_or_404(Selection.objects.live(), pk=pk)
    try:
        grants = services.publish_selection(request.user, chosen)
        messages.success(request, _("The decision is published: %(count)s grants.") % {"count": len(grants)})
    except ValidationError as problem:
        _errors(request, problem)
    return redirect("fund:selection", chosen.call_id)


# --- public -------------------------------------------------------------------------------------------------

def decisions(request):
    listing = Listing(request, services.published_decisions(request.user), DECISION_COLUMNS, name="fund-decisions",
                      title=_("Decisions of the joint fund"), default_sort="call")
    if response := listing.download():
        return response
    return render(request, "fund/decisions.html", {"listing": listing, "page": listing.page})


# --- one part on its own ------------------------------------------------------------------------------------

PARTS = ("callcriterion", "applicationattachment", "reviewassignment", "conflictdeclaration", "review", "score",
         "selection", "selectionentry", "grant", "disbursement", "grantreport")


def part_detail(request, kind, pk):
    """A part of the workflow with its fields; related records only when the reader may see them."""
    from django.apps import apps

    if kind not in PARTS:
        raise Http404
    model = apps.get_model("fund", kind)
    record = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    rows = []
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if not field.editable or field.primary_key or field.name in ("visibility",):
            continue
        if field.many_to_many:
            value = list(visible_many(getattr(record, field.name).all(), request.user))
        elif field.is_relation:
            value = visible_related(getattr(record, field.name), request.user)
        elif field.choices:
            value = getattr(record, f"get_{field.name}_display")()
        else:
            value = getattr(record, field.name)
        rows.append({"label": field.verbose_name, "value": value, "many": field.many_to_many})
    return render(request, "fund/part_detail.html", {"record": record, "kind": model._meta.verbose_name,
                                                     "rows": rows, **record_page_context(request, record)})
