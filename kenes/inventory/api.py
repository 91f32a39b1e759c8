"""Inventory endpoints: measures and their workflow, each side's status, merge, agreements, compliance.

Read for everyone (visibility applied; assessments other than published ones only for the
secretariat), write for the secretariat through the same services as the pages. A status
changes only through ``POST /measures/{id}/transition`` (the workflow decides), never by PATCH.
"""

from __future__ import annotations

from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import StringConstraints

from kenes.core import merging
from kenes.core.api_schemas import (
    RecordSchemas,
    StrictIn,
    Version,
    choice_filter,
    expected_version,
    linked_records,
)
from kenes.core.api_types import Id, Text, paginated
from kenes.core.pagecache import api_kept_until_changed
from kenes.directory.models import Organization, Party, Person
from kenes.inventory import services
from kenes.inventory.models import Agreement, Assessment, Measure, MeasureStatus, PartyStatus

router = Router(tags=["inventory"])

Code = Annotated[str, StringConstraints(max_length=40)]
Words = Annotated[str, StringConstraints(max_length=5000)]
Level = choice_filter(Measure, "level")
AgreementKind, AgreementStatus = choice_filter(Agreement, "kind"), choice_filter(Agreement, "status")
Grouping = Literal[services.COMPLIANCE_GROUPS]
LINKED = {"proposed_by_people": Person, "proposed_by_organizations": Organization}


def _visible_ids(name):
    # From the list's prefetched rows with the records' own rule (is_visible_to is visible_to's twin):
    # a query per measure and relation made the measures list 4x slower (benchmarks/load.py).
    return lambda measure, user: [record.pk for record in getattr(measure, name).all() if record.is_visible_to(user)]


def _sides(measure, user):
    return [{"party": row.party.code, "status": row.status.code, "evidence": row.evidence}
            for row in measure.party_statuses.all()]


MEASURES = RecordSchemas(
    Measure, fields=[name for name in services.MEASURE_FIELDS if name not in LINKED],
    extra_in={name: (list[Id], []) for name in LINKED},
    extra_out={**{name: (list[int], _visible_ids(name)) for name in LINKED},
               "status": (str, lambda measure, user: measure.status.code),
               "progress": (str, lambda measure, user: f"{measure.progress.normalize():f}"),
               "sides": (list[dict], _sides)},
)
# Read with the list, not one query per measure and relation.
FOREIGN_KEYS = [field.name for field in MEASURES.fields if field.many_to_one]
MANY = [field.name for field in MEASURES.fields if field.many_to_many]
AGREEMENTS = RecordSchemas(Agreement, fields=services.AGREEMENT_FIELDS)
ASSESSMENTS = RecordSchemas(Assessment, fields=services.ASSESSMENT_FIELDS, required=("measure", "party", "period"),
                            extra_out={"state": (str, lambda assessment, user: assessment.state)})


def _measure_data(user, data: dict) -> dict:
    return {**MEASURES.to_service(user, data), **linked_records(user, data, LINKED)}


def _measure(request, measure_id):
    return get_object_or_404(Measure.objects.visible_to(request.user), pk=measure_id)


@router.get("/measures", response=list[MEASURES.Out], summary="Measures (the inventory's filters)")
@decorate_view(api_kept_until_changed)
@paginated(sort=("title_en", "title_ru", "first_proposed_on", "weight"))
def list_measures(request, q: Text = "", topic: Text = "", status: Text = "", party: Text = "",
                  proposer: Id | None = None, level: Level = "", agreement: Id | None = None,
                  since: Text = "", until: Text = ""):
    filters = {"q": q, "topic": topic, "status": status, "party": party, "proposer": proposer, "level": level,
               "agreement": agreement, "since": since, "until": until}
    return services.search_measures(request.user, filters).select_related("status", *FOREIGN_KEYS).prefetch_related(
        *LINKED, *MANY, Prefetch("party_statuses", PartyStatus.objects.select_related("party", "status"))
    ).order_by("pk")


@router.get("/measures/{measure_id}", response=MEASURES.Out, summary="One measure")
def get_measure(request, measure_id: Id):
    return _measure(request, measure_id)


@router.post("/measures", response={201: MEASURES.Out}, summary="Create a measure (secretariat)")
def create_measure(request, payload: MEASURES.In):
    return Status(201, services.create_measure(request.user, **_measure_data(request.user, payload.model_dump())))


@router.patch("/measures/{measure_id}", response=MEASURES.Out,
              summary="Change a measure (secretariat; 409 if it changed since your version)")
