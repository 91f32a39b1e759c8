"""Speed of the joint fund's exact selection: 2,000 applications with the balance constraint.

    .venv/bin/python benchmarks/fund.py [--applications 2000] [--runs 5] [--seed 1]

Made-up applications of both sides ask for 20,000 to 500,000 (in steps of 10,000, as grant
budgets are written) with normalised scores of 0–100; the budget is a fifth of all that is
asked. It times ``kenes.fund.selection.select`` (the knapsack by dynamic programming, one per
party, and the best balanced pair) with a 40 % balance and a minimum score of 50, without the
"why not" explanations (one more run per application left out; the ranking page computes those
for a call's own few hundred). Prints the median and worst of the runs next to the target: under 2 s.
No database: the selection is a pure function.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kenes.fund.selection import Candidate, select  # noqa: E402

TARGET_SECONDS = 2.0


def candidates(count: int, seed: int) -> list[Candidate]:
    rng = random.Random(seed)
    return [Candidate(key=i, amount=Decimal(rng.randint(2, 50) * 10_000),
                      score=Decimal(rng.randint(2000, 10000)) / 100, party=rng.choice(["KZ", "UZ"]))
            for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    items = candidates(args.applications, args.seed)
    budget = sum((item.amount for item in items), Decimal(0)) / 5
    times = []
    for _run in range(args.runs):
        started = time.perf_counter()
        result = select(items, budget, minimum_score=Decimal(50), balance=Decimal(40), explain=False)
        times.append(time.perf_counter() - started)
    shares = {party: f"{amount / result.total_amount:.1%}" for party, amount in sorted(result.by_party.items())}
    print(f"applications: {len(items)}, budget: {budget:,.0f}, unit: {result.unit:,.0f}, exact: {result.exact}")
    print(f"selected: {len(result.selected)}, awarded: {result.total_amount:,.0f}, shares: {shares}, "
          f"total score: {result.total_score}")
    print(f"selection time: median {statistics.median(times):.3f} s, worst {max(times):.3f} s "
          f"(target: under {TARGET_SECONDS:.0f} s) — {'OK' if max(times) < TARGET_SECONDS else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
