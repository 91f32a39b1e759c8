"""The optimal selection of applications within a call's budget. Pure: no Django, exact.

The problem is a 0/1 knapsack: choose applications so that their requested amounts fit
the budget and their total normalised score is as high as possible. We solve it exactly by
dynamic programming over cost: amounts are counted in a unit (the greatest common divisor
of the amounts, so nothing is rounded), scores in hundredths of a point (they are stored
with two decimals), so every sum is an integer and there is no rounding to argue about.

With the balance constraint (each party's lead applicants receive at least X % of the money
awarded) the programme runs once per party, giving for every exact amount ``c`` the best
score that party's applications reach spending exactly ``c``. The answer is the best pair
(a, b) with a + b ≤ budget, a ≥ X % of (a + b) and b ≥ X % of (a + b). For each ``a`` the
allowed ``b`` form an interval, so a range-maximum table over the second party's array
answers each ``a`` at once: O(n · B) for the programmes plus O(B log B) for the pairing,
B being the budget in units. The fund has two sides; more parties with a balance are refused.

When the amounts have no large common divisor (a budget of 2 million counted in cents), the
programme would have hundreds of millions of cells. Past ``MAX_UNITS`` units the unit grows
and each amount is rounded *up* to it: the selection still fits the real budget, but may
miss a combination that fits only to the cent; the result says so (``exact=False``).

Why not this one (``explain``): for an application left out, the score it would have needed
to be chosen at this budget (the optimum with it forced in, less its own score, compared
with the optimum), and the extra money that would fund it beside the chosen ones.

numpy (already installed with spaCy, pinned for this in pyproject.toml) does the arrays.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction
from math import gcd

import numpy as np

MAX_UNITS = 20_000  # the budget in units; 2,000 applications × 20,001 cells stay near 40 MB
EXPLAIN_LIMIT = 400  # past this many left-out applications, "score needed" is not computed (one run each)
NEG = np.int64(-(1 << 60))
CENTS = Decimal(100)


@dataclass(frozen=True)
class Candidate:
    key: Hashable
    amount: Decimal  # requested, in money
    score: Decimal | None  # normalised, 0–100; None when not reviewed
    party: Hashable = None


@dataclass
class WhyNot:
    below_minimum: bool = False
    not_reviewed: bool = False
    score_needed: Decimal | None = None  # None: it cannot enter at this budget whatever its score
    budget_needed: Decimal = Decimal(0)


@dataclass
class Result:
    selected: list[Hashable]
    total_score: Decimal
    total_amount: Decimal
    unit: Decimal
    exact: bool
    by_party: dict[Hashable, Decimal] = field(default_factory=dict)
    why_not: dict[Hashable, WhyNot] = field(default_factory=dict)


@dataclass
class _Problem:
    keys: list[Hashable]
    costs: np.ndarray  # int64, in units
    values: np.ndarray  # int64, hundredths of a point
    parties: list[Hashable]
    capacity: int
    unit_cents: int
    exact: bool
    balance: Fraction


def _cents(amount: Decimal) -> int:
    return int((Decimal(amount) * CENTS).to_integral_value(rounding=ROUND_CEILING))


def _problem(candidates: Sequence[Candidate], budget: Decimal, balance, max_units: int) -> _Problem:
    cents = [_cents(candidate.amount) for candidate in candidates]
    budget_cents = int(Decimal(budget) * CENTS)
    unit = 0
    for value in cents:
        unit = gcd(unit, value)
    unit = unit or 1
    exact = True
    if budget_cents // unit > max_units:
        exact = False
        coarse = -(-budget_cents // max_units)
        unit = -(-coarse // unit) * unit  # a multiple of the exact unit, so exact amounts stay exact
    costs = np.array([-(-value // unit) for value in cents], dtype=np.int64)
    values = np.array([int(Decimal(candidate.score) * CENTS) for candidate in candidates], dtype=np.int64)
    return _Problem(keys=[candidate.key for candidate in candidates], costs=costs, values=values,
                    parties=[candidate.party for candidate in candidates], capacity=max(0, budget_cents // unit),
                    unit_cents=unit, exact=exact, balance=Fraction(str(balance or 0)))


def _programme(costs: np.ndarray, values: np.ndarray, capacity: int):
    """best[c]: the highest score spending exactly c units (NEG when no set costs c); take: the choices."""
    best = np.full(capacity + 1, NEG, dtype=np.int64)
    best[0] = 0
    take = np.zeros((len(costs), capacity + 1), dtype=bool)
    for i in range(len(costs)):
        cost, value = int(costs[i]), values[i]
        if cost > capacity:
            continue
        source = best[:capacity + 1 - cost]
        candidate = source + value
        better = (source > NEG) & (candidate > best[cost:])
        best[cost:] = np.where(better, candidate, best[cost:])
        take[i, cost:] = better
    return best, take


def _chosen(take: np.ndarray, costs: np.ndarray, spent: int) -> list[int]:
    chosen = []
    for i in range(len(costs) - 1, -1, -1):
        if spent >= 0 and take[i, spent]:
            chosen.append(i)
            spent -= int(costs[i])
    return chosen


def _range_max_table(values: np.ndarray) -> list[np.ndarray]:
    """levels[k][i]: the index of the largest value in values[i : i + 2**k]."""
    levels = [np.arange(len(values))]
    width = 1
    while 2 * width <= len(values):
        previous = levels[-1]
        left, right = previous[:-width], previous[width:]
        levels.append(np.where(values[left] >= values[right], left, right))
        width *= 2
    return levels


def _best_pair(first: np.ndarray, second: np.ndarray, capacity: int, share: Fraction):
    """(a, b) maximising first[a] + second[b] with a + b ≤ capacity and both ≥ share of a + b; None if none."""
    if share <= 0:
        raise ValueError("a pair is only searched with a balance")
    levels = _range_max_table(second)
    a = np.arange(capacity + 1, dtype=np.int64)
    numerator, denominator = share.numerator, share.denominator
    rest = denominator - numerator  # b ≥ a·s/(1−s) and b ≤ a·(1−s)/s
    low = -(-a * numerator // rest)
    high = np.minimum(capacity - a, a * rest // numerator)
    valid = (first > NEG) & (low <= high)
    low, high = np.where(valid, low, 0), np.where(valid, high, 0)
    length = high - low + 1
    k = np.floor(np.log2(np.maximum(length, 1))).astype(np.int64)
    best_b = np.empty(capacity + 1, dtype=np.int64)
    for level in np.unique(k[valid]):
        rows = valid & (k == level)
        table = levels[int(level)]
        left = table[low[rows]]
        right = table[high[rows] - (1 << int(level)) + 1]
        best_b[rows] = np.where(second[left] >= second[right], left, right)
    totals = np.where(valid & (second[np.where(valid, best_b, 0)] > NEG),
                      first + second[np.where(valid, best_b, 0)], NEG)
    a_best = int(np.argmax(totals))
    if totals[a_best] <= NEG:
        return None
    return a_best, int(best_b[a_best]), int(totals[a_best])


def _solve(problem: _Problem, indices: list[int], forced: int | None = None):
    """The optimum over ``indices`` (with ``forced`` always in): (value, chosen indices) or None."""
    capacity = problem.capacity
    if problem.balance <= 0:
        sides = [indices]
    else:
        names = sorted({problem.parties[i] for i in indices} | (
            {problem.parties[forced]} if forced is not None else set()), key=str)
        if len(names) > 2:
            raise ValueError("the balance constraint is between two parties")
        sides = [[i for i in indices if problem.parties[i] == name] for name in names]
        sides += [[]] * (2 - len(sides))
    arrays = []
    for side in sides:
        free = [i for i in side if i != forced]
        best, take = _programme(problem.costs[free], problem.values[free], capacity)
        shift = 0
        if forced is not None and forced in side:
            shift = int(problem.costs[forced])
            if shift > capacity:
                return None
            shifted = np.full(capacity + 1, NEG, dtype=np.int64)
            shifted[shift:] = np.where(best[:capacity + 1 - shift] > NEG,
                                       best[:capacity + 1 - shift] + problem.values[forced], NEG)
            best = shifted
        arrays.append((free, best, take, shift))
    if problem.balance <= 0:
        free, best, take, shift = arrays[0]
        spent = int(np.argmax(best))
        spends = [spent]
        value = int(best[spent])
        if value <= NEG:
            return None
    else:
        pair = _best_pair(arrays[0][1], arrays[1][1], capacity, problem.balance)
        if pair is None:
            return None
        spends, value = [pair[0], pair[1]], pair[2]
    chosen = []
    for (free, _best, take, shift), spent in zip(arrays, spends, strict=False):
        chosen += [free[i] for i in _chosen(take, problem.costs[free], spent - shift)]
        if shift:
            chosen.append(forced)
    return value, sorted(chosen)


def select(candidates: Sequence[Candidate], budget: Decimal, *, minimum_score: Decimal = Decimal(0),
           balance: Decimal = Decimal(0), explain: bool = True, max_units: int = MAX_UNITS) -> Result:
    """The set of candidates with the highest total score within ``budget`` (and the balance, if any).

    ``balance`` is a percentage (0–50): each party's lead applicants get at least that share
    of the money awarded. Candidates without a score, or below ``minimum_score``, are left out.
    """
    balance = Decimal(balance or 0)
    if not Decimal(0) <= balance <= Decimal(50):
        raise ValueError("the balance is a percentage between 0 and 50")
    candidates = list(candidates)
    problem = _problem([c if c.score is not None else Candidate(c.key, c.amount, Decimal(0), c.party)
                        for c in candidates], budget, balance / 100, max_units)
    eligible = [i for i, c in enumerate(candidates)
                if c.score is not None and Decimal(c.score) >= Decimal(minimum_score or 0)]
    solved = _solve(problem, eligible) or (0, [])
    value, chosen = solved
    result = _result(problem, candidates, chosen, value)
    if explain:
        result.why_not = _why_not(problem, candidates, eligible, chosen, value, Decimal(budget), minimum_score)
    return result


def _result(problem: _Problem, candidates, chosen: list[int], value: int) -> Result:
    by_party: dict[Hashable, Decimal] = {}
    for i in chosen:
        by_party[candidates[i].party] = by_party.get(candidates[i].party, Decimal(0)) + Decimal(candidates[i].amount)
    return Result(selected=[problem.keys[i] for i in chosen], total_score=Decimal(value) / CENTS,
                  total_amount=sum((Decimal(candidates[i].amount) for i in chosen), Decimal(0)),
                  unit=Decimal(problem.unit_cents) / CENTS, exact=problem.exact, by_party=by_party)


def _why_not(problem: _Problem, candidates, eligible: list[int], chosen: list[int], value: int,
             budget: Decimal, minimum_score) -> dict[Hashable, WhyNot]:
    spent = sum((Decimal(candidates[i].amount) for i in chosen), Decimal(0))
    left = budget - spent
    out = [i for i in range(len(candidates)) if i not in set(chosen)]
    explained = {}
    for i in out:
        candidate = candidates[i]
        why = WhyNot(budget_needed=max(Decimal(0), Decimal(candidate.amount) - left))
        if candidate.score is None:
            why.not_reviewed = True
        elif Decimal(candidate.score) < Decimal(minimum_score or 0):
            why.below_minimum = True
        if i in eligible and len(out) <= EXPLAIN_LIMIT:
            forced = _solve(problem, eligible, forced=i)
            if forced is not None:
                rest = forced[0] - int(problem.values[i])
                why.score_needed = Decimal(max(0, value - rest)) / CENTS
        explained[problem.keys[i]] = why
    return explained