def update_measure(request, measure_id: Id, payload: MEASURES.Patch):
    measure = _measure(request, measure_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_measure(request.user, measure, version=expected_version(request, data),
                                   **_measure_data(request.user, data))


class TransitionIn(StrictIn):
    status: Code
    reason: Words
    evidence: Words = ""
    version: Version | None = None


@router.post("/measures/{measure_id}/transition", response=MEASURES.Out,
             summary="Move a measure's status along the workflow (secretariat; refused moves name the allowed ones)")
def transition(request, measure_id: Id, payload: TransitionIn):
    measure = _measure(request, measure_id)
    return services.transition(request.user, measure, payload.status, reason=payload.reason,
                               evidence=payload.evidence, version=payload.version)


class SideStatusIn(StrictIn):
    party: Code
    status: Code
    reason: Words
    evidence: Words = ""


@router.post("/measures/{measure_id}/side-status", response=MEASURES.Out,
             summary="Set one side's own status on a measure (secretariat)")
def side_status(request, measure_id: Id, payload: SideStatusIn):
    measure = _measure(request, measure_id)
    party = Party.objects.filter(code=payload.party.upper()).first()
    if party is None:
        raise ValidationError({"party": _("No party with the code %(code)s.") % {"code": payload.party}})
    services.set_party_status(request.user, measure, party, payload.status, reason=payload.reason,
                              evidence=payload.evidence)
    return Measure.objects.get(pk=measure.pk)


class MergeIn(StrictIn):
    duplicate_id: Id
    reason: Words = ""


@router.post("/measures/{measure_id}/merge", response=MEASURES.Out,
             summary="Merge a duplicate measure into this one (secretariat; undo from the measure's page)")
def merge_measure(request, measure_id: Id, payload: MergeIn):
    kept = _measure(request, measure_id)
    duplicate = get_object_or_404(Measure.objects.visible_to(request.user), pk=payload.duplicate_id)
    merging.merge(request.user, kept, duplicate, reason=payload.reason)
    return Measure.objects.get(pk=kept.pk)


class StatusOut(Schema):
    code: str
    name: str
    is_initial: bool
    is_done: bool
    is_closed: bool
    next: list[str]


@router.get("/measure-statuses", response=list[StatusOut], summary="The measures' workflow: statuses and moves")
def statuses(request):
    return [{"code": status.code, "name": status.name, "is_initial": status.is_initial, "is_done": status.is_done,
             "is_closed": status.is_closed, "next": list(status.allowed_next().values_list("code", flat=True))}
            for status in MeasureStatus.objects.all()]


# --- agreements ---------------------------------------------------------------------------------

@router.get("/agreements", response=list[AGREEMENTS.Out], summary="Agreements and programmes")
@paginated(sort=("title_en", "title_ru", "signed_on"))
def list_agreements(request, q: Text = "", kind: AgreementKind = "", status: AgreementStatus = ""):
    return services.search_agreements(request.user, q, kind=kind, status=status).order_by("pk")


@router.get("/agreements/{agreement_id}", response=AGREEMENTS.Out, summary="One agreement")
def get_agreement(request, agreement_id: Id):
    return get_object_or_404(Agreement.objects.visible_to(request.user), pk=agreement_id)


@router.post("/agreements", response={201: AGREEMENTS.Out}, summary="Create an agreement (secretariat)")
def create_agreement(request, payload: AGREEMENTS.In):
    data = AGREEMENTS.to_service(request.user, payload.model_dump())
    return Status(201, services.create_agreement(request.user, **data))


@router.patch("/agreements/{agreement_id}", response=AGREEMENTS.Out,
              summary="Change an agreement (secretariat; 409 if it changed since your version)")
def update_agreement(request, agreement_id: Id, payload: AGREEMENTS.Patch):
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=agreement_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_agreement(request.user, agreement, version=expected_version(request, data),
                                     **AGREEMENTS.to_service(request.user, data))


# --- compliance -------------------------------------------------------------------------------------

@router.get("/assessments", response=list[ASSESSMENTS.Out], summary="Compliance assessments")
@paginated(sort=("period", "score"))
def list_assessments(request, measure: Id | None = None, party: Text = "", period: Text = ""):
    filters = {}
    if measure is not None:
        # Asking for a hidden measure's assessments answers nothing, not what belongs to it.
        filters["measure_id"] = measure
        filters["measure__in"] = Measure.objects.visible_to(request.user)
    if party:
        filters["party__code"] = party.upper()
    if period:
        filters["period"] = period
    return services.visible_assessments(request.user, **filters).order_by("pk")


@router.get("/assessments/{assessment_id}", response=ASSESSMENTS.Out, summary="One compliance assessment")
def get_assessment(request, assessment_id: Id):
    return get_object_or_404(services.visible_assessments(request.user), pk=assessment_id)


@router.post("/assessments", response={201: ASSESSMENTS.Out}, summary="Assess a party's compliance (secretariat)")
def create_assessment(request, payload: ASSESSMENTS.In):
    data = ASSESSMENTS.to_service(request.user, payload.model_dump())
    return Status(201, services.create_assessment(request.user, **data))


class StateIn(StrictIn):
    state: Code
    version: Version | None = None


@router.post("/assessments/{assessment_id}/state", response=ASSESSMENTS.Out,
             summary="Draft → reviewed → published (secretariat)")
def move_assessment(request, assessment_id: Id, payload: StateIn):
    assessment = get_object_or_404(Assessment.objects.visible_to(request.user), pk=assessment_id)
    return services.move_assessment(request.user, assessment, payload.state, version=payload.version)


class RateOut(Schema):
    group: str
    party: str | None
    count: int
    mean: str
    percent: str


@router.get("/compliance", response=list[RateOut], summary="Compliance rates from published assessments")
def compliance(request, by: Grouping = "party"):
    table = services.compliance_rates(request.user, by=by)
    rows = []
    for group, cells, overall in table["rows"]:
        for party, rate in [*cells.items(), (None, overall)]:
            rows.append({"group": group, "party": party, "count": rate.count, "mean": str(rate.mean),
                         "percent": str(rate.percent)})
    return rows
