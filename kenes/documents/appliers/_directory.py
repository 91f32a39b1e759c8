"""What the person and organisation appliers share: the document's language, parties, spellings as written."""

from __future__ import annotations

from kenes.core.translation import CONTENT_LANGUAGES
from kenes.directory.models import Party
from kenes.directory.services import find_organization, find_person  # noqa: F401 (the appliers' finders)
from kenes.extraction.translit import fold

# Parties the engine's country codes may name; other countries are not parties to the partnership.
PARTY_COUNTRIES = {"KZ", "UZ"}


def language_of(mention) -> str:
    """The content language the engine's names are in (its nominative form): the document's, else English."""
    language = getattr(mention.document, "language", "")
    return language if language in CONTENT_LANGUAGES else "en"


def party_for(country) -> Party | None:
    code = (country or "").strip().upper()
    if code not in PARTY_COUNTRIES:
        return None
    return Party.objects.filter(code=code).first()


def lines(value) -> list[str]:
    """A list from the review form's text (one a line) or from the engine's list."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    return [str(item).strip() for item in value if str(item or "").strip()]


def as_written(mention, name: str, extra=()) -> list[str]:
    """The spellings the document really uses (inflected forms, short forms), other than ``name`` itself."""
    text = mention.document.text or ""
    seen = {fold(name)}
    spellings = []
    for candidate in [*extra, *(text[a:b] for a, b in mention.spans or [])]:
        candidate = " ".join(str(candidate).split())[:300]
        if candidate and fold(candidate) and fold(candidate) not in seen:
            seen.add(fold(candidate))
            spellings.append(candidate)
    return spellings


def new_spellings(record, alias_model, owner_field: str, spellings: list[str]) -> list[str]:
    """Spellings not yet among the record's names, acronym or aliases (folded across scripts)."""
    known = {fold(n) for n in record.names()}
    known |= {fold(n) for n in alias_model.objects.filter(**{owner_field: record}).values_list("name", flat=True)}
    if getattr(record, "acronym", ""):
        known.add(fold(record.acronym))
    fresh = []
    for spelling in spellings:
        key = fold(spelling)
        if key and key not in known:
            known.add(key)
            fresh.append(spelling[:300])
    return fresh
