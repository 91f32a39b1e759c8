"""Speed of the expert pool's ranking at scale: 2,000 experts, 50,000 statements.

    .venv/bin/python benchmarks/experts.py [--database-url postgres://postgres@127.0.0.1:5432/postgres]
                                           [--people 2000] [--meetings 2500] [--runs 20]

Loads (in bulk, into a fresh database) 2,000 people of both sides, each in the pool with one to
three declared topics and a biography; 2,500 meetings with four agenda items each (a theme per
item, a presenter, five speakers: 50,000 statements in English or Russian, most on the item's
theme); 5,000 measures proposed by them; 2,000 documents naming ten of them each in sentences
about a theme. The search index is then built the platform's way (``kenes.search.index.rebuild``).

It times, as a council member, ``rank_experts`` for subjects in both languages, and the pool page
for one of them through Django's test client (view, queries, template), and prints wall-clock
p50 / p95, the p50 of this process's CPU time (on a shared machine the wall clock includes waiting
for a core) and the number of SQL queries. Target: p95 well under a second (<= 500 ms). With a PostgreSQL URL a
database ``kenes_bench_experts`` is made on that server and dropped afterwards; by default SQLite
in a temporary folder.
"""

from __future__ import annotations

import argparse
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
DATABASE = "kenes_bench_experts"
QUERIES = ["water", "water diplomacy", "транспортные коридоры", "Afghanistan", "энергетика", "tourism"]
FIRST = "Aigerim Bakhyt Dilnoza Nurlan Timur Saule Jasur Malika Yerlan Gulnara Rustam Zarina Askar Kamila".split()
LAST = "Sarsenov Karimova Abenov Yusupov Tashkentova Nurpeisov Rakhimov Alieva Ermekov Saidova Tulegenov".split()
NOUNS_EN = ["a joint working group", "a shared monitoring system", "an annual forum", "a pilot project",
            "common standards", "a research consortium", "a data exchange", "a training programme"]
NOUNS_RU = ["совместную рабочую группу", "общую систему мониторинга", "ежегодный форум", "пилотный проект",
            "единые стандарты", "исследовательский консорциум", "обмен данными", "программу обучения"]


def _configure(url: str | None) -> str | None:
    """Point Django at a fresh database; returns the admin URL to drop it with afterwards."""
    os.environ["KENES_DATA_DIR"] = tempfile.mkdtemp(prefix="kenes-bench-experts-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kenes.settings")
    # The pages are measured as a signed-in secretariat user, with no authenticator app in a benchmark.
    os.environ.setdefault("KENES_REQUIRE_2FA", "off")
    os.environ["KENES_ALLOWED_HOSTS"] = "testserver"  # Django's test client, in process
    if not url:
        return None
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        conn.execute(f"CREATE DATABASE {DATABASE}")
    os.environ["KENES_DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{DATABASE}"))
    return url


def _drop(admin_url: str | None) -> None:
    if admin_url:
        import psycopg
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def _said(rng, topic) -> dict:
    """A statement of about 150 characters on ``topic``, in English or Russian."""
    if rng.random() < 0.5:
        return {"summary_en": f"Stressed cooperation on {topic.name_en.lower()} and proposed {rng.choice(NOUNS_EN)} "
                              f"with annual reports to both governments and the council's secretariats."}
    return {"summary_ru": f"Подчеркнул важность сотрудничества («{topic.name_ru}») и предложил "
                          f"{rng.choice(NOUNS_RU)} с ежегодными отчётами правительствам."}


def _people(rng, count: int, topics, parties):
    from kenes.council.models import ExpertProfile
    from kenes.directory.models import Person

    people = Person.objects.bulk_create(
        [Person(name_en=f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}", party=parties[n % 2], visibility="public",
                biography_en=f"Works on {rng.choice(topics).name_en.lower()} and regional cooperation; "
                             f"formerly at a ministry.") for n in range(count)], batch_size=2000)
    Person.expertise.through.objects.bulk_create(
        [Person.expertise.through(person_id=person.pk, topic_id=topic.pk)
         for person in people for topic in rng.sample(topics, rng.randint(1, 3))], batch_size=5000)
    ExpertProfile.objects.bulk_create(
        [ExpertProfile(person=person, languages=rng.choice(["kk,ru", "uz,ru,en", "en,ru"]), email="x@example.org",
                       visibility="public" if n % 5 else "internal") for n, person in enumerate(people)],
        batch_size=2000)
    return people


def _meetings(rng, count: int, topics, people) -> int:
    from kenes.council.models import AgendaItem, Meeting, Speaker

    meetings = Meeting.objects.bulk_create(
        [Meeting(title_en=f"Meeting {n}", date=f"{2015 + n % 11}-{1 + n % 12:02d}",
                 visibility="public" if n % 4 else "internal") for n in range(count)], batch_size=2000)
    themes = []
    items = []
    for meeting in meetings:
        for position in range(1, 5):
            theme = rng.choice(topics)
            themes.append(theme)
            items.append(AgendaItem(meeting=meeting, position=position, title_en=theme.name_en,
                                    title_ru=theme.name_ru))
    items = AgendaItem.objects.bulk_create(items, batch_size=5000)
    AgendaItem.presenters.through.objects.bulk_create(
        [AgendaItem.presenters.through(agendaitem_id=item.pk, person_id=rng.choice(people).pk) for item in items],
        batch_size=5000)
    speeches = [Speaker(item=item, person=person, position=position,
                        **_said(rng, theme if rng.random() < 0.8 else rng.choice(topics)))
                for item, theme in zip(items, themes, strict=True)
                for position, person in enumerate(rng.sample(people, 5), start=1)]
    Speaker.objects.bulk_create(speeches, batch_size=5000)
    return len(speeches)


