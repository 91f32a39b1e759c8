"""Position look-ups that keep the steps linear: which sentence holds a position, whether a
position lies inside any of a set of spans, where a stem occurs as a whole word.

The steps used to answer these by scanning every sentence or span for every mention, which is
quadratic in the length of the document (a 500,000-word report took ten times as long as a
125,000-word one). Each index here is built once in linear time and answers in log time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SentenceIndex:
    """The sentence (by its number) that holds a position; sentences are sorted and disjoint."""

    def __init__(self, sentences: list[tuple[int, int]]):
        self.sentences = sentences
        self.starts = [a for a, _b in sentences]

    def at(self, pos: int) -> int | None:
        k = bisect_right(self.starts, pos) - 1
        return k if k >= 0 and pos < self.sentences[k][1] else None


class Cover:
    """Whether a position lies in any of the spans ``[a, b)`` (which may overlap or nest)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [a for a, _b in ordered]
        # The furthest end among the spans starting at or before each one.
        self.reach: list[int] = []
        furthest = -1
        for _a, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def covers(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and self.reach[k] > pos

    def contains(self, start: int, end: int) -> bool:
        """Whether one span holds all of ``[start, end)``."""
        k = bisect_right(self.starts, start) - 1
        return k >= 0 and self.reach[k] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any span shares a position with ``[start, end)``."""
        k = bisect_left(self.starts, end) - 1
        return k >= 0 and self.reach[k] > start


class GrowingSpans:
    """Spans with an owner, added as a step goes, asked which of them hold ``[start, end)``.

    Only spans starting at most the longest span's length before ``start`` can hold it, so the
    look-up stays short while names stay short (the rules cap them).
    """

    def __init__(self):
        self.starts: list[int] = []
        self.entries: list[tuple[int, int, int, object]] = []
        self.longest = 0
        self.added = 0

    def add(self, start: int, end: int, owner) -> None:
        k = bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.entries.insert(k, (start, end, self.added, owner))
        self.added += 1
        self.longest = max(self.longest, end - start)

    def holding(self, start: int, end: int) -> list[tuple[int, int, object]]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_right(self.starts, start)
        return [(a, b, owner) for a, b, _n, owner in self.entries[lo:hi] if b >= end]


class Slots:
    """Mentions (anything with ``start`` and ``end``) in numbered slots, which a step may empty or refill
    as it goes, and a look-up of the filled slots that overlap a span, in slot order. The order of the
    slots is the order of the step's output, which must not change."""

    def __init__(self, mentions: list):
        self.slots: list = []
        self.starts: list[int] = []
        self.entries: list[tuple[int, int]] = []  # (start, slot), sorted
        self.longest = 0
        for mention in mentions:
            self.append(mention)

    def append(self, mention) -> None:
        self.slots.append(None)
        self.put(len(self.slots) - 1, mention)

    def put(self, slot: int, mention) -> None:
        self.slots[slot] = mention
        if mention is None:
            return
        k = bisect_right(self.starts, mention.start)
        self.starts.insert(k, mention.start)
        self.entries.insert(k, (mention.start, slot))
        self.longest = max(self.longest, mention.end - mention.start)

    def overlapping(self, start: int, end: int) -> list[int]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        found = set()
        for mention_start, slot in self.entries[lo:hi]:
            mention = self.slots[slot]
            # An entry is stale when its slot was emptied or refilled since.
            if mention is not None and mention.start == mention_start and start < mention.end:
                found.add(slot)
        return sorted(found)

    def filled(self) -> list:
        return [mention for mention in self.slots if mention is not None]


class _ByStart:
    """Where the mentions of a list sorted by start begin, for the last list asked about (one entry:
    the steps ask about the same dates list thousands of times, then move to the next document).
    The entry is swapped whole, so threads extracting side by side never mix two lists."""

    last: tuple[list | None, list[int], int] = (None, [], 0)

    @classmethod
    def of(cls, items: list) -> tuple[list[int], int]:
        cached = cls.last
        if cached[0] is not items:
            cached = (items, [x.start for x in items], max((x.end - x.start for x in items), default=0))
            cls.last = cached
        return cached[1], cached[2]

    @classmethod
    def forget(cls) -> None:
        cls.last = (None, [], 0)


def starting_in(items: list, lo: int, hi: int) -> list:
    """The mentions of ``items`` (sorted by start) with ``lo <= start < hi``, in order."""
    starts, _longest = _ByStart.of(items)
    return items[bisect_left(starts, lo) : bisect_left(starts, hi)]


def ending_in(items: list, lo: int, hi: int) -> list:
    """The mentions of ``items`` (sorted by start, not nested) that might end in ``[lo, hi]``: a superset,
    for the caller to filter with its own test."""
    starts, longest = _ByStart.of(items)
    return items[bisect_left(starts, lo - longest) : bisect_right(starts, hi)]


def forget() -> None:
    """Drop the last document's index (called when its extraction ends)."""
    _ByStart.forget()


def previous_sentence(sentences: list[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The last sentence that ends at or before ``position`` (sentences are sorted and disjoint)."""
    ends = getattr(sentences, "ends", None)
    if ends is None:
        ends = [b for _a, b in sentences]
    k = bisect_right(ends, position) - 1
    return sentences[k] if k >= 0 else None


class Ordered:
    """Items keyed by a position, for the items whose position falls in ``[lo, hi)``, in key order
    (items with the same key keep the order they were given in)."""

    def __init__(self, items: list, key):
        self.items = sorted(items, key=key)
        self.keys = [key(x) for x in self.items]

    def between(self, lo: int, hi: int) -> list:
        return self.items[bisect_left(self.keys, lo) : bisect_left(self.keys, hi)]


_WORD_RUN = re.compile(r"[\w\-]+")


def whole_words(text: str, stems: list[str], ending: str) -> dict[str, list[tuple[int, int]]]:
    r"""For each stem, the spans where ``(?<![\w\-])STEM(?:ending)(?![\w\-])`` matches, in text order.

    One pass over the words of the text (maximal runs of letters, digits and hyphens) serves every
    stem made of such characters; the rare stem with other characters ("O'ktamov") is searched alone.
    """
    ending_re = re.compile(ending)
    by_length: dict[int, set[str]] = {}
    found: dict[str, list[tuple[int, int]]] = {stem: [] for stem in stems}
    for stem in found:
        if stem and _WORD_RUN.fullmatch(stem):
            by_length.setdefault(len(stem), set()).add(stem)
        elif stem:
            pattern = r"(?<![\w\-])" + re.escape(stem) + "(?:" + ending + r")(?![\w\-])"
            found[stem] = [m.span() for m in re.finditer(pattern, text)]
    if not by_length:
        return found
    lengths = sorted(by_length)
    for m in _WORD_RUN.finditer(text):
        word = m.group()
        for length in lengths:
            if length > len(word):
                break
            head = word[:length]
            if head in by_length[length] and ending_re.fullmatch(word, length):
                found[head].append(m.span())
    return found
