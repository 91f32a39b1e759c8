"""Bounded work per document: a time budget, checked as the steps go.

Anyone who can submit a document could otherwise stall a worker with a long or repetitive one.
The budget grows with the document (seconds per 100,000 words, with a floor for short ones), so a
long report still gets the time it needs while a hostile one stops with a reason a user can read.
The check is cooperative: between steps and every few sentences inside them, never a signal,
so it works in any thread of a worker.
"""

from __future__ import annotations

import time

SECONDS_PER_100K_WORDS = 15.0
# The floor is wall-clock time on a shared machine: an 80 KB hostile text needs about 3 CPU seconds,
# and a worker beside others may get half a core.
MINIMUM_SECONDS = 10.0
# Unpacking one PDF (pypdf reads about a megabyte of page content a second).
READING_SECONDS = 30.0
# Sentences a step walks between two looks at the clock.
_CHECK_EVERY = 16


class OverBudget(Exception):
    """Extraction of one document took longer than its time budget (the message is one line)."""


def budget_for(text: str, per_100k_words: float = SECONDS_PER_100K_WORDS,
               minimum: float = MINIMUM_SECONDS) -> float:
    """The default budget of ``text``, in seconds."""
    # Spaces and line breaks count the words closely enough without building a list of them.
    words = text.count(" ") + text.count("\n") + 1
    return max(minimum, per_100k_words * words / 100_000)


class Deadline:
    """A point in time after which :meth:`check` raises :class:`OverBudget`; ``None`` seconds: never."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.at = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self.at is not None and time.monotonic() > self.at:
            raise OverBudget(
                f"extraction stopped after its time budget of {self.seconds:g} s "
                "(the document is too long or too repetitive; raise it with --time-budget)"
            )


class CheckedSentences(list):
    """The document's sentences, looking at the deadline every few sentences a step walks through.

    Every step iterates over the sentences, so this bounds the time a step can run on without
    the steps themselves knowing about budgets.
    """

    def __init__(self, spans, deadline: Deadline):
        super().__init__(spans)
        self.deadline = deadline
        # Where each sentence ends, for look-ups by position (kenes.extraction.spans.previous_sentence).
        self.ends = [b for _a, b in self]

    def __iter__(self):
        check = self.deadline.check
        for k in range(0, len(self), _CHECK_EVERY):
            check()
            yield from list.__getitem__(self, slice(k, k + _CHECK_EVERY))