def _measures_and_documents(rng, topics, people, parties) -> None:
    from django.contrib.contenttypes.models import ContentType

    from kenes.directory.models import Person
    from kenes.documents.models import Document, Mention
    from kenes.inventory.models import Measure, MeasureStatus

    status = MeasureStatus.objects.first()
    measures = Measure.objects.bulk_create(
        [Measure(title_en=f"Develop {rng.choice(NOUNS_EN)} on {rng.choice(topics).name_en.lower()}", status=status,
                 visibility=rng.choice(["public", "internal", "restricted"])) for _ in range(5000)], batch_size=2000)
    Measure.proposed_by_people.through.objects.bulk_create(
        [Measure.proposed_by_people.through(measure_id=measure.pk, person_id=rng.choice(people).pk)
         for measure in measures], batch_size=5000)
    person_type = ContentType.objects.get_for_model(Person)
    mentions = []
    for n in range(2000):
        sentences, spans = [], []
        for person in rng.sample(people, 10):
            start = sum(len(s) + 1 for s in sentences)
            spans.append((person, start, start + len(person.name_en)))
            sentences.append(f"{person.name_en} spoke about {rng.choice(topics).name_en.lower()} with partners.")
            sentences.append("The parties noted progress and agreed to meet again next year in the capital.")
        document = Document.objects.create(title=f"Report {n}", text=" ".join(sentences), sha256=f"{n:064x}",
                                           language="en", visibility="public", state="reviewed")
        mentions += [Mention(document=document, kind="person", label=person.name_en, spans=[[start, end]],
                             fingerprint=f"p{n}-{person.pk}", decision="linked", content_type=person_type,
                             object_id=person.pk) for person, start, end in spans]
    Mention.objects.bulk_create(mentions, batch_size=5000)


def load(people_count: int, meetings: int, rng) -> dict:
    from django.db import connection, transaction

    from kenes.accounts.models import User
    from kenes.core.models import Topic
    from kenes.directory.models import Party
    from kenes.search import index

    started = time.perf_counter()
    parties = [Party.objects.get_or_create(code=code, defaults={"name_en": name})[0]
               for code, name in (("KZ", "Kazakhstan"), ("UZ", "Uzbekistan"))]
    member = User.objects.create(username="mark", role=User.Role.MEMBER, party=parties[0])
    topics = list(Topic.objects.all())
    with transaction.atomic():
        people = _people(rng, people_count, topics, parties)
        speeches = _meetings(rng, meetings, topics, people)
        _measures_and_documents(rng, topics, people, parties)
    loaded = time.perf_counter()
    entries = index.rebuild()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"loaded {people_count:,} experts, {meetings:,} meetings, {speeches:,} statements, 5,000 measures, "
          f"2,000 documents in {loaded - started:.0f} s; indexed {entries:,} records in "
          f"{time.perf_counter() - loaded:.0f} s ({connection.vendor})")
    return {"user": member}


def _time(function, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU milliseconds per run: on a shared machine the two differ."""
    function()  # warm: templates compiled, caches filled
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def _report(name: str, times: tuple[list[float], list[float]], queries: int, found: str) -> None:
    wall, cpu = times
    p95 = _p(wall, 95)
    verdict = "ok" if p95 <= 500 else "MISSED"
    print(f"{name:38} {_p(wall, 50):8.1f} {p95:8.1f} {_p(cpu, 50):8.1f} {queries:7d}  {found:>7}   {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a PostgreSQL server URL (a database is made on it and dropped)")
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--meetings", type=int, default=2500, help="four items with five speakers each")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    admin_url = _configure(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kenes.council.experts import rank_experts

    try:
        call_command("migrate", verbosity=0)
        user = load(args.people, args.meetings, random.Random(9))["user"]
        print(f"{'as a council member':38} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'queries':>7}  {'people':>7}"
              "   target p95 <= 500 ms (cpu: this process only; the database server's share is not in it)")
        for query in QUERIES:
            with CaptureQueriesContext(connection) as captured:
                found = rank_experts(user, query, limit=None)
            times = _time(lambda query=query: rank_experts(user, query, limit=None), args.runs)
            _report(f"rank_experts({query!r})", times, len(captured), f"{len(found):,}")
        client = Client()
        client.force_login(user)
        url = "/council/experts/?q=water+diplomacy"
        executed = []
        # Counted by a wrapper: the test client's request resets Django's own query log as it starts.
        with connection.execute_wrapper(lambda execute, *a: executed.append(1) or execute(*a)):
            assert client.get(url).status_code == 200
        _report("the pool page, q=water diplomacy", _time(lambda: client.get(url), args.runs), len(executed), "")
    finally:
        _drop(admin_url)


if __name__ == "__main__":
    main()
