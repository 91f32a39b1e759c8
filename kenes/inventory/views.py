"""Inventory pages: measures, agreements, compliance. Thin: read with visibility applied, write through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kenes.core import services as core
from kenes.core.models import Topic
from kenes.core.pagecache import kept_until_changed
from kenes.core.views import (
    record_form_page,
    record_or_redirect,
    record_page_context,
    require_secretariat,
)
from kenes.core.visibility import visible_many, visible_related
from kenes.directory.models import Party, Person
from kenes.inventory import services
from kenes.inventory.forms import (
    AgreementForm,
    AssessmentForm,
    MeasureForm,
    TransitionForm,
    offered_statuses,
)
from kenes.inventory.lists import AGREEMENT_COLUMNS, MEASURE_COLUMNS, measure_rows
from kenes.inventory.models import Agreement, Assessment, Measure, MeasureStatus
from kenes.web.lists import Listing, list_response


@kept_until_changed
def measure_list(request):
    filters = {key: request.GET.get(key, "").strip()[:200] for key in services.MEASURE_FILTERS}
    listing = Listing(request, services.search_measures(request.user, filters), MEASURE_COLUMNS, name="measures",
                      title=_("Measures"), default_sort="-updated_at",
                      download_related=("topics", "party_statuses__party", "party_statuses__status",
                                        "proposed_by_people", "proposed_by_organizations", "proposed_by_parties"))
    if response := listing.download():
        return response
    statuses, parties = list(MeasureStatus.objects.all()), list(Party.objects.all())
    context = {
        "listing": listing, "page": listing.page, "filters": filters,
        "rows": measure_rows(listing, statuses, parties),
        "topics": Topic.objects.all(), "statuses": statuses, "parties": parties,
        "levels": Measure.Level.choices,
        "agreements": _agreement_choices(request.user, filters["agreement"]),
        "proposer": visible_related(Person.objects.filter(pk=services.whole_id(filters["proposer"]) or 0).first(),
                                    request.user),
        "filtered": any(filters.values()),
    }
    return list_response(request, "inventory/_measure_rows.html", "inventory/measure_list.html", context)


AGREEMENT_CHOICES = 100


def _agreement_choices(user, selected: str) -> list:
    """The agreement filter's options: the latest agreements that have provisions (a select of thousands
    helps nobody and costs every page), and the one chosen even when it is older."""
    titles = ("pk", "title_en", "title_ru", "title_kk", "title_uz", "signed_on")
    visible = Agreement.objects.visible_to(user).only(*titles)
    with_provisions = Exists(Measure.objects.filter(agreement_id=OuterRef("pk"), deleted_at__isnull=True))
    choices = list(visible.filter(with_provisions).order_by("-signed_on", "-pk")[:AGREEMENT_CHOICES])
    chosen = services.whole_id(selected)
    if chosen and all(agreement.pk != chosen for agreement in choices):
        choices += list(visible.filter(pk=chosen))
    # (value, label) pairs made here: a hundred options through the template's filters cost the page 5 ms.
    return [(str(agreement.pk), _shortened(str(agreement.title), 60)) for agreement in choices]


def _shortened(text: str, length: int) -> str:
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


@kept_until_changed
def measure_detail(request, pk):
    measure, moved = record_or_redirect(request, Measure, pk, related=("status", "agreement"))
    if moved:
        return moved
    user = request.user
    present = services.page_sources(measure)
    parts = services.parts_of(measure, present)
    # The status forms are the secretariat's: nobody else's page reads the workflow.
    statuses, allowed = offered_statuses(measure.status) if getattr(user, "is_secretariat", False) else ([], [])
    visible_parts = [_shown(part, user) for part in parts if visible_related(part.record, user) is not None]
    context = {
        "measure": measure,
        "parts": visible_parts,
        "hidden_parts": len(parts) - len(visible_parts),
        "agreement": visible_related(measure.agreement, user),
        "parent": visible_related(measure.parent, user),
        "replaces": visible_related(measure.replaces, user),
        # Asked of the visible measures directly: a "pk in (every visible measure)" subquery is a table scan.
        "replaced_by": services.REPLACED_BY.read(user, measure) if services.REPLACED_BY in present else [],
        "people": visible_many(measure.proposed_by_people.all(), user),
        "organizations": visible_many(measure.proposed_by_organizations.all(), user),
        "sides": measure.party_statuses.select_related("party", "status"),
        "timeline": services.timeline(user, measure, present),
        "linked": services.linked_records(user, measure, present),
        "transition_form": TransitionForm(current=measure.status, offered=allowed, initial={"version": measure.version}),
        "can_move": bool(allowed),
        # A prefix of its own: two forms, one page, unique ids.
        "side_form": TransitionForm(prefix="side", offered=statuses),
        "parties": Party.objects.all(),
        **record_page_context(request, measure),
    }
    return render(request, "inventory/measure_detail.html", context)


def _shown(part, user):
    """The part as ``user`` may see it: a label naming a hidden record (a work item's plan) is made neutral."""
    from dataclasses import replace

    if all(visible_related(record, user) is not None for record in part.named):
        return part
    return replace(part, label=_("Work item"))


@login_required
def measure_create(request):
    return record_form_page(request, None, MeasureForm, "inventory/measure_form.html",
                            create=services.create_measure, update=services.update_measure,
                            initial=_initial_agreement(request))


def _initial_agreement(request) -> dict:
    value = request.GET.get("agreement", "")
    if value.isdigit() and len(value) < 19 and Agreement.objects.live().filter(pk=value).exists():
        return {"agreement": int(value), "kind": Measure.Kind.PROVISION}
    return {}


@login_required
def measure_edit(request, pk):
    require_secretariat(request)
    return record_form_page(request, get_object_or_404(Measure.objects.live(), pk=pk), MeasureForm,
                            "inventory/measure_form.html", create=services.create_measure,
                            update=services.update_measure)


def _refusal(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


@login_required
@require_POST
def measure_transition(request, pk):
    require_secretariat(request)
    measure = get_object_or_404(Measure.objects.live(), pk=pk)
    # Any status is accepted here: the service refuses a move the workflow does not allow, naming those it does.
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect(measure)
    try:
        services.transition(request.user, measure, form.cleaned_data["status"], reason=form.cleaned_data["reason"],
                            evidence=form.cleaned_data["evidence"], version=form.cleaned_data["version"])
    except core.Conflict as conflict:
        messages.error(request, conflict.message)
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Status changed to “%(status)s”.") % {"status": form.cleaned_data["status"].name})
    return redirect(measure)


@login_required
@require_POST
def measure_side_status(request, pk):
    require_secretariat(request)
    measure = get_object_or_404(Measure.objects.live(), pk=pk)
    party = Party.objects.filter(code=request.POST.get("party", "")).first()
    form = TransitionForm(request.POST, prefix="side")
    if party is None or not form.is_valid():
        messages.error(request, _("Choose the side and the new status, and say why."))
        return redirect(measure)
    try:
        services.set_party_status(request.user, measure, party, form.cleaned_data["status"],
                                  reason=form.cleaned_data["reason"], evidence=form.cleaned_data["evidence"])
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("%(party)s: status changed to “%(status)s”.")
                         % {"party": party.name, "status": form.cleaned_data["status"].name})
    return redirect(measure)


# --- assessments ------------------------------------------------------------------------------

@login_required
def assessment_create(request, pk):
    require_secretariat(request)
    measure = get_object_or_404(Measure.objects.live(), pk=pk)

    def create(actor, **data):
        return services.create_assessment(actor, measure=measure, **data)

    return record_form_page(request, None, AssessmentForm, "inventory/assessment_form.html", create=create,
                            update=services.update_assessment, extra_context={"measure": measure})


@login_required
def assessment_edit(request, pk):
    require_secretariat(request)
    assessment = get_object_or_404(Assessment.objects.live(), pk=pk)
    return record_form_page(request, assessment, AssessmentForm, "inventory/assessment_form.html",
                            create=services.create_assessment, update=services.update_assessment,
                            extra_context={"measure": assessment.measure})


def assessment_detail(request, pk):
    assessment = get_object_or_404(services.visible_assessments(request.user), pk=pk)
    context = {"assessment": assessment, "measure": visible_related(assessment.measure, request.user),
               "moves": services.ASSESSMENT_MOVES.get(assessment.state, []),
               "states": dict(Assessment.State.choices), **record_page_context(request, assessment)}
    return render(request, "inventory/assessment_detail.html", context)


@login_required
@require_POST
def assessment_move(request, pk):
    require_secretariat(request)
    assessment = get_object_or_404(Assessment.objects.live(), pk=pk)
    try:
        services.move_assessment(request.user, assessment, request.POST.get("state", ""),
                                 version=request.POST.get("version") or None)
    except core.Conflict as conflict:
        messages.error(request, conflict.message)
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Assessment updated."))
    return redirect(assessment)


def compliance(request):
    by = request.GET.get("by", "party")
    table = services.compliance_rates(request.user, by=by)
    return render(request, "inventory/compliance.html", {
        "table": table, "chart_height": 24 * max(len(table["rows"]), 1), "groups": [(key, _group_label(key)) for key in services.COMPLIANCE_GROUPS],
    })


def _group_label(key: str) -> str:
    return {"party": _("Party"), "period": _("Year"), "topic": _("Topic"), "level": _("Level")}[key]


# --- agreements ---------------------------------------------------------------------------------

def agreement_list(request):
    filters = {key: request.GET.get(key, "").strip()[:200] for key in ("q", "kind", "agreement_status")}
    agreements = services.search_agreements(request.user, filters["q"], kind=filters["kind"],
                                            status=filters["agreement_status"]).prefetch_related("parties")
    listing = Listing(request, agreements, AGREEMENT_COLUMNS, name="agreements", title=_("Agreements"))
    if response := listing.download():
        return response
    context = {"listing": listing, "page": listing.page, "filters": filters, "kinds": Agreement.Kind.choices,
               "statuses": Agreement.Status.choices}
    return list_response(request, "inventory/_agreement_rows.html", "inventory/agreement_list.html", context)


def agreement_detail(request, pk):
    agreement, moved = record_or_redirect(request, Agreement, pk)
    if moved:
        return moved
    provisions = (Measure.objects.visible_to(request.user).filter(agreement=agreement)
                  .select_related("status").prefetch_related("party_statuses__party", "party_statuses__status")
                  .order_by("provision", "pk"))
    context = {"agreement": agreement, "provisions": provisions, **record_page_context(request, agreement)}
    return render(request, "inventory/agreement_detail.html", context)


@login_required
def agreement_create(request):
    return record_form_page(request, None, AgreementForm, "inventory/agreement_form.html",
                            create=services.create_agreement, update=services.update_agreement)


@login_required
def agreement_edit(request, pk):
    require_secretariat(request)
    return record_form_page(request, get_object_or_404(Agreement.objects.live(), pk=pk), AgreementForm,
                            "inventory/agreement_form.html", create=services.create_agreement,
                            update=services.update_agreement)
