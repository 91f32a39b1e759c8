"""Progress toward a target and its projection, per reporting side, in Decimal arithmetic.

For each side (Kazakhstan's figures, Uzbekistan's, other sources) the same questions:

- the latest **full-year** value: a part-year figure (January–September) is never taken for a
  year; of several figures for one year the one not revised, most recently recorded, counts;
- the **share achieved**: latest ÷ target (target ÷ latest when lower is better);
- the **compound annual growth** over the last N full years (``Indicator.growth_years``):
  ``(latest / earlier) ** (1 / years) − 1``, from the earliest full year in that window;
- the **projected year** the target is reached at that rate: ``latest year + ⌈ln(T/L) / ln(1+g)⌉``,
  or "not at this rate" when growth is flat or runs the wrong way;
- the **growth needed** to meet the deadline: ``(T / L) ** (1 / (deadline − latest year)) − 1``.

Amounts in another unit are left out, unless both are currencies and a ``ConversionRate``
for that year is on record (its source is shown with the result). Nothing here writes.
"""

from __future__ import annotations

import decimal
from dataclasses import dataclass, field
from decimal import Decimal

from kenes.indicators.models import ConversionRate, Indicator, Observation, Target
from kenes.indicators.periods import is_full_year, year_of
from kenes.indicators.units import is_currency

# Enough digits for ln and fractional powers of values up to 10^20; results are rounded for display only.
CONTEXT = decimal.Context(prec=28)
# A projection further out than this is no projection: "not at this rate".
HORIZON_YEARS = 100


@dataclass(frozen=True)
class YearValue:
    year: int
    value: Decimal  # in the target's unit (converted when a rate was used)
    observation: Observation
    rate: ConversionRate | None = None


@dataclass
class SideProgress:
    party: object  # directory.Party or None for figures of no party
    series: list[YearValue] = field(default_factory=list)  # full years, oldest first
    latest: YearValue | None = None
    share: Decimal | None = None  # 0.497 for 49.7 %
    growth: Decimal | None = None  # 0.0261 for 2.61 % a year
    growth_from: YearValue | None = None
    projected_year: int | None = None
    reached: bool = False
    not_at_this_rate: bool = False
    needed_growth: Decimal | None = None
    deadline_passed: bool = False
    left_out: list[Observation] = field(default_factory=list)  # other unit, no rate on record

    @property
    def percent(self) -> int | None:
        """The share as a whole percent for a progress bar (capped at 100)."""
        if self.share is None:
            return None
        return int(min(self.share * 100, Decimal(100)).to_integral_value(rounding=decimal.ROUND_FLOOR))

    @property
    def growth_years(self) -> int | None:
        if self.growth_from is None or self.latest is None:
            return None
        return self.latest.year - self.growth_from.year


@dataclass
class TargetProgress:
    target: Target
    sides: list[SideProgress]
    deadline_year: int | None


def deadline_year(target: Target) -> int | None:
    year = year_of(target.deadline or "")
    return int(year) if year.isdigit() else None


def cagr(earlier: Decimal, later: Decimal, years: int) -> Decimal | None:
    """Compound annual growth from ``earlier`` to ``later`` over ``years``; None when it has no meaning."""
    if years <= 0 or earlier <= 0 or later <= 0:
        return None
    return CONTEXT.power(CONTEXT.divide(later, earlier), CONTEXT.divide(Decimal(1), Decimal(years))) - 1


def years_to_reach(latest: Decimal, target: Decimal, growth: Decimal) -> int | None:
    """Whole years until ``latest`` growing at ``growth`` a year reaches ``target``; None if it never does."""
    if latest <= 0 or target <= 0 or growth <= -1 or growth == 0:
        return None
    ratio = CONTEXT.divide(target, latest)
    step = CONTEXT.ln(1 + growth)
    if ratio == 1:
        return 0
    years = CONTEXT.divide(CONTEXT.ln(ratio), step)
    if years <= 0:  # growing away from the target
        return None
    whole = int(years.to_integral_value(rounding=decimal.ROUND_CEILING))
    return whole if whole <= HORIZON_YEARS else None


