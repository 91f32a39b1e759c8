"""Seeds documents into the database the worker tests' processes share: ``python -m tests.documents.workerctl``.

Run as its own process (with the test's KENES_DATABASE_URL and KENES_REDIS_URL), so the documents
are ingested and their tasks enqueued exactly as an upload does.
"""

import argparse
import json
import os
import random
import sys

WORDS = ("trade", "water", "energy", "transport", "customs", "logistics", "education", "tourism",
         "industry", "agriculture", "investment", "border", "culture", "science", "health")


def text_of(index: int, marker: str, seed: int) -> str:
    """A short document of its own (no two share five words in a row, so none is a near-duplicate)."""
    rng = random.Random(seed * 100003 + index)
    lines = [f"Test document {index} {marker}".strip(),
             "On 12 March 2025 President Kassym-Jomart Tokayev met Minister Bakhtiyor Saidov in Astana."]
    for sentence in range(12):
        tokens = []
        for position in range(9):
            tokens.append(rng.choice(WORDS) if position % 2 else f"w{rng.randrange(10**9)}")
        lines.append(" ".join(tokens) + f" {index}-{sentence}.")
    return "\n".join(lines)


def seed(count: int, markers: dict[int, str], seed_value: int, *, enqueue: bool = True,
         again: bool = False) -> list[int]:
    from kenes.accounts.models import User
    from kenes.documents import services

    user, _created = User.objects.get_or_create(username="alice", defaults={"role": User.Role.SECRETARIAT})
    ids = []
    for index in range(count):
        text = text_of(index, markers.get(index, ""), seed_value)
        outcome = services.ingest(user, text.encode(), name=f"doc-{index}.txt", language="en", enqueue=enqueue)
        assert outcome.status == "new", (outcome.status, outcome.reason)
        ids.append(outcome.document.pk)
    for pk in ids if again else ():
        services.enqueue_extraction(pk)
    return ids


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--marker", action="append", default=[], help="INDEX:WORD, e.g. 0:SLOW or 3:EXPLODE")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-enqueue", action="store_false", dest="enqueue", help="queued, but with no task")
    parser.add_argument("--enqueue-again", action="store_true", help="a second task for every document")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.documents.worker_settings")
    import django

    django.setup()
    markers = {int(index): word for index, word in (item.split(":", 1) for item in options.marker)}
    print(json.dumps(seed(options.count, markers, options.seed, enqueue=options.enqueue,
                          again=options.enqueue_again)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
