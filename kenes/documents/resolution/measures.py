"""Which known measure or agreement a mention may be: titles alike once folded across scripts.

A cheap sieve first (the longest words of the mention in the record's folded titles), then rapidfuzz's
token-set similarity; only close matches are proposed, and only a very close one is pre-selected.
"""

from __future__ import annotations

from kenes.documents.resolution import register
from kenes.documents.resolution.similar import similar_records
from kenes.inventory.models import Agreement, Measure


@register("measure")
def find_measures(mention) -> list[tuple]:
    return similar_records(Measure, str((mention.values or {}).get("text") or mention.label))


@register("agreement")
def find_agreements(mention) -> list[tuple]:
    return similar_records(Agreement, str((mention.values or {}).get("title") or mention.label))
