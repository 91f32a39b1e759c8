"""Indicator, target and observation endpoints: read for everyone (visibility applied), write for the secretariat.

Values travel as decimal strings (``"10000000000"``, ``"4.4"``): JSON numbers are floats in
most clients, and money is never a float. Targets and observations of an indicator the
reader may not see are listed without it (``indicator_id`` null), and asking for a hidden
indicator's targets answers nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import StringConstraints

from kenes.core.api_schemas import RecordSchemas, expected_version
from kenes.core.api_types import Id, Text, paginated
from kenes.core.models import Visibility
from kenes.indicators import exports, services
from kenes.indicators.models import ConversionRate, Indicator, Observation, Target, format_value
from kenes.operations.exports import record_bulk_export

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
@paginated(sort=("name_en", "name_ru"))
def list_indicators(request, q: Text = "", unit: Text = ""):
    return services.search_indicators(request.user, q, unit=unit).order_by("pk")


# Before /indicators/{indicator_id}, which would take "iati" for an id and refuse it.
@router.get("/indicators/iati", summary="The indicators as IATI-style results (result/indicator JSON)")
def indicators_iati(request):
    record_bulk_export(request.user, "indicators IATI JSON (API)", *exports.iati_records(request.user))
    return exports.iati_results(request.user)


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
@paginated(sort=("deadline", "set_on", "value"))
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


class SideOut(Schema):
    party: str | None = Field(None, description="The reporting side's code (KZ, UZ); null for figures of no party.")
    latest_year: int | None = Field(None, description="The latest full year with a figure (part-years never count).")
    latest_value: str | None = Field(None, description="That figure, in the target's unit.")
    share: str | None = Field(None, description="Share of the target achieved, 0.497 for 49.7 %.")
    growth: str | None = Field(None, description="Compound annual growth, 0.0261 for 2.61 % a year.")
    growth_from_year: int | None = None
    projected_year: int | None = Field(None, description="The year the target is reached at that growth.")
    reached: bool = False
    not_at_this_rate: bool = Field(False, description="Growth is flat or runs the wrong way.")
    needed_growth: str | None = Field(None, description="Growth a year needed to meet the deadline.")
    deadline_passed: bool = False
    left_out: int = Field(0, description="Figures in another unit with no conversion rate on record.")


class ProgressOut(Schema):
    target_id: int
    value: str
    unit: str
    deadline: str
    superseded: bool
    sides: list[SideOut]


class DiscrepancyOut(Schema):
    indicator_id: int
    period: str
    observation_ids: list[int]
    low: str
    high: str
    share: str = Field(description="The difference as a share of the lower figure.")


def _text(value) -> str | None:
    return None if value is None else format_value(value)


def _side(side) -> dict:
    latest = side.latest
    return {"party": side.party.code if side.party else None, "latest_year": latest.year if latest else None,
            "latest_value": _text(latest.value) if latest else None, "share": _text(side.share),
            "growth": _text(side.growth), "growth_from_year": side.growth_from.year if side.growth_from else None,
            "projected_year": side.projected_year, "reached": side.reached, "not_at_this_rate": side.not_at_this_rate,
            "needed_growth": _text(side.needed_growth), "deadline_passed": side.deadline_passed,
            "left_out": len(side.left_out)}


@router.get("/indicators/{indicator_id}/progress", response=list[ProgressOut],
            summary="Progress toward each target, per reporting side, with growth and projection")
def indicator_progress(request, indicator_id: Id):
    indicator = get_object_or_404(Indicator.objects.visible_to(request.user), pk=indicator_id)
    return [{"target_id": item.target.pk, "value": format_value(item.target.value),
             "unit": item.target.effective_unit, "deadline": item.target.deadline,
             "superseded": item.target.superseded_by_id is not None, "sides": [_side(side) for side in item.sides]}
            for item in services.indicator_progress(request.user, indicator)]


@router.get("/discrepancies", response=list[DiscrepancyOut],
            summary="Periods where two sides' figures differ by more than a threshold (percent, default 5)")
@paginated(sort=("period",))
def list_discrepancies(request, indicator: Id | None = None, threshold: Decimal = Decimal(5)):
    if not threshold.is_finite() or threshold < 0:
        raise HttpError(422, "threshold must be a percentage of zero or more")
    chosen = Indicator.objects.visible_to(request.user).filter(pk=indicator).first() if indicator else None
    if indicator and chosen is None:
        return []  # as every list filtered by a hidden indicator: nothing, not a sign that it exists
    return [{"indicator_id": row.indicator.pk, "period": row.period,
             "observation_ids": [figure.pk for figure in row.figures], "low": format_value(row.low),
             "high": format_value(row.high), "share": format_value(row.share.quantize(Decimal("0.0001")))}
            for row in services.discrepancies(request.user, threshold=threshold / 100, indicator=chosen)]


RATES = RecordSchemas(ConversionRate, fields=[name for name in services.RATE_FIELDS if name != "rate"],
                      extra_in={"rate": (DecimalText, ...)},
                      extra_out={"rate": (str | None, lambda rate, user: format_value(rate.rate))})


def _rate_data(user, data: dict) -> dict:
    fields = RATES.to_service(user, data)
    if data.get("rate") is not None:
        fields["rate"] = data["rate"]
    return fields


@router.get("/conversion-rates", response=list[RATES.Out], summary="Conversion rates between currencies, by year")
@paginated(sort=("period",))
def list_rates(request):
    return ConversionRate.objects.visible_to(request.user).order_by("pk")


@router.post("/conversion-rates", response={201: RATES.Out}, summary="Record a conversion rate (secretariat)")
def create_rate(request, payload: RATES.In):
    return Status(201, services.create_rate(request.user, **_rate_data(request.user, payload.model_dump())))


@router.patch("/conversion-rates/{rate_id}", response=RATES.Out,
              summary="Change a conversion rate (secretariat; 409 if it changed since your version)")
def update_rate(request, rate_id: Id, payload: RATES.Patch):
    rate = get_object_or_404(ConversionRate.objects.visible_to(request.user), pk=rate_id)
    data = payload.model_dump(exclude_unset=True)
    return services.update_rate(request.user, rate, version=expected_version(request, data),
                                **_rate_data(request.user, data))


@router.get("/observations", response=list[OBSERVATIONS.Out], summary="Observations (reported figures)")
@paginated(sort=("period", "value"))
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
