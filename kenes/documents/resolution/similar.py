"""Records whose names are alike once folded across scripts: the resolvers of measures, agreements and projects.

A cheap sieve first (the longest words of the mention in the record's folded ``search_key``), then
rapidfuzz's token-set similarity over every name the record has (``record.names()``); only close
matches are proposed, scored a little under certainty so a person still confirms them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from rapidfuzz import fuzz

from kenes.extraction.translit import fold

THRESHOLD = 0.7
SIEVED = 300  # records scored per mention: the first ones the sieve lets through
BATCH_ROWS = 5000  # a batch reading more than this falls back to one query per mention


def _sieve(text: str) -> tuple[str, list[str]]:
    """The folded text and its (up to three) longest words, cut to 8 letters: what a name must contain."""
    key = fold(text or "")
    words = sorted({word for word in key.split() if len(word) > 3}, key=len, reverse=True)[:3]
    return key, [word[:8] for word in words]


def _query(model, words) -> models.QuerySet:
    sieve = Q()
    for word in words:
        sieve |= Q(search_key__contains=word)
    return model.objects.live().filter(sieve).order_by("pk")  # the same first rows, whatever the plan


def _scored(records, key: str, what: str) -> list[tuple]:
    found = []
    for record in records:
        score = max((fuzz.token_set_ratio(key, fold(name)) / 100 for name in record.names()), default=0)
        if score >= THRESHOLD:
            found.append((record, score * 0.95, f"{what} {round(score * 100)} % alike"))
    return found


def similar_records(model, text: str, *, what: str = "title") -> list[tuple]:
    """[(record, score, reason)] of live ``model`` records named like ``text``."""
    key, words = _sieve(text)
    if not words:
        return []
    return _scored(_query(model, words)[:SIEVED], key, what)


def similar_records_many(model, texts: dict, *, what: str = "title") -> dict:
    """``similar_records`` for many texts ({key: text} → {key: [(record, score, reason)]}) in one query.

    The answers are those of one query per text: the rows are read in the same order (by id), and each text
    keeps the first ``SIEVED`` that contain one of its words (the folded keys are lower case, as the
    database's ``contains`` compares them). When the batch would read too many rows, one query per text.
    """
    sieved = {name: _sieve(text) for name, text in texts.items()}
    words = sorted({word for _key, text_words in sieved.values() for word in text_words})
    if not words:
        return {name: [] for name in texts}
    rows = list(_query(model, words)[:BATCH_ROWS + 1])
    if len(rows) > BATCH_ROWS:
        return {name: similar_records(model, text, what=what) for name, text in texts.items()}
    answers = {}
    for name, (key, text_words) in sieved.items():
        mine = [row for row in rows if any(word in row.search_key for word in text_words)][:SIEVED] if text_words else []
        answers[name] = _scored(mine, key, what)
    return answers
