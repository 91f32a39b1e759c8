from django.shortcuts import render

from kenes.search import registry
from kenes.search.query import search as run_search

MAX_QUERY = 200


def search(request):
    """The top search box: grouped results, best first, only what the reader may see."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    kind = request.GET.get("kind", "")
    searchable = registry.by_code(kind)
    results = run_search(request.user, query, kinds=[searchable.code] if searchable else None) if query else None
    return render(request, "search/results.html", {
        "query": query,
        "kind": searchable.code if searchable else "",
        "kinds": registry.searchables(),
        "results": results,
    })