def needed_growth(latest: Decimal, target: Decimal, years: int) -> Decimal | None:
    return cagr(latest, target, years)


class Rates:
    """The conversion rates on record, looked up by currencies and year (either direction)."""

    def __init__(self, rates=None):
        rates = ConversionRate.objects.live() if rates is None else rates
        self._rates = {}
        for rate in rates:
            self._rates.setdefault((rate.from_currency, rate.to_currency, rate.period), rate)

    def convert(self, value: Decimal, unit: str, to_unit: str, year: int) -> tuple[Decimal, ConversionRate] | None:
        if not (is_currency(unit) and is_currency(to_unit)):
            return None
        if rate := self._rates.get((unit, to_unit, str(year))):
            return CONTEXT.multiply(value, rate.rate), rate
        if rate := self._rates.get((to_unit, unit, str(year))):
            return CONTEXT.divide(value, rate.rate), rate
        return None


def replaces(current: Observation | None, candidate: Observation) -> bool:
    """Whether ``candidate`` (recorded later) counts instead of ``current`` for the same period and side:
    a figure not revised beats a revised one; among equals the one recorded last wins."""
    return current is None or current.is_revised or not candidate.is_revised


def full_year_values(observations, unit: str, rates: Rates) -> tuple[list[YearValue], list[Observation]]:
    """One value per full year in ``unit``, oldest first; the figures left out for want of a rate."""
    chosen: dict[int, YearValue] = {}
    left_out = []
    for observation in sorted(observations, key=lambda o: (o.created_at, o.pk)):
        if not is_full_year(observation.period):
            continue
        year = int(year_of(observation.period))
        value, rate = observation.value, None
        if observation.effective_unit != unit:
            converted = rates.convert(value, observation.effective_unit, unit, year)
            if converted is None:
                left_out.append(observation)
                continue
            value, rate = converted
        current = chosen.get(year)
        if replaces(current.observation if current else None, observation):
            chosen[year] = YearValue(year, value, observation, rate)
    return [chosen[year] for year in sorted(chosen)], left_out


def side_progress(party, observations, target: Target, indicator: Indicator, rates: Rates) -> SideProgress:
    side = SideProgress(party=party)
    side.series, side.left_out = full_year_values(observations, target.effective_unit, rates)
    if not side.series:
        return side
    side.latest = latest = side.series[-1]
    lower = indicator.direction == Indicator.Direction.LOWER
    if latest.value > 0 and target.value > 0:
        side.share = CONTEXT.divide(target.value, latest.value) if lower else CONTEXT.divide(latest.value, target.value)
    side.reached = latest.value <= target.value if lower else latest.value >= target.value
    window = [point for point in side.series if latest.year - indicator.growth_years <= point.year < latest.year]
    if window:
        side.growth_from = window[0]
        side.growth = cagr(window[0].value, latest.value, latest.year - window[0].year)
    if not side.reached and side.growth is not None:
        years = years_to_reach(latest.value, target.value, side.growth)
        side.projected_year = latest.year + years if years is not None else None
        side.not_at_this_rate = years is None
    deadline = deadline_year(target)
    if deadline is not None and not side.reached:
        if deadline > latest.year:
            side.needed_growth = needed_growth(latest.value, target.value, deadline - latest.year)
        else:
            side.deadline_passed = True
    return side


def target_progress(target: Target, observations, *, rates: Rates | None = None) -> TargetProgress:
    """Progress of ``target`` from the given observations (those the reader may see), one entry per side."""
    rates = rates or Rates()
    by_party: dict = {}
    for observation in observations:
        by_party.setdefault(observation.reporting_party, []).append(observation)
    parties = sorted(by_party, key=lambda party: (party is None, getattr(party, "code", "")))
    sides = [side_progress(party, by_party[party], target, target.indicator, rates) for party in parties]
    return TargetProgress(target=target, sides=sides, deadline_year=deadline_year(target))
