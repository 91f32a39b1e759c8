"""Progress and projection arithmetic on hand-computed cases: growth, projected year, growth needed,
part-year figures left out, revisions, negative growth, lower-is-better, currencies, Decimal throughout."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kenes.indicators import services
from kenes.indicators.charts import build_chart, nice_step
from kenes.indicators.progress import Rates, cagr, target_progress, years_to_reach

pytestmark = pytest.mark.django_db

CENT = Decimal("0.0001")


@pytest.fixture
def make(alice, parties):
    """make(figures={"KZ": [("2020", "100"), …]}, target="200", deadline="2026") → TargetProgress by party code."""
    def build(figures, *, target="200", deadline="", unit="USD", direction="higher", growth_years=3, target_unit=""):
        indicator = services.create_indicator(alice, name_en=f"Indicator {direction} {target}", unit=unit,
                                              direction=direction, growth_years=growth_years, visibility="public")
        goal = services.create_target(alice, indicator=indicator, value=Decimal(target), deadline=deadline,
                                      unit=target_unit, visibility="public")
        for code, rows in figures.items():
            for row in rows:
                period, value, *rest = row
                services.create_observation(alice, indicator=indicator, period=period, value=Decimal(value),
                                            reporting_party=parties[code], unit=rest[0] if rest else "",
                                            visibility="public")
        progress = target_progress(goal, list(services.visible_observations(alice, indicator=indicator)))
        return {side.party.code: side for side in progress.sides}, progress
    return build


def test_compound_growth_and_the_year_reached_are_computed_by_hand():
    assert cagr(Decimal(100), Decimal(121), 2).quantize(CENT) == Decimal("0.1000")
    # 121 growing 10 % a year: 194.87 after five years, 214.36 after six; 200 is reached in the sixth.
    assert years_to_reach(Decimal(121), Decimal(200), Decimal("0.1")) == 6
    assert years_to_reach(Decimal(100), Decimal(200), Decimal(0)) is None
    assert years_to_reach(Decimal(100), Decimal(200), Decimal("-0.05")) is None
    assert cagr(Decimal(0), Decimal(100), 3) is None and cagr(Decimal(100), Decimal(100), 0) is None


def test_it_projects_the_year_and_the_growth_needed_for_each_side(make):
    sides, progress = make({"KZ": [("2020", "100"), ("2021", "110"), ("2022", "121")],
                            "UZ": [("2021", "150"), ("2022", "150")]}, target="200", deadline="2024")
    kz, uz = sides["KZ"], sides["UZ"]
    assert kz.latest.year == 2022 and kz.latest.value == Decimal(121)
    assert kz.share.quantize(CENT) == Decimal("0.6050") and kz.percent == 60
    assert kz.growth.quantize(CENT) == Decimal("0.1000") and kz.growth_from.year == 2020 and kz.growth_years == 2
    assert kz.projected_year == 2028 and not kz.not_at_this_rate and not kz.reached
    # (200 / 121) ** (1/2) − 1 = 0.285649: the growth a year needed to reach 200 by 2024.
    assert kz.needed_growth.quantize(CENT) == Decimal("0.2856")
    # Flat growth never reaches the target: "not at this rate", however long one waits.
    assert uz.growth == 0 and uz.not_at_this_rate and uz.projected_year is None
    assert progress.deadline_year == 2024


def test_part_year_figures_are_never_taken_for_a_year(make):
    sides, _progress = make({"KZ": [("2021", "100"), ("2022", "120"), ("2023-01/2023-09", "190"), ("2023-Q4", "70"),
                                    ("2023-12", "25")]}, target="200")
    kz = sides["KZ"]
    assert [point.year for point in kz.series] == [2021, 2022]
    assert kz.latest.value == Decimal(120) and kz.share.quantize(CENT) == Decimal("0.6000")
    # January to December is a whole year.
    sides, _progress = make({"KZ": [("2022", "100"), ("2023-01/2023-12", "130")]}, target="300")
    assert sides["KZ"].latest.year == 2023 and sides["KZ"].latest.value == Decimal(130)


def test_a_revision_replaces_the_figure_it_revises_and_both_are_kept(alice, parties, make):
    sides, progress = make({"KZ": [("2021", "100"), ("2022", "121")]}, target="200")
    earlier = progress.sides[0].latest.observation
    services.create_observation(alice, indicator=earlier.indicator, period="2022", value=Decimal("144"),
                                reporting_party=parties["KZ"], revises=earlier, visibility="public")
    observations = list(services.visible_observations(alice, indicator=earlier.indicator))
    assert len(observations) == 3
    kz = target_progress(progress.target, observations).sides[0]
    assert kz.latest.value == Decimal(144)
    assert kz.growth.quantize(CENT) == Decimal("0.4400")  # 100 in 2021 → 144 in 2022, not 121


def test_negative_growth_is_not_at_this_rate_and_a_passed_deadline_is_said(make):
    sides, _progress = make({"UZ": [("2019", "200"), ("2020", "180"), ("2021", "162")]}, target="250", deadline="2021")
    uz = sides["UZ"]
    assert uz.growth.quantize(CENT) == Decimal("-0.1000")
    assert uz.not_at_this_rate and uz.projected_year is None
    assert uz.deadline_passed and uz.needed_growth is None


def test_a_reached_target_is_reached_and_its_bar_is_full(make):
    sides, _progress = make({"KZ": [("2022", "150"), ("2023", "260")]}, target="200", deadline="2030")
    kz = sides["KZ"]
    assert kz.reached and kz.percent == 100 and kz.share == Decimal(260) / Decimal(200)
    assert kz.projected_year is None and kz.needed_growth is None


def test_lower_is_better_reads_the_other_way(make):
    # Days at the border falling from 10 to 8.1 in two years (−10 % a year) toward 5.
    sides, _progress = make({"KZ": [("2021", "10"), ("2022", "9"), ("2023", "8.1")]}, target="5", unit="days",
                            direction="lower", deadline="2026")
    kz = sides["KZ"]
    assert kz.share.quantize(CENT) == Decimal("0.6173")  # 5 / 8.1
    assert kz.growth.quantize(CENT) == Decimal("-0.1000")
    # 8.1 × 0.9^n ≤ 5 first when n = 5 (4.78): reached in 2028.
    assert kz.projected_year == 2028 and not kz.reached


def test_growth_is_taken_over_the_indicators_number_of_years(make):
    figures = {"KZ": [("2018", "50"), ("2019", "100"), ("2020", "100"), ("2021", "100")]}
    sides, _progress = make(figures, target="300", growth_years=3)
    assert sides["KZ"].growth.quantize(CENT) == Decimal("0.2599")  # 50 → 100 over three years
    sides, _progress = make(figures, target="301", growth_years=2)
    assert sides["KZ"].growth == 0 and sides["KZ"].growth_from.year == 2019


def test_currencies_are_never_mixed_without_a_rate_and_its_source(alice, make):
    sides, progress = make({"KZ": [("2022", "100", "USD"), ("2023", "46000", "KZT")]}, target="200")
    kz = sides["KZ"]
    assert kz.latest.year == 2022 and [o.period for o in kz.left_out] == ["2023"]
    services.create_rate(alice, from_currency="usd", to_currency="KZT", period="2023", rate=Decimal("460"),
                         source="National Bank annual average", visibility="public")
    observations = list(services.visible_observations(alice, indicator=progress.target.indicator))
    kz = target_progress(progress.target, observations, rates=Rates()).sides[0]
    assert kz.latest.year == 2023 and kz.latest.value == Decimal(100) and kz.latest.rate.source
    assert not kz.left_out


def test_everything_stays_decimal(make):
    sides, _progress = make({"KZ": [("2022", "4600000000"), ("2025", "4970000000")]}, target="10000000000",
                            deadline="2030")
    kz = sides["KZ"]
    for value in (kz.share, kz.growth, kz.needed_growth, kz.latest.value):
        assert isinstance(value, Decimal)
    # (4.97 / 4.6) ** (1/3) − 1 = 2.61 %; at that rate 10 bn comes in 2053 (27.1 years after 2025);
    # (10 / 4.97) ** (1/5) − 1 = 15.01 % a year is needed for 2030.
    assert kz.growth.quantize(CENT) == Decimal("0.0261")
    assert kz.projected_year == 2053 and kz.needed_growth.quantize(CENT) == Decimal("0.1501")


def test_the_chart_plots_both_sides_the_target_and_a_projection_to_the_deadline(make):
    _sides, progress = make({"KZ": [("2020", "100"), ("2022", "121")], "UZ": [("2021", "90"), ("2022", "95")]},
                            target="200", deadline="2026")
    chart = build_chart([progress], none_label="Other")
    assert [series.label for series in chart.series] == ["Kazakhstan", "Uzbekistan"]
    assert [point.year for point in chart.series[0].points] == [2020, 2022]
    assert chart.targets[0].value == Decimal(200) and chart.targets[0].current
    assert chart.x_ticks[-1][1] == "2026"
    assert chart.series[0].projection.count("L") == 4  # 2022 → 2026, a point a year
    # Higher values sit higher on the page (smaller y).
    assert chart.series[0].points[1].y < chart.series[0].points[0].y
    assert nice_step(10_500_000_000) == 2_500_000_000


def test_a_chart_without_full_years_is_empty(make):
    _sides, progress = make({"KZ": [("2023-01/2023-09", "100")]})
    assert build_chart([progress], none_label="Other").empty
