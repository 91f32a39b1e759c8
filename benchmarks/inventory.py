"""Speed of the inventory's pages at scale, against the targets of issue 8.

    .venv/bin/python benchmarks/inventory.py [--database-url postgres://postgres@127.0.0.1:5432/postgres]
                                             [--measures 100000] [--mentions 1000000] [--runs 30]

Loads (in bulk, straight into a fresh database) 100,000 measures with 1,000,000 mentions in 10,000
documents, 5,000 agreements, 20,000 work items and 20,000 published assessments, then requests as
the secretariat, through Django's test client (the whole page: view, queries, template):

  * the inventory with three filters (topic, status, party) and a text search,
  * the inventory sorted by last change,
  * a measure's page with 50 mentions as its evidence,
  * the compliance table,

and prints p50 / p95 of each beside the same SQL the page ran, executed raw through the database
cursor. Targets: p95 <= 50 ms per page, and each page <= 3x its raw queries. With a PostgreSQL URL a
database ``kenes_bench`` is created on that server and dropped afterwards; by default SQLite in a
temporary folder. ``--keep DIR`` loads once and reuses the data on later runs (SQLite: in DIR; PostgreSQL:
``kenes_bench`` is kept), so a change to a page can be measured again in seconds rather than minutes.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORDS = ("water trade transport energy climate border education science tourism health digital joint council "
         "corridor railway fund forum expert research programme roadmap industrial cooperation regional").split()


def _configure(url: str | None, keep: str | None = None) -> str | None:
    """Point Django at a fresh database (or the kept one); returns the admin URL to drop it with afterwards."""
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
    os.environ["KENES_DATA_DIR"] = keep or tempfile.mkdtemp(prefix="kenes-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenes.settings")
    # The pages are measured as a signed-in secretariat user, with no authenticator app in a benchmark.
    os.environ.setdefault("KENES_REQUIRE_2FA", "off")
    os.environ["KENES_ALLOWED_HOSTS"] = "testserver"  # Django's test client, in process
    # Each page is measured as it is made, the cost a reader pays on a first visit or after any change: a
    # reload answered from the kept copy (kenes.core.pagecache) takes under a millisecond and is what
    # benchmarks/load.py measures with its clients.
    os.environ["KENES_PAGE_CACHE_SECONDS"] = "0"
    if not url:
        return None
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = 'kenes_bench'").fetchone()
        if not (keep and exists):
            conn.execute("DROP DATABASE IF EXISTS kenes_bench")
            conn.execute("CREATE DATABASE kenes_bench")
    os.environ["KENES_DATABASE_URL"] = urlunsplit(parts._replace(path="/kenes_bench"))
    return None if keep else url


def _drop(admin_url: str | None) -> None:
    if admin_url:
        import psycopg
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS kenes_bench")


def _title(rng) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()


def load(measures: int, mentions: int, rng) -> dict:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from kenes.accounts.models import User
    from kenes.core.models import Topic
    from kenes.directory.models import Party
    from kenes.documents.models import Document, Mention
    from kenes.extraction.translit import fold
    from kenes.inventory.models import Agreement, Assessment, Measure, MeasureStatus, PartyStatus
    from kenes.search import backends
    from kenes.search.models import SearchEntry
    from kenes.workplan.models import WorkItem, WorkPlan

    started = time.perf_counter()
    kz, _ = Party.objects.get_or_create(code="KZ", defaults={"name_en": "Kazakhstan"})
    uz, _ = Party.objects.get_or_create(code="UZ", defaults={"name_en": "Uzbekistan"})
    user, _ = User.objects.get_or_create(username="alice", defaults={"role": User.Role.SECRETARIAT, "party": kz})
    statuses = list(MeasureStatus.objects.all())
    topics = list(Topic.objects.all())
    batch = 5000
    with transaction.atomic():
        Agreement.objects.bulk_create(
            [Agreement(title_en=_title(rng), search_key=fold("agreement"), visibility="public", kind="agreement")
             for _ in range(5000)], batch_size=batch)
        agreement_ids = list(Agreement.objects.values_list("pk", flat=True))
        rows = []
        for number in range(measures):
            title = _title(rng)
            rows.append(Measure(title_en=title, search_key=fold(title), status=rng.choice(statuses),
                                level=rng.choice(Measure.Level.values), first_proposed_on=f"{rng.randint(2015, 2026)}",
                                agreement_id=rng.choice(agreement_ids) if number % 3 == 0 else None,
                                visibility=rng.choice(["public", "internal", "restricted"])))
        Measure.objects.bulk_create(rows, batch_size=batch)
        measure_ids = list(Measure.objects.values_list("pk", flat=True))
        Measure.topics.through.objects.bulk_create(
            [Measure.topics.through(measure_id=pk, topic_id=rng.choice(topics).pk) for pk in measure_ids],
            batch_size=batch)
        Measure.proposed_by_parties.through.objects.bulk_create(
            [Measure.proposed_by_parties.through(measure_id=pk, party_id=rng.choice([kz.pk, uz.pk]))
             for pk in measure_ids], batch_size=batch)
        PartyStatus.objects.bulk_create(
            [PartyStatus(measure_id=pk, party=kz, status=rng.choice(statuses)) for pk in measure_ids[::4]],
            batch_size=batch)
        plans = WorkPlan.objects.bulk_create([WorkPlan(title_en=f"Plan {n}", visibility="public") for n in range(20)])
        WorkItem.objects.bulk_create(
            [WorkItem(plan=plans[n % 20], measure_id=pk, visibility="public")
             for n, pk in enumerate(rng.sample(measure_ids, min(20000, len(measure_ids))))], batch_size=batch)
        Assessment.objects.bulk_create(
            [Assessment(measure_id=pk, party=rng.choice([kz, uz]), period=str(rng.randint(2020, 2026)),
                        score=rng.choice([-1, 0, 1]), state="published", visibility="public")
             for pk in rng.sample(measure_ids, min(20000, len(measure_ids)))], batch_size=batch)
        documents = Document.objects.bulk_create(
            [Document(title=f"Document {n}", text="x" * 200, sha256=f"{n:064x}", visibility="public",
                      state="reviewed") for n in range(10000)], batch_size=batch)
        measure_type = ContentType.objects.get_for_model(Measure)
        featured = measure_ids[0]
        for start in range(0, mentions, 50000):
            Mention.objects.bulk_create(
                [Mention(document=documents[n % len(documents)], kind="measure", label="a measure",
                         spans=[[0, 20]], quote="x" * 20, fingerprint=f"m{n}", decision="linked",
                         content_type=measure_type,
                         object_id=featured if n < 50 else rng.choice(measure_ids))
                 for n in range(start, min(start + 50000, mentions))], batch_size=batch)
        entries = SearchEntry.objects.bulk_create(
            [SearchEntry(content_type=measure_type, object_id=measure.pk, kind="measure", visibility=measure.visibility,
                         title=measure.title_en, folded=measure.search_key, url=f"/inventory/{measure.pk}/")
             for measure in Measure.objects.only("pk", "title_en", "search_key", "visibility").iterator()],
            batch_size=batch)
        if connection.vendor == "sqlite":
            for entry in SearchEntry.objects.filter(kind="measure").only("pk", "folded").iterator():
                backends.write(entry.pk, entry.folded)
    with connection.cursor() as cursor:
        # PostgreSQL: VACUUM as autovacuum does soon after a bulk load (it marks pages all-visible, so index-only
        # scans skip the table); measuring before it would time a state no running server stays in.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"loaded {measures:,} measures, {mentions:,} mentions, {len(entries):,} search entries "
          f"in {time.perf_counter() - started:.0f} s ({connection.vendor})")
    return {"user": user, "featured": featured}


def _time(function, runs: int, cpu: list[float] | None = None) -> list[float]:
    """Wall-clock milliseconds of each run; with ``cpu``, also this process's CPU milliseconds of each.

    On a shared machine the wall clock counts the time other processes held the cores; the process's
    CPU time does not, so it is what an unloaded machine would show for the work done in this process
    (with SQLite that is all of it; PostgreSQL's own work is in another process and not counted)."""
    function()  # warm: templates compiled, caches filled
    times = []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        times.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - started_cpu) * 1000)
    return times


