"""``GET /api/v1/search?q=&kind=&language=&party=&date_from=&date_to=``: the search of the top search box, as JSON."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kenes.core.api_types import Text
from kenes.search import registry
from kenes.search.query import make_filters
from kenes.search.query import search as run_search

router = Router(tags=["search"])


class SearchFilters(Schema):
    q: str = Field("", max_length=200, description="Words in any script; the last may be half typed.")
    kind: str = Field("", max_length=60, description="Only this kind, e.g. person or organization.")
    limit: int = Field(20, ge=1, le=100, description="At most this many results per kind.")
    language: Text = Field("", description="Only records in this language code, e.g. en, ru, kk, uz.")
    party: list[Text] = Field([], description="Only records concerning one of these party codes, e.g. KZ; repeat for more.")
    date_from: Text = Field("", description="Only records dated on or after this: YYYY, YYYY-MM or YYYY-MM-DD.")
    date_to: Text = Field("", description="Only records dated on or before this: YYYY, YYYY-MM or YYYY-MM-DD.")


class SearchResultOut(Schema):
    kind: str
    title: str
    url: str
    snippet: str = Field(description="HTML: escaped text with the matched words in <mark>.")
    visibility: str


class SearchGroupOut(Schema):
    kind: str
    label: str
    count: int
    results: list[SearchResultOut]


class SearchOut(Schema):
    query: str
    count: int
    groups: list[SearchGroupOut]


@router.get("/search", response=SearchOut, summary="Search every kind of record")
def search(request, filters: Query[SearchFilters]):
    kinds = None
    if filters.kind:
        if registry.by_code(filters.kind) is None:
            codes = ", ".join(s.code for s in registry.searchables())
            raise HttpError(422, _("Unknown kind; use one of: %(kinds)s.") % {"kinds": codes})
        kinds = [filters.kind]
    try:
        chosen = make_filters(language=filters.language, parties=filters.party,
                              date_from=filters.date_from, date_to=filters.date_to)
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    results = run_search(request.user, filters.q.strip(), kinds=kinds, limit=filters.limit,
                         language=chosen.language, parties=chosen.parties,
                         date_from=chosen.date_from, date_to=chosen.date_to)
    return {
        "query": results.query,
        "count": results.count,
        "groups": [
            {"kind": g.kind, "label": g.label, "count": g.count,
             "results": [{"kind": r.kind, "title": r.title, "url": r.url, "snippet": str(r.snippet),
                          "visibility": r.visibility} for r in g.results]}
            for g in results.groups
        ],
    }
