"""Which known measure or agreement a mention may be: titles alike once folded across scripts.

A cheap sieve first (the longest words of the mention in the record's folded titles), then rapidfuzz's
token-set similarity; only close matches are proposed, and only a very close one is pre-selected.
"""

from __future__ import annotations

from kenes.documents.resolution import register, register_many
from kenes.documents.resolution.similar import similar_records, similar_records_many
from kenes.inventory.models import Agreement, Measure


def _measure_text(mention) -> str:
    return str((mention.values or {}).get("text") or mention.label)


def _agreement_title(mention) -> str:
    return str((mention.values or {}).get("title") or mention.label)


@register("measure")
def find_measures(mention) -> list[tuple]:
    return similar_records(Measure, _measure_text(mention))


@register_many("measure")
def find_many_measures(mentions) -> dict:
    return similar_records_many(Measure, {mention.pk: _measure_text(mention) for mention in mentions})


@register("agreement")
def find_agreements(mention) -> list[tuple]:
    return similar_records(Agreement, _agreement_title(mention))


@register_many("agreement")
def find_many_agreements(mentions) -> dict:
    return similar_records_many(Agreement, {mention.pk: _agreement_title(mention) for mention in mentions})
