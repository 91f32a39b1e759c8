"""Resolution: which existing record a mention may be, each candidate with a confidence.

One function per kind of mention, registered here; ``propose(mention)`` stores
the candidates. A confident match is pre-selected in review, never merged
silently: a person decides.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType

from kenes.documents.models import Candidate, Mention

# kind -> function(mention) -> [(record, score 0..1, reason)]
FINDERS: dict[str, Callable] = {}
CONFIDENT = 0.85


def register(kind: str):
    def decorator(function):
        FINDERS[kind] = function
        return function

    return decorator


def propose(mention: Mention) -> list[Candidate]:
    finder = FINDERS.get(mention.kind)
    if finder is None:
        return []
    mention.candidates.all().delete()
    found = []
    # Best first whatever order a finder gives: review pre-selects the top one.
    for record, score, reason in sorted(finder(mention), key=lambda found: -found[1])[:5]:
        found.append(Candidate(mention=mention, content_type=ContentType.objects.get_for_model(type(record)),
                               object_id=record.pk, score=round(float(score), 3), reason=reason[:300]))
    Candidate.objects.bulk_create(found)
    return found


def load_finders() -> None:
    """Import every module of this package: each registers the finders of its kinds."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
