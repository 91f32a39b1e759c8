"""Which known measure or agreement a mention may be: titles alike once folded across scripts.

A cheap sieve first (the longest words of the mention in the record's folded titles), then rapidfuzz's
token-set similarity; only close matches are proposed, and only a very close one is pre-selected.
"""

from __future__ import annotations

from django.db.models import Q
from rapidfuzz import fuzz

from kenes.documents.resolution import register
from kenes.extraction.translit import fold
from kenes.inventory.models import Agreement, Measure

THRESHOLD = 0.7


def _similar(model, text: str) -> list[tuple]:
    key = fold(text or "")
    words = sorted({word for word in key.split() if len(word) > 3}, key=len, reverse=True)[:3]
    if not words:
        return []
    sieve = Q()
    for word in words:
        sieve |= Q(search_key__contains=word[:8])
    found = []
    for record in model.objects.live().filter(sieve)[:300]:
        score = max((fuzz.token_set_ratio(key, fold(title)) / 100 for title in record.names()), default=0)
        if score >= THRESHOLD:
            found.append((record, score * 0.95, f"title {round(score * 100)} % alike"))
    return found


@register("measure")
def find_measures(mention) -> list[tuple]:
    return _similar(Measure, str((mention.values or {}).get("text") or mention.label))


@register("agreement")
def find_agreements(mention) -> list[tuple]:
    return _similar(Agreement, str((mention.values or {}).get("title") or mention.label))
