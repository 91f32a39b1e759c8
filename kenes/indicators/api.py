"""Indicator, target and observation endpoints: read for everyone (visibility applied), write for the secretariat.

Values travel as decimal strings (``"10000000000"``, ``"4.4"``): JSON numbers are floats in
most clients, and money is never a float. Targets and observations of an indicator the
reader may not see are listed without it (``indicator_id`` null), and asking for a hidden
indicator's targets answers nothing.
"""

from __future__ import annotations

from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import StringConstraints

from kenes.core.api_schemas import RecordSchemas, expected_version
from kenes.core.api_types import Id, Text, paginated
from kenes.core.models import Visibility
from kenes.indicators import services
from kenes.indicators.models import Indicator, Observation, Target, format_value

router = Router(tags=["indicators"])

DecimalText = Annotated[str, StringConstraints(max_length=40)]


def _value(record, user) -> str | None:
    return format_value(record.value) if record.value is not None else None


def _with_value(model, fields):
    return RecordSchemas(model, fields=[name for name in fields if name != "value"],
                         extra_in={"value": (DecimalText, ...)}, extra_out={"value": (str | None, _value)},
                         required=("indicator",))


INDICATORS = RecordSchemas(Indicator, fields=services.INDICATOR_FIELDS)
TARGETS = _with_value(Target, services.TARGET_FIELDS)
OBSERVATIONS = _with_value(Observation, services.OBSERVATION_FIELDS)


def _data(schemas, user, data: dict) -> dict:
    fields = schemas.to_service(user, data)
    if data.get("value") is not None:
        fields["value"] = data["value"]
    return fields


@router.get("/indicators", response=list[INDICATORS.Out], summary="Indicators")
@paginated
def list_indicators(request, q: Text = "", unit: Text = ""):
    return services.search_indicators(request.user, q, unit=unit).order_by("pk")


@router.get("/indicators/{indicator_id}", response=INDICATORS.Out, summary="One indicator")
def get_indicator(request, indicator_id: Id):
    return get_object_or_404(Indicator.objects.visible_to(request.user), pk=indicator_id)


@router.post("/indicators", response={201: INDICATORS.Out}, summary="Create an indicator (secretariat)")
def create_indicator(request, payload: INDICATORS.In):
    data = INDICATORS.to_service(request.user, payload.model_dump())
    return Status(201, services.create_indicator(request.user, **data))


@router.patch("/indicators/{indicator_id}", response=INDICATORS.Out,
              summary="Change an indicator (secretariat; 409 if it changed since your version)")
