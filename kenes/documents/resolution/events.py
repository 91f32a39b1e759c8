"""Which known event a mention may be: titles alike once folded across scripts."""

from __future__ import annotations

from django.db.models import Q
from rapidfuzz import fuzz

from kenes.core.translation import CONTENT_LANGUAGES
from kenes.council.models import Event
from kenes.documents.resolution import register
from kenes.extraction.translit import fold

THRESHOLD = 0.7


@register("event")
def find_events(mention) -> list[tuple]:
    key = fold(str((mention.values or {}).get("name") or mention.label))
    words = sorted({word for word in key.split() if len(word) > 4}, key=len, reverse=True)[:3]
    if not words:
        return []
    sieve = Q()
    for word in words:
        for code in CONTENT_LANGUAGES:
            sieve |= Q(**{f"title_{code}__icontains": word[:6]})
    found = []
    for event in Event.objects.live().filter(sieve)[:200]:
        titles = [getattr(event, f"title_{code}") for code in CONTENT_LANGUAGES if getattr(event, f"title_{code}")]
        score = max((fuzz.token_set_ratio(key, fold(title)) / 100 for title in titles), default=0)
        if score >= THRESHOLD:
            found.append((event, score * 0.95, f"title {round(score * 100)} % alike"))
    return sorted(found, key=lambda item: -item[1])
