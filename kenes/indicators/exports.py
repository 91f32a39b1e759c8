"""Indicators as IATI results: JSON shaped on the IATI activity standard's ``result/indicator`` element.

IATI (https://iatistandard.org/en/iati-standard/203/activity-standard/iati-activities/iati-activity/result/)
describes a result by indicators, each with a baseline, targets and periods of actual values.
We fill, per indicator:

- ``title`` and ``description`` as narratives per language (``lang`` as IATI's ``xml:lang``);
- ``measure``: 1 (unit) for amounts and counts, 2 (percentage) for percent; ``ascending`` from
  the direction (1 higher is better, 0 lower);
- ``baseline``: each side's earliest full-year figure, its ``dimension`` naming the reporting side;
- ``target``: each target with its year (the deadline), value and whether it is superseded;
- ``period``: one per full year and side, with ``actual`` value and the ``dimension``
  ``reporting-party`` (IATI's way of splitting a value), and a ``document-link`` to the source.

Not filled: ``result/@type`` is 1 (output) for all, a platform-wide choice; aggregation status,
references to vocabularies and location. Part-year figures are not IATI periods of a year
and are left out here (the CSV and XLSX downloads hold them). Values are decimal strings.
"""

from __future__ import annotations

from django.utils import timezone

from kenes.core.translation import CONTENT_LANGUAGES
from kenes.indicators.models import Indicator, Observation, Target, format_value
from kenes.indicators.periods import is_full_year, year_of
from kenes.indicators.services import by_display_name, visible_observations, visible_targets


def _narratives(record, field: str) -> list[dict]:
    return [{"lang": code, "text": text} for code in CONTENT_LANGUAGES if (text := getattr(record, f"{field}_{code}"))]


def _party(observation) -> dict:
    code = observation.reporting_party.code if observation.reporting_party else ""
    return {"name": "reporting-party", "value": code}


def _period(observation) -> dict:
    year = year_of(observation.period)
    period = {"period-start": f"{year}-01-01", "period-end": f"{year}-12-31",
              "actual": {"value": format_value(observation.value), "unit": observation.effective_unit,
                         "dimension": _party(observation), "revised": observation.is_revised}}
    if observation.source_url:
        period["actual"]["document-link"] = {"url": observation.source_url,
                                             "title": [{"lang": "en", "text": observation.source}]}
    return period


def iati_indicator(user, indicator: Indicator) -> dict:
    observations = [o for o in visible_observations(user, indicator=indicator).order_by("period", "pk")
                    if is_full_year(o.period)]
    baselines = {}
    for observation in observations:
        baselines.setdefault(observation.reporting_party_id, observation)
    return {
        "id": indicator.pk,
        "measure": "2" if indicator.unit == "percent" else "1",
        "ascending": "1" if indicator.direction == Indicator.Direction.HIGHER else "0",
        "title": _narratives(indicator, "name"),
        "description": _narratives(indicator, "definition"),
        "baseline": [{"year": year_of(o.period), "value": format_value(o.value), "unit": o.effective_unit,
                      "dimension": _party(o)} for o in baselines.values()],
        "target": [{"year": year_of(t.deadline) or None, "value": format_value(t.value), "unit": t.effective_unit,
                    "superseded": t.superseded_by_id is not None}
                   for t in visible_targets(user, indicator=indicator).order_by("deadline", "pk")],
        "period": [_period(o) for o in observations],
    }


def iati_records(user) -> tuple:
    """What the IATI export can hold for ``user``: indicators, targets and figures (for the security log)."""
    return (Indicator.objects.visible_to(user), Target.objects.visible_to(user), Observation.objects.visible_to(user))


def iati_results(user) -> dict:
    indicators = by_display_name(Indicator.objects.visible_to(user))
    return {
        "generated": timezone.now().isoformat(timespec="seconds"),
        "standard": "IATI activity standard 2.03, result/indicator (see kenes/indicators/exports.py)",
        "result": [{"type": "1", "indicator": [iati_indicator(user, indicator) for indicator in indicators]}],
    }