def update_indicator(request, indicator_id: Id, payload: INDICATORS.Patch):
    indicator = get_object_or_404(Indicator.objects.visible_to(request.user), pk=indicator_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_indicator(request.user, indicator, version=expected_version(request, data),
                                     **INDICATORS.to_service(request.user, data))


@router.get("/targets", response=list[TARGETS.Out], summary="Targets")
@paginated
def list_targets(request, indicator: Id | None = None):
    return services.visible_targets(request.user, indicator=indicator or None).order_by("pk")


@router.get("/targets/{target_id}", response=TARGETS.Out, summary="One target")
def get_target(request, target_id: Id):
    return get_object_or_404(services.visible_targets(request.user), pk=target_id)


@router.post("/targets", response={201: TARGETS.Out}, summary="Create a target (secretariat)")
def create_target(request, payload: TARGETS.In):
    return Status(201, services.create_target(request.user, **_data(TARGETS, request.user, payload.model_dump())))


@router.patch("/targets/{target_id}", response=TARGETS.Out,
              summary="Change a target (secretariat; 409 if it changed since your version)")
def update_target(request, target_id: Id, payload: TARGETS.Patch):
    target = get_object_or_404(services.visible_targets(request.user), pk=target_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_target(request.user, target, version=expected_version(request, data),
                                  **_data(TARGETS, request.user, data))


@router.get("/observations", response=list[OBSERVATIONS.Out], summary="Observations (reported figures)")
@paginated
def list_observations(request, indicator: Id | None = None, party: Text = "", period: Text = ""):
    filters = {}
    if party:
        filters["reporting_party__code"] = party.upper()
    if period:
        filters["period"] = period
    return services.visible_observations(request.user, indicator=indicator or None, **filters).order_by("pk")


@router.get("/observations/{observation_id}", response=OBSERVATIONS.Out, summary="One observation")
def get_observation(request, observation_id: Id):
    return get_object_or_404(services.visible_observations(request.user), pk=observation_id)


@router.post("/observations", response={201: OBSERVATIONS.Out}, summary="Create an observation (secretariat)")
def create_observation(request, payload: OBSERVATIONS.In):
    data = _data(OBSERVATIONS, request.user, payload.model_dump())
    return Status(201, services.create_observation(request.user, **data))


@router.patch("/observations/{observation_id}", response=OBSERVATIONS.Out,
              summary="Change an observation (secretariat; 409 if it changed since your version)")
def update_observation(request, observation_id: Id, payload: OBSERVATIONS.Patch):
    observation = get_object_or_404(services.visible_observations(request.user), pk=observation_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_observation(request.user, observation, version=expected_version(request, data),
                                       **_data(OBSERVATIONS, request.user, data))


# Importing figures from a table (CSV or XLSX): the same checks as the import page.

class ImportRowOut(Schema):
    row: int
    outcome: str  # new, revision, recorded, error
    indicator_id: int | None
    period: str | None
    party: str | None
    value: str | None
    unit: str
    revises_id: int | None = None
    revises_row: int | None = None
    recorded_id: int | None = None
    observation_id: int | None = None
    errors: list[str]
    description: str


class ImportOut(Schema):
    detail: str = ""
    dry_run: bool
    imported: int
    revisions_imported: int
    counts: dict[str, int]
    ignored_columns: list[str]
    rows: list[ImportRowOut]


def _import_row(row, written) -> dict:
    observation = written.get(row.number)
    return {"row": row.number, "outcome": row.outcome, "errors": row.errors, "description": row.describe(),
            "indicator_id": row.data["indicator"].pk if row.data.get("indicator") else None,
            "period": row.data.get("period"), "party": row.party.code if row.party else None,
            "value": format_value(row.data["value"]) if row.data.get("value") is not None else None,
            "unit": row.unit, "revises_id": row.revises.pk if row.revises else None,
            "revises_row": row.revises_row.number if row.revises_row else None,
            "recorded_id": row.recorded.pk if row.recorded else None,
            "observation_id": observation.pk if observation else None}


@router.post("/indicators/import", response={200: ImportOut, 201: ImportOut, 409: ImportOut, 422: ImportOut},
             summary="Import figures from a CSV or XLSX file; a dry run by default (secretariat)")
def import_observations(request, file: File[UploadedFile], dry_run: Form[bool] = True,
                        only_valid: Form[bool] = False, visibility: Form[Visibility] = Visibility.INTERNAL,
                        indicator: Form[Id | None] = None):
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _
    from ninja.errors import HttpError

    from kenes.indicators import importing

    target = get_object_or_404(Indicator.objects.live(), pk=indicator) if indicator else None
    checked = importing.check(file, indicator=target)
    if checked.problem:
        raise HttpError(422, checked.problem)
    report = {"dry_run": dry_run, "imported": 0, "revisions_imported": 0, "counts": checked.counts(),
              "ignored_columns": checked.ignored}
    written, status = {}, 200
    if not dry_run:
        try:
            checked, result = importing.apply_previewed(request.user, file, fingerprint=checked.fingerprint(),
                                                        indicator=target, only_valid=only_valid,
                                                        visibility=visibility)
        except ValidationError as exc:
            report["detail"], status = " ".join(exc.messages), 422
        else:
            if result is None:  # another import wrote some of these figures between the two checks
                report["detail"], status = _("The figures on record changed while importing: try again."), 409
            else:
                written, status = result.observations, 201
                report.update(imported=result.created, revisions_imported=result.revisions)
        report["counts"] = checked.counts()
    report["rows"] = [_import_row(row, written) for row in checked.rows]
    return Status(status, report)


# "/indicators/import" must be matched before "/indicators/{indicator_id}", which would take
# "import" for an id and answer 405: routes are tried in the order they were declared.
router.path_operations = {"/indicators/import": router.path_operations.pop("/indicators/import"),
                          **router.path_operations}
