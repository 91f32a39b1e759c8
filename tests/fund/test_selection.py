"""The selection is optimal: it equals a brute-force search on many random small calls."""

import itertools
import random
from decimal import Decimal

import pytest

from kenes.fund.selection import Candidate, select


def brute_force(candidates, budget, minimum=Decimal(0), balance=Decimal(0)):
    """The best total score over every subset that fits (and is balanced): the definition itself."""
    eligible = [c for c in candidates if c.score is not None and c.score >= minimum]
    best = Decimal(0)
    for size in range(len(eligible) + 1):
        for subset in itertools.combinations(eligible, size):
            total = sum((c.amount for c in subset), Decimal(0))
            if total > budget:
                continue
            if balance and total:
                shares = {}
                for c in subset:
                    shares[c.party] = shares.get(c.party, Decimal(0)) + c.amount
                sides = [shares.get("KZ", Decimal(0)), shares.get("UZ", Decimal(0))]
                if any(side * 100 < balance * total for side in sides):
                    continue
            best = max(best, sum((c.score for c in subset), Decimal(0)))
    return best


def random_call(rng, size):
    candidates = [Candidate(key=i, amount=Decimal(rng.randint(1, 40) * 1000),
                            score=Decimal(rng.randint(0, 10000)) / 100, party=rng.choice(["KZ", "UZ"]))
                  for i in range(size)]
    budget = Decimal(rng.randint(0, sum(int(c.amount) for c in candidates)))
    return candidates, budget


def check(candidates, budget, result, minimum=Decimal(0), balance=Decimal(0)):
    chosen = [c for c in candidates if c.key in set(result.selected)]
    total = sum((c.amount for c in chosen), Decimal(0))
    assert total <= budget
    assert all(c.score >= minimum for c in chosen)
    if balance and total:
        for party in ("KZ", "UZ"):
            assert sum((c.amount for c in chosen if c.party == party), Decimal(0)) * 100 >= balance * total
    assert sum((c.score for c in chosen), Decimal(0)) == result.total_score
    assert result.total_amount == total


@pytest.mark.parametrize("seed", range(150))
def test_it_equals_brute_force_without_balance(seed):
    rng = random.Random(seed)
    candidates, budget = random_call(rng, rng.randint(0, 13))
    minimum = Decimal(rng.choice([0, 0, 30, 60]))
    result = select(candidates, budget, minimum_score=minimum, explain=False)
    check(candidates, budget, result, minimum)
    assert result.exact
    assert result.total_score == brute_force(candidates, budget, minimum)


@pytest.mark.parametrize("seed", range(150))
def test_it_equals_brute_force_with_balance(seed):
    rng = random.Random(1000 + seed)
    candidates, budget = random_call(rng, rng.randint(0, 13))
    balance = Decimal(rng.choice([10, 25, 33, 40, 50]))
    minimum = Decimal(rng.choice([0, 0, 40]))
    result = select(candidates, budget, minimum_score=minimum, balance=balance, explain=False)
    check(candidates, budget, result, minimum, balance)
    assert result.total_score == brute_force(candidates, budget, minimum, balance)


def test_it_handles_fifteen_applications():
    rng = random.Random(7)
    candidates, budget = random_call(rng, 15)
    result = select(candidates, budget, balance=Decimal(30), explain=False)
    assert result.total_score == brute_force(candidates, budget, balance=Decimal(30))


def test_the_obvious_greedy_choice_is_not_taken_when_two_smaller_ones_score_more():
    candidates = [Candidate("big", Decimal(60000), Decimal(90), "KZ"),
                  Candidate("a", Decimal(50000), Decimal(80), "KZ"),
                  Candidate("b", Decimal(50000), Decimal(75), "UZ")]
    result = select(candidates, Decimal(100000))
    assert sorted(result.selected) == ["a", "b"]
    assert result.total_score == Decimal(155)


def test_why_not_gives_the_score_and_the_money_it_would_have_needed():
    candidates = [Candidate("big", Decimal(60000), Decimal(90), "KZ"),
                  Candidate("a", Decimal(50000), Decimal(80), "KZ"),
                  Candidate("b", Decimal(50000), Decimal(75), "UZ")]
    result = select(candidates, Decimal(100000))
    why = result.why_not["big"]
    # With "big" in, 40,000 is left and neither other fits: alone it would have had to beat 80 + 75.
    assert why.score_needed == Decimal(155)
    assert why.budget_needed == Decimal(60000)  # nothing is left over: the whole amount is missing


def test_balance_gives_each_side_its_share():
    candidates = [Candidate("kz1", Decimal(40000), Decimal(95), "KZ"),
                  Candidate("kz2", Decimal(40000), Decimal(94), "KZ"),
                  Candidate("uz1", Decimal(30000), Decimal(50), "UZ")]
    assert sorted(select(candidates, Decimal(80000)).selected) == ["kz1", "kz2"]
    balanced = select(candidates, Decimal(80000), balance=Decimal(30))
    assert sorted(balanced.selected) == ["kz1", "uz1"]
    assert balanced.by_party == {"KZ": Decimal(40000), "UZ": Decimal(30000)}


def test_below_minimum_and_unreviewed_applications_are_explained_and_left_out():
    candidates = [Candidate("weak", Decimal(1000), Decimal(20), "KZ"),
                  Candidate("new", Decimal(1000), None, "UZ"),
                  Candidate("good", Decimal(1000), Decimal(70), "UZ")]
    result = select(candidates, Decimal(10000), minimum_score=Decimal(50))
    assert result.selected == ["good"]
    assert result.why_not["weak"].below_minimum
    assert result.why_not["new"].not_reviewed


def test_amounts_without_a_common_unit_are_rounded_up_and_said_so():
    candidates = [Candidate(i, Decimal("1234.57") + i, Decimal(50), "KZ") for i in range(5)]
    result = select(candidates, Decimal("5000000.00"), max_units=1000)
    assert not result.exact
    assert result.total_amount <= Decimal("5000000.00")
    assert len(result.selected) == 5


def test_a_balance_outside_0_to_50_is_refused():
    with pytest.raises(ValueError):
        select([], Decimal(100), balance=Decimal(60))
