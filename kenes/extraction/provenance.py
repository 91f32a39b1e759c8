"""Provenance of records: which rule produced each one, the words that set it off, and how sure the engine is.

A step that makes a record calls :func:`stamp` with the rule's id — ``<language>.<component>.<pattern>``,
e.g. ``en.people.title_before_name`` — the spans of its cue words (a title, a trigger verb, a head noun)
and the signals it saw (a gazetteer entry, a weak cue). The confidence is read from
``lexicons/confidence.tsv`` (data, measured; the file explains the scale), so tuning it is editing a table,
not code. :func:`complete` then gives every record the pipeline returns a rule and a confidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from kenes.extraction import lexicons

# Never 0 or 1: a record is never certain, and one the engine did output is never worthless.
FLOOR, CEILING = 0.05, 0.99
# A record no rule stamped (a step forgot to): shown, but ranked below everything stamped.
UNSTAMPED = 0.3


@cache
def _table() -> tuple[dict[str, float], dict[str, float]]:
    """(rule or rule prefix → confidence, signal → change), from ``confidence.tsv``."""
    rules: dict[str, float] = {}
    signals: dict[str, float] = {}
    for path, number, line in lexicons._lines("confidence.tsv"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        try:
            key, value = cells[0], float(cells[1])
        except (IndexError, ValueError):
            raise lexicons.LexiconError(f"lexicon {path} line {number}: expected a rule, a tab and a number") from None
        if key.startswith(("+", "-")):
            signals[key[1:]] = value
        elif not 0 <= value <= 1:
            raise lexicons.LexiconError(f"lexicon {path} line {number}: a confidence is between 0 and 1")
        else:
            rules[key] = value
    return rules, signals


def base(rule: str) -> float:
    """The confidence of a rule: its own row, else the row of the same rule for every language, else of
    its component ("en.people", "people"), else the row for everything ("*")."""
    rules, _ = _table()
    parts = rule.split(".")
    candidates = []
    for n in range(len(parts), 0, -1):
        candidates.append(".".join(parts[:n]))
        if n > 1:
            candidates.append(".".join(parts[1:n]))
    for key in candidates:
        if key in rules:
            return rules[key]
    return rules.get("*", UNSTAMPED)


def confidence(rule: str, signals: Iterable[str] = ()) -> float:
    return _confidence(rule, frozenset(signals))


# Rules and signals are few (a hundred rules, a handful of signals per record): their sums repeat.
# Bounded all the same, as every cache of the engine (a worker runs for months).
@lru_cache(maxsize=4096)
def _confidence(rule: str, signals: frozenset[str]) -> float:
    changes = _table()[1]
    value = base(rule) + sum(changes.get(s, 0.0) for s in signals)
    return round(min(CEILING, max(FLOOR, value)), 2)


def stamp(record, rule: str, cues: Iterable[tuple[int, int]] = (), signals: Iterable[str] = ()):
    """Mark ``record`` as made by ``rule`` from the words at ``cues``; returns the record."""
    record.rule = rule
    record.cues = sorted({(a, b) for a, b in cues if a < b})
    record.confidence = confidence(rule, signals)
    return record


def complete(result, language: str) -> None:
    """Every record carries a rule and a confidence: one that no step stamped is named by its kind."""
    for kind, record in result.records():
        if not record.rule:
            record.rule = f"{language}.{kind}.unstamped"
        if record.confidence is None:
            record.confidence = confidence(record.rule)
        # Cues lie inside the text, like spans: a step's arithmetic slip must not reach the reader.
        record.cues = [(a, b) for a, b in record.cues if 0 <= a < b]