def measure_page(client, url: str, runs: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # The reads the page made (server-side cursors' DECLARE/FETCH/CLOSE and savepoints are not reads to replay).
    queries = [query["sql"] for query in captured.captured_queries if query["sql"].lstrip().upper().startswith(
        ("SELECT", "WITH"))]

    def raw():
        with connection.cursor() as cursor:
            for sql in queries:
                cursor.execute(sql)
                cursor.fetchall()

    cpu: list[float] = []
    return _time(lambda: client.get(url), runs, cpu), cpu, _time(raw, runs), len(queries)


def _kept() -> dict | None:
    """The loaded data of an earlier run in the kept folder, or None when it holds none yet."""
    from kenes.accounts.models import User
    from kenes.documents.models import Mention

    user = User.objects.filter(username="alice").first()
    featured = Mention.objects.order_by("pk").values_list("object_id", flat=True).first()
    if user is None or featured is None:
        return None
    print("reusing the data loaded in the kept folder")
    return {"user": user, "featured": featured}


def _calibration() -> str:
    """How fast this machine runs Python right now: a virtual machine's speed moves by a third and more
    from one minute to the next, so figures taken at different times are compared through this."""
    best = float("inf")
    for _ in range(5):
        started, total = time.process_time(), 0
        for number in range(2_000_000):
            total += number * number
        best = min(best, time.process_time() - started)
    return f"a fixed Python loop took {best * 1000:.0f} ms (lower is faster)"


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server URL (a database kenes_bench is made on it)")
    parser.add_argument("--measures", type=int, default=100_000)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", metavar="DIR", help="load once, reuse afterwards (SQLite in DIR; PostgreSQL: "
                        "kenes_bench is kept, DIR holds the data folder)")
    args = parser.parse_args()
    admin_url = _configure(args.database_url, args.keep)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    try:
        call_command("migrate", verbosity=0)
        loaded = _kept() if args.keep else None
        loaded = loaded or load(args.measures, args.mentions, random.Random(8))
        # The loader's garbage (a million rows built in Python) is not a server's: a full collection over it
        # would otherwise land inside one of the measured requests.
        gc.collect()
        # As `kenes serve` does once the application is loaded (kenes.server.settle), after a first request
        # has loaded the templates and URL patterns.
        from kenes.server import settle

        client = Client()
        client.force_login(loaded["user"])
        client.get("/inventory/")
        settle()
        pages = [
            ("inventory, 3 filters + words", "/inventory/?topic=water&status=adopted&party=KZ&q=joint+council"),
            ("inventory by last change", "/inventory/?sort=-updated_at"),
            ("measure with 50 mentions", f"/inventory/{loaded['featured']}/"),
            ("compliance table", "/inventory/compliance/?by=period"),
        ]
        print(f"load average before: {_load()}; {_calibration()}")
        print(f"{'page':32} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'cpu p95':>8} {'raw p95':>8} {'x raw':>6} "
              f"{'queries':>7}   target p95 <= 50 ms, <= 3x raw")
        for name, url in pages:
            page, cpu, raw, count = measure_page(client, url, args.runs)
            p95, raw95 = _p(page, 95), _p(raw, 95)
            verdict = "ok" if p95 <= 50 and p95 <= 3 * raw95 else "MISSED"
            print(f"{name:32} {_p(page, 50):8.1f} {p95:8.1f} {_p(cpu, 50):8.1f} {_p(cpu, 95):8.1f} {raw95:8.1f} "
                  f"{p95 / raw95:6.1f} {count:7d}   {verdict}")
        print(f"load average after: {_load()}; {_calibration()} (cpu: this process's CPU time per page, what an unloaded "
              f"machine shows; with PostgreSQL the server's own work is not in it)")
    finally:
        _drop(admin_url)


if __name__ == "__main__":
    main()
