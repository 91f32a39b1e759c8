"""Speed of the public portal's landing page at scale, against issue 12's target (p95 <= 100 ms).

    .venv/bin/python benchmarks/portal.py [--database-url postgres://postgres@127.0.0.1:5432/postgres]
                                          [--measures 100000] [--mentions 1000000] [--runs 50]

Loads the inventory benchmark's data set (``benchmarks/inventory.py``'s ``load``: 100,000 measures in
three visibilities, 1,000,000 mentions in 10,000 documents, 5,000 agreements …), adds 2,000 meetings,
2,000 events, a trade indicator with both sides' figures and its target, then requests as an
anonymous visitor through Django's test client (view, queries, template):

  * the landing page (the tallies by status and topic cached under the data version, as in use),
  * the landing page just after a change (the cache missed: every public measure counted again;
    once per change, for information),
  * a topic page (for information),

and prints p50 / p95 and the query count of each beside the target.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import inventory as inventory_benchmark  # noqa: E402  (after the path is set)

TARGET_MS = 100


def add_portal_records(rng) -> None:
    from django.db import transaction

    from kenes.council.models import Event, Meeting
    from kenes.directory.models import Party
    from kenes.indicators.models import Indicator, Observation, Target

    kz, uz = Party.objects.get(code="KZ"), Party.objects.get(code="UZ")
    today = datetime.date.today()
    with transaction.atomic():
        Meeting.objects.bulk_create(
            [Meeting(title_en=f"Meeting {n}", date=(today + datetime.timedelta(days=n - 1000)).isoformat(),
                     status="held" if n < 1000 else "planned", visibility=rng.choice(["public", "internal"]))
             for n in range(2000)], batch_size=1000)
        Event.objects.bulk_create(
            [Event(title_en=f"Event {n}", start_date=(today + datetime.timedelta(days=n - 1000)).isoformat(),
                   visibility=rng.choice(["public", "restricted"])) for n in range(2000)], batch_size=1000)
        trade = Indicator.objects.create(name_en="Mutual trade turnover", unit="USD", visibility="public")
        Target.objects.create(indicator=trade, value=Decimal("10000000000"), deadline="2030", visibility="public")
        for party, base in ((kz, 3_000_000_000), (uz, 2_800_000_000)):
            Observation.objects.bulk_create(
                [Observation(indicator=trade, reporting_party=party, period=str(year),
                             value=Decimal(base + (year - 2015) * 150_000_000), visibility="public")
                 for year in range(2015, 2025)])


def _time(client, url: str, runs: int, before=None) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: templates compiled
    times = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times, len(captured.captured_queries)


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server URL (a database kenes_bench is made on it)")
    parser.add_argument("--measures", type=int, default=100_000)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    admin_url = inventory_benchmark._configure(args.database_url)
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    try:
        call_command("migrate", verbosity=0)
        rng = random.Random(12)
        inventory_benchmark.load(args.measures, args.mentions, rng)
        add_portal_records(rng)
        client = Client()
        # The target is the landing page as readers meet it; the other two rows are for information.
        pages = [
            ("landing page", "/portal/", None, True),
            ("landing page, cache missed", "/portal/", cache.clear, False),
            ("topic page (water)", "/portal/topics/water/", None, False),
        ]
        print(f"{'page':30} {'p50 ms':>8} {'p95 ms':>8} {'queries':>7}   target p95 <= {TARGET_MS} ms")
        for name, url, before, targeted in pages:
            times, queries = _time(client, url, args.runs, before)
            p95 = _p(times, 95)
            verdict = ("ok" if p95 <= TARGET_MS else "MISSED") if targeted else "(no target)"
            print(f"{name:30} {_p(times, 50):8.1f} {p95:8.1f} {queries:7d}   {verdict}")
    finally:
        inventory_benchmark._drop(admin_url)


if __name__ == "__main__":
    main()
