"""Records whose names are alike once folded across scripts: the resolvers of measures, agreements and projects.

A cheap sieve first (the longest words of the mention in the record's folded ``search_key``), then
rapidfuzz's token-set similarity over every name the record has (``record.names()``); only close
matches are proposed, scored a little under certainty so a person still confirms them.
"""

from __future__ import annotations

from django.db.models import Q
from rapidfuzz import fuzz

from kenes.extraction.translit import fold

THRESHOLD = 0.7


def similar_records(model, text: str, *, what: str = "title") -> list[tuple]:
    """[(record, score, reason)] of live ``model`` records named like ``text``."""
    key = fold(text or "")
    words = sorted({word for word in key.split() if len(word) > 3}, key=len, reverse=True)[:3]
    if not words:
        return []
    sieve = Q()
    for word in words:
        sieve |= Q(search_key__contains=word[:8])
    found = []
    for record in model.objects.live().filter(sieve)[:300]:
        score = max((fuzz.token_set_ratio(key, fold(name)) / 100 for name in record.names()), default=0)
        if score >= THRESHOLD:
            found.append((record, score * 0.95, f"{what} {round(score * 100)} % alike"))
    return found
