"""Fair scores: raw means, and scores corrected for harsh and lenient reviewers. Pure functions.

A review's *total* is on 0–100: each criterion's score as a share of its own scale,
weighted by the criterion's weight (``review_total``).

The *normalised* score takes out each reviewer's habit. Over one reviewer's own reviews in
the call, each total becomes a z-score (how many of that reviewer's standard deviations it
lies above that reviewer's mean), and is mapped back to 0–100 with the mean and standard
deviation of all the call's review totals (the pool), so it reads like a total. An
application's normalised score is the mean of its reviews' mapped values. A harsh reviewer
who gives 40 where others give 70 no longer sinks the applications they happened to get.

A reviewer with a single review, or who gave every application the same total, has no
spread to measure a habit by: one review cannot tell a harsh reviewer from a weak
application. Their review is mapped to the pool mean (z = 0): it neither lifts nor sinks
the application, and the other reviewers decide. The raw mean still shows their total.

Standard deviations are population ones (dividing by n): the reviews are all there is, not
a sample. Everything is ``Decimal``; results are rounded to two places for display.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

SCALE = Decimal(100)
TWO_PLACES = Decimal("0.01")
# Reviewers disagree when their totals for one application span more than this share of the scale.
DISAGREEMENT_SHARE = Decimal("0.30")


@dataclass(frozen=True)
class CriterionScore:
    value: Decimal
    scale_max: Decimal
    weight: Decimal


@dataclass(frozen=True)
class ReviewTotal:
    """One submitted review, reduced to what the arithmetic needs."""

    reviewer: Hashable
    application: Hashable
    total: Decimal  # 0–100


@dataclass
class ApplicationScore:
    application: Hashable
    raw: Decimal | None = None  # mean of the review totals
    normalised: Decimal | None = None  # mean of the reviewer-normalised totals, on 0–100
    spread: Decimal | None = None  # highest total minus lowest
    stdev: Decimal | None = None
    reviews: int = 0
    totals: list[Decimal] = field(default_factory=list)

    @property
    def disagree(self) -> bool:
        return self.spread is not None and self.reviews >= 2 and self.spread > SCALE * DISAGREEMENT_SHARE


def review_total(scores: Iterable[CriterionScore]) -> Decimal:
    """Σ weight × value / scale_max, over Σ weight, times 100: 7/10 and 4/5 with weights 2 and 1 give 73.33."""
    scores = list(scores)
    weights = sum((score.weight for score in scores), Decimal(0))
    if not scores or weights <= 0:
        raise ValueError("a review total needs at least one criterion with a positive weight")
    weighted = sum((score.weight * Decimal(score.value) / Decimal(score.scale_max) for score in scores), Decimal(0))
    return weighted / weights * SCALE


def mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def pstdev(values: Sequence[Decimal]) -> Decimal:
    centre = mean(values)
    return (sum(((value - centre) ** 2 for value in values), Decimal(0)) / len(values)).sqrt()


def normalised_totals(reviews: Sequence[ReviewTotal]) -> list[Decimal]:
    """Each review's total with its reviewer's habit taken out, on 0–100, in the order given."""
    if not reviews:
        return []
    totals = [review.total for review in reviews]
    pool_mean, pool_sd = mean(totals), pstdev(totals)
    by_reviewer: dict[Hashable, list[Decimal]] = defaultdict(list)
    for review in reviews:
        by_reviewer[review.reviewer].append(review.total)
    habits = {}
    for reviewer, own in by_reviewer.items():
        spread = pstdev(own) if len(own) >= 2 else Decimal(0)
        habits[reviewer] = (mean(own), spread)
    mapped = []
    for review in reviews:
        own_mean, own_sd = habits[review.reviewer]
        z = (review.total - own_mean) / own_sd if own_sd > 0 else Decimal(0)
        mapped.append(min(SCALE, max(Decimal(0), pool_mean + z * pool_sd)))
    return mapped


def application_scores(reviews: Sequence[ReviewTotal]) -> dict[Hashable, ApplicationScore]:
    """Raw mean, normalised mean, spread and standard deviation of each application's reviews."""
    results: dict[Hashable, ApplicationScore] = {}
    mapped_by_application: dict[Hashable, list[Decimal]] = defaultdict(list)
    for review, mapped in zip(reviews, normalised_totals(reviews), strict=True):
        result = results.setdefault(review.application, ApplicationScore(review.application))
        result.totals.append(review.total)
        mapped_by_application[review.application].append(mapped)
    for application, result in results.items():
        result.reviews = len(result.totals)
        result.raw = _round(mean(result.totals))
        result.normalised = _round(mean(mapped_by_application[application]))
        result.spread = _round(max(result.totals) - min(result.totals))
        result.stdev = _round(pstdev(result.totals))
    return results


def _round(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES)
