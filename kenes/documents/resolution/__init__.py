"""Resolution: which existing record a mention may be, each candidate with a confidence.

One function per kind of mention, registered here; ``propose(mention)`` stores
the candidates. A confident match is pre-selected in review, never merged
silently: a person decides.

A kind may also register a batch form (``register_many``): ``propose_many`` gives it all of
a document's mentions of that kind at once, so it reads the directory in one or two
queries rather than one or two per mention. It must answer what the single form would.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType

from kenes.documents.models import Candidate, Mention

# kind -> function(mention) -> [(record, score 0..1, reason)]
FINDERS: dict[str, Callable] = {}
# kind -> function([mention]) -> {mention id: [(record, score 0..1, reason)]}
FINDERS_MANY: dict[str, Callable] = {}
CONFIDENT = 0.85


def register(kind: str):
    def decorator(function):
        FINDERS[kind] = function
        return function

    return decorator


def register_many(kind: str):
    def decorator(function):
        FINDERS_MANY[kind] = function
        return function

    return decorator


def _candidates(mention: Mention, results) -> list[Candidate]:
    found = []
    # Best first whatever order a finder gives: review pre-selects the top one.
    for record, score, reason in sorted(results, key=lambda found: -found[1])[:5]:
        found.append(Candidate(mention=mention, content_type=ContentType.objects.get_for_model(type(record)),
                               object_id=record.pk, score=round(float(score), 3), reason=reason[:300]))
    return found


def propose(mention: Mention) -> list[Candidate]:
    finder = FINDERS.get(mention.kind)
    if finder is None:
        return []
    mention.candidates.all().delete()
    found = _candidates(mention, finder(mention))
    Candidate.objects.bulk_create(found)
    return found


def propose_many(mentions: list[Mention], *, new: bool = False) -> list[Candidate]:
    """``propose`` for many mentions at once: one batch per kind, one insert for every candidate.

    ``new``: the mentions were just created, so they have no candidates to delete.
    """
    if not new:
        Candidate.objects.filter(mention__in=[m for m in mentions if m.kind in FINDERS]).delete()
    found = candidates_for(mentions)
    Candidate.objects.bulk_create(found)
    return found


def candidates_for(mentions: list[Mention]) -> list[Candidate]:
    """The candidates of saved mentions, not stored: reading only, so a worker can work them out outside
    the transaction that writes them."""
    by_kind: dict[str, list[Mention]] = {}
    for mention in mentions:
        if mention.kind in FINDERS:
            by_kind.setdefault(mention.kind, []).append(mention)
    found = []
    for kind, group in by_kind.items():
        if kind in FINDERS_MANY:
            results = FINDERS_MANY[kind](group)
            for mention in group:
                found += _candidates(mention, results.get(mention.pk, []))
        else:
            for mention in group:
                found += _candidates(mention, FINDERS[kind](mention))
    return found


def load_finders() -> None:
    """Import every module of this package: each registers the finders of its kinds."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
