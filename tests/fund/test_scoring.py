"""Fair scores on hand-computed cases."""

from decimal import Decimal

import pytest

from kenes.fund.scoring import (
    CriterionScore,
    ReviewTotal,
    application_scores,
    normalised_totals,
    review_total,
)

D = Decimal


def test_a_review_total_weighs_each_criterion_on_its_own_scale():
    # (2 × 7/10 + 1 × 4/5) / 3 × 100 = 2.2 / 3 × 100 = 73.33…
    total = review_total([CriterionScore(D(7), D(10), D(2)), CriterionScore(D(4), D(5), D(1))])
    assert total.quantize(D("0.01")) == D("73.33")


def test_a_review_without_weights_is_refused():
    with pytest.raises(ValueError):
        review_total([])


def hand_case():
    # R1 is harsh (40, 60), R2 lenient (80, 90), R3 reviewed once (70).
    return [ReviewTotal("R1", "A", D(40)), ReviewTotal("R1", "B", D(60)),
            ReviewTotal("R2", "A", D(80)), ReviewTotal("R2", "C", D(90)),
            ReviewTotal("R3", "B", D(70))]


def test_each_reviewer_is_measured_against_their_own_reviews():
    # Pool: mean 68, population sd √296 = 17.2046…; R1 and R2 each have z = −1 and +1; R3 maps to the mean.
    mapped = [value.quantize(D("0.0001")) for value in normalised_totals(hand_case())]
    assert mapped == [D("50.7953"), D("85.2047"), D("50.7953"), D("85.2047"), D("68.0000")]


def test_application_scores_show_raw_normalised_spread_and_disagreement():
    scores = application_scores(hand_case())
    a, b, c = scores["A"], scores["B"], scores["C"]
    assert (a.raw, a.normalised, a.spread, a.reviews) == (D("60.00"), D("50.80"), D("40.00"), 2)
    assert a.disagree  # 40 points apart: more than 30 % of the scale
    assert (b.raw, b.normalised, b.spread) == (D("65.00"), D("76.60"), D("10.00"))
    assert not b.disagree
    assert (c.raw, c.normalised, c.reviews) == (D("90.00"), D("85.20"), 1)
    assert not c.disagree  # one review cannot disagree with itself


def test_a_harsh_reviewer_no_longer_sinks_the_application_they_happened_to_get():
    # Same two applications seen by a harsh and a lenient reviewer: each ranks X above Y.
    reviews = [ReviewTotal("harsh", "X", D(50)), ReviewTotal("harsh", "Y", D(30)),
               ReviewTotal("kind", "Z", D(95)), ReviewTotal("kind", "W", D(85))]
    scores = application_scores(reviews)
    # Raw: X (50) sits far below W (85); normalised: each reviewer's best reads the same.
    assert scores["X"].raw < scores["W"].raw
    assert scores["X"].normalised == scores["Z"].normalised
    assert scores["Y"].normalised == scores["W"].normalised


def test_a_reviewer_giving_everyone_the_same_total_maps_to_the_pool_mean():
    reviews = [ReviewTotal("flat", "A", D(70)), ReviewTotal("flat", "B", D(70)),
               ReviewTotal("other", "A", D(40)), ReviewTotal("other", "B", D(100))]
    mapped = normalised_totals(reviews)
    assert mapped[0] == mapped[1] == D(70)  # pool mean of 70, 70, 40, 100


def test_normalised_scores_stay_on_the_scale():
    reviews = [ReviewTotal("r", "A", D(0)), ReviewTotal("r", "B", D(0)), ReviewTotal("r", "C", D(100)),
               ReviewTotal("s", "A", D(100)), ReviewTotal("s", "B", D(100)), ReviewTotal("s", "C", D(0))]
    assert all(D(0) <= value <= D(100) for value in normalised_totals(reviews))
