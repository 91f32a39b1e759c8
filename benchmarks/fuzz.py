"""Fuzz the extraction engine: generated documents through reading and extraction, as a worker runs them.

    .venv/bin/python benchmarks/fuzz.py [--count 10000] [--seed 14] [--show 5]

Inputs (tests/fuzz/inputs.py): random text in the Latin and Cyrillic scripts of the four languages,
words the rules react to, one phrase repeated, hostile HTML (deep nesting, odd charsets, entities),
PDF and DOCX compressed bombs, random bytes. Reports crashes (with their tracebacks: each is a bug),
inputs stopped by their time budget, refusals, and the slowest inputs. Exit status 1 when any
input crashed or went over its budget. A 200-input sample runs in CI (tests/fuzz/).
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.inputs import document  # noqa: E402
from tests.fuzz.runner import run_one  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--show", type=int, default=5, help="crashes and slowest inputs to print")
    parser.add_argument("--part", default="0/1", metavar="K/N",
                        help="run only inputs number K, K+N, K+2N… (to spread a run over N processes; "
                             "K counts from 0: --part 0/2 and --part 1/2)")
    args = parser.parse_args()
    try:
        part, parts = (int(x) for x in args.part.split("/"))
    except ValueError:
        parser.error(f"--part {args.part}: expected K/N, two whole numbers such as 0/2")
    if not 0 <= part < parts:
        parser.error(f"--part {args.part}: K counts from 0 and must be below N (for two processes: 0/2 and 1/2)")
    rng = random.Random(args.seed)
    kinds: collections.Counter[str] = collections.Counter()
    by_reader: collections.Counter[str] = collections.Counter()
    crashes, over, slowest = [], [], []
    started = time.perf_counter()
    for n in range(args.count):
        name, data = document(rng, n)  # every input is generated, so that a part sees the same ones
        if n % parts != part:
            continue
        outcome = run_one(name, data)
        kinds[outcome.kind] += 1
        by_reader[name.rsplit(".", 1)[-1] if "." in name else "no extension"] += 1
        if outcome.kind == "crash":
            crashes.append(outcome)
        elif outcome.kind == "over_budget":
            over.append(outcome)
        slowest = sorted([*slowest, (outcome.seconds, name, len(data), outcome.kind)], reverse=True)[: args.show]
        done = sum(kinds.values())
        if done % 1000 == 0:
            print(f"  {done:,} inputs, {time.perf_counter() - started:,.0f} s: {dict(kinds)}", flush=True)
    elapsed = time.perf_counter() - started
    print(f"kenes extraction fuzz — {sum(kinds.values()):,} of {args.count:,} inputs (part {args.part}), "
          f"seed {args.seed}, {elapsed:,.0f} s")
    print(f"  inputs by reader: {dict(by_reader)}")
    print(f"  outcomes: {kinds['ok']:,} extracted, {kinds['refused']:,} refused in one line, "
          f"{kinds['over_budget']:,} over their time budget, {kinds['crash']:,} crashes")
    print("  slowest: " + "; ".join(f"{name} ({size:,} bytes, {kind}) {seconds:.2f} s"
                                    for seconds, name, size, kind in slowest))
    for outcome in crashes[: args.show]:
        print(f"\nCRASH {outcome.name}:\n{outcome.message}")
    for outcome in over[: args.show]:
        print(f"OVER BUDGET {outcome.name}: {outcome.message}")
    return 1 if crashes or over else 0


if __name__ == "__main__":
    sys.exit(main())
