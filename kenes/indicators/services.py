"""The indicators' write path: what may change; ``kenes.core.services`` says how.

A figure that revises an earlier one marks that one revised in the same transaction;
both are kept, so the history of what each side reported stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext as _

from kenes.core import services as core
from kenes.core.translation import CONTENT_LANGUAGES, reader_language
from kenes.indicators.models import ConversionRate, Indicator, Observation, Target
from kenes.indicators.units import normalize_unit

INDICATOR_FIELDS = core.editable_fields(Indicator)
TARGET_FIELDS = core.editable_fields(Target)
OBSERVATION_FIELDS = core.editable_fields(Observation)
RATE_FIELDS = core.editable_fields(ConversionRate)


def create_indicator(actor, *, reason: str = "", **data) -> Indicator:
    return core.create(actor, Indicator, data, allowed=INDICATOR_FIELDS, reason=reason)


def update_indicator(actor, indicator: Indicator, *, version: int | None = None, reason: str = "",
                     **data) -> Indicator:
    return core.update(actor, indicator, data, allowed=INDICATOR_FIELDS, version=version, reason=reason)


def create_target(actor, *, reason: str = "", **data) -> Target:
    return core.create(actor, Target, data, allowed=TARGET_FIELDS, reason=reason, prepare=_check_target)


def update_target(actor, target: Target, *, version: int | None = None, reason: str = "", **data) -> Target:
    return core.update(actor, target, data, allowed=TARGET_FIELDS, version=version, reason=reason,
                       prepare=_check_target)


def _check_target(target: Target) -> None:
    later = target.superseded_by
    if later is not None and later.indicator_id != target.indicator_id:
        raise ValidationError({"superseded_by": _("A target can only be superseded by a target of the same indicator.")})


@transaction.atomic
def create_observation(actor, *, reason: str = "", **data) -> Observation:
    observation = core.create(actor, Observation, data, allowed=OBSERVATION_FIELDS, reason=reason,
                              prepare=_check_observation)
    _mark_revised(actor, observation)
    return observation


@transaction.atomic
def update_observation(actor, observation: Observation, *, version: int | None = None, reason: str = "",
                       **data) -> Observation:
    before = observation.revises_id
    observation = core.update(actor, observation, data, allowed=OBSERVATION_FIELDS, version=version,
                              reason=reason, prepare=_check_observation)
    if before != observation.revises_id and before:
        _refresh_revised(actor, Observation._base_manager.get(pk=before))
    _mark_revised(actor, observation)
    return observation


def create_rate(actor, *, reason: str = "", **data) -> ConversionRate:
    return core.create(actor, ConversionRate, data, allowed=RATE_FIELDS, reason=reason, prepare=_check_rate)


def update_rate(actor, record: ConversionRate, /, *, version: int | None = None, reason: str = "",
                **data) -> ConversionRate:
    # The record is positional-only: ``rate=`` is the field (a new value), not the record.
    return core.update(actor, record, data, allowed=RATE_FIELDS, version=version, reason=reason, prepare=_check_rate)


def _check_rate(rate: ConversionRate) -> None:
    rate.update_derived_fields()  # compared in capitals, as they are stored
    twin = ConversionRate.objects.live().filter(from_currency=rate.from_currency, to_currency=rate.to_currency,
                                                period=rate.period).exclude(pk=rate.pk)
    if twin.exists():
        raise ValidationError(_("A rate from %(from)s to %(to)s for %(period)s is already on record; change that one.")
                              % {"from": rate.from_currency, "to": rate.to_currency, "period": rate.period})


def _check_observation(observation: Observation) -> None:
    earlier = observation.revises
    if earlier is not None and earlier.indicator_id != observation.indicator_id:
        raise ValidationError({"revises": _("A figure can only revise a figure of the same indicator.")})


def _mark_revised(actor, observation: Observation) -> None:
    if observation.revises_id:
        _refresh_revised(actor, observation.revises)


def _refresh_revised(actor, earlier: Observation) -> None:
    revised = earlier.revisions.filter(deleted_at__isnull=True).exists()
    if earlier.is_revised != revised:
        core.update(actor, earlier, {"is_revised": revised}, allowed=["is_revised"],
                    reason=_("A later figure revises this one") if revised else _("No longer revised"))


def find_or_create_indicator(actor, name: str, unit: str, *, language: str = "en", visibility: str = "internal",
                             reason: str = "") -> Indicator:
    """The live indicator with this name (folded, any language) and unit, or a new one named in ``language``."""
    from kenes.extraction.translit import fold

    unit = normalize_unit(unit)
    key = fold(name)
    for indicator in Indicator.objects.live().filter(unit=unit):
        if any(fold(getattr(indicator, f"name_{code}") or "") == key for code in CONTENT_LANGUAGES):
            return indicator
    language = language if language in CONTENT_LANGUAGES else "en"
    return create_indicator(actor, reason=reason, unit=unit, visibility=visibility,
                            **{f"name_{language}": name.strip()[:300]})


# Reading.

def by_display_name(queryset):
    field = f"name_{reader_language()}"
    fallbacks = [NullIf(F(name), Value("")) for name in (field, *(f"name_{code}" for code in CONTENT_LANGUAGES))]
    return queryset.order_by(Coalesce(*fallbacks).asc(), "pk")


def search_indicators(user, query: str = "", *, unit: str = ""):
    indicators = Indicator.objects.visible_to(user)
    if query:
        condition = Q()
        for word in query.split()[:8]:
            condition &= (Q(name_en__icontains=word) | Q(name_ru__icontains=word) | Q(name_kk__icontains=word)
                          | Q(name_uz__icontains=word))
        indicators = indicators.filter(condition)
    if unit:
        indicators = indicators.filter(unit=unit)
    return by_display_name(indicators)


def visible_targets(user, *, indicator=None, **filters):
    """Targets the user may see; by ``indicator`` only when the user may see that indicator too.

    A target's own visibility decides whether it is shown; its indicator is named only to
    those who may read it (``kenes.core.visibility``), and asking for a hidden indicator's
    targets answers nothing.
    """
    targets = Target.objects.visible_to(user).select_related("indicator")
    if indicator is not None:
        targets = targets.filter(indicator=indicator, indicator__in=Indicator.objects.visible_to(user))
    return targets.filter(**filters)


def visible_observations(user, *, indicator=None, **filters):
    """Observations the user may see; by ``indicator`` as for targets."""
    observations = Observation.objects.visible_to(user).select_related("indicator", "reporting_party")
    if indicator is not None:
        observations = observations.filter(indicator=indicator, indicator__in=Indicator.objects.visible_to(user))
    return observations.filter(**filters)


def observations_by_party(user, indicator: Indicator) -> dict:
    """{"parties": [...], "rows": [{"period", "cells": [{"party", "figures": [observation, …]} per party]}]}.

    Both sides side by side, one row per period in time order (a part-year range after its year's months).
    """
    observations = list(visible_observations(user, indicator=indicator).order_by("period", "pk"))
    parties = []
    for observation in observations:
        if observation.reporting_party not in parties:
            parties.append(observation.reporting_party)
    parties.sort(key=lambda party: (party is None, party.code if party else ""))
    rows: dict[str, list[list[Observation]]] = {}
    for observation in observations:
        cells = rows.setdefault(observation.period, [[] for _party in parties])
        cells[parties.index(observation.reporting_party)].append(observation)
    return {"parties": parties,
            "rows": [{"period": period, "cells": [{"party": party, "figures": figures}
                                                  for party, figures in zip(parties, cells, strict=True)]}
                     for period, cells in rows.items()]}


# Progress, projections and the two sides' differences (computed on reading, never stored).

def indicator_progress(user, indicator: Indicator, *, rates=None) -> list:
    """``TargetProgress`` of each target of ``indicator`` the user may see, current targets first."""
    from kenes.indicators.progress import Rates, target_progress

    rates = rates or Rates(ConversionRate.objects.visible_to(user))
    observations = list(visible_observations(user, indicator=indicator))
    targets = sorted(visible_targets(user, indicator=indicator),
                     key=lambda target: (target.superseded_by_id is not None, target.deadline or "9999", target.pk))
    return [target_progress(target, observations, rates=rates) for target in targets]


def current_targets_progress(user, *, limit: int = 6) -> list:
    """Progress of the current (not superseded) targets the user may see, with their indicators: the dashboard."""
    from kenes.indicators.progress import Rates, target_progress

    rates = Rates(ConversionRate.objects.visible_to(user))
    targets = (visible_targets(user, superseded_by__isnull=True)
               .filter(indicator__in=Indicator.objects.visible_to(user)).order_by("deadline", "pk")[:limit])
    result = []
    for target in targets:
        observations = list(visible_observations(user, indicator=target.indicator))
        result.append(target_progress(target, observations, rates=rates))
    return result


@dataclass(frozen=True)
class Discrepancy:
    indicator: Indicator
    period: str
    figures: list  # [Observation, …] one per side, the figure that counts for that side
    low: Decimal
    high: Decimal

    @property
    def difference(self) -> Decimal:
        return self.high - self.low

    @property
    def share(self) -> Decimal:
        """The difference as a share of the lower figure: 0.087 when one side reports 8.7 % more."""
        return self.difference / self.low if self.low else Decimal(0)


def discrepancies(user, *, threshold: Decimal, indicator: Indicator | None = None) -> list[Discrepancy]:
    """Periods where two sides' figures for the same indicator, period and unit differ by more than ``threshold``.

    Each side's figure is its latest not revised for that period; figures of no party and
    figures in other units are not compared (no conversion is guessed).
    """
    from kenes.indicators.progress import replaces

    observations = visible_observations(user, indicator=indicator, reporting_party__isnull=False,
                                        indicator__in=Indicator.objects.visible_to(user))
    latest: dict[tuple, Observation] = {}
    for observation in observations.order_by("created_at", "pk"):
        key = (observation.indicator_id, observation.period, observation.effective_unit, observation.reporting_party_id)
        if replaces(latest.get(key), observation):
            latest[key] = observation
    groups: dict[tuple, list[Observation]] = {}
    for (indicator_id, period, unit, _party), observation in latest.items():
        groups.setdefault((indicator_id, period, unit), []).append(observation)
    found = []
    for figures in groups.values():
        if len(figures) < 2:
            continue
        values = [figure.value for figure in figures]
        low, high = min(values), max(values)
        if low > 0 and (high - low) / low > threshold:
            figures.sort(key=lambda figure: figure.reporting_party.code)
            found.append(Discrepancy(figures[0].indicator, figures[0].period, figures, low, high))
    return sorted(found, key=lambda item: (str(item.indicator), item.period))


def targets_of_measure(user, measure) -> list[dict]:
    """The targets linked to a measure, for its page (``kenes.inventory.services.LINK_SOURCES``)."""
    from django.utils.translation import gettext

    from kenes.indicators.templatetags.indicators import short_amount

    targets = visible_targets(user, measures=measure).filter(indicator__in=Indicator.objects.visible_to(user))
    links = []
    for target in targets.order_by("superseded_by", "deadline", "pk"):
        label = f"{target.indicator.name}: {short_amount(target.value)} {target.effective_unit}"
        if target.deadline:
            label += " · " + gettext("by %(deadline)s") % {"deadline": target.deadline}
        if target.superseded_by_id:
            label += " (" + gettext("superseded") + ")"
        links.append({"kind": gettext("Target"), "label": label, "url": target.get_absolute_url()})
    return links


def _register_links() -> None:
    from kenes.inventory import services as inventory

    inventory.register_links(targets_of_measure, lambda measure: Target._base_manager.filter(measures=measure))


_register_links()
