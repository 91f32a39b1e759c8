from django.shortcuts import render

from kenes.search.forms import MAX_QUERY, SearchForm
from kenes.search.query import search as run_search


def search(request):
    """The top search box: grouped results, best first, only what the reader may see, filtered."""
    form = SearchForm(request.GET)
    results = None
    query = ""
    if form.is_valid():
        data = form.cleaned_data
        query = data["q"].strip()[:MAX_QUERY]
        if query:
            results = run_search(
                request.user, query, kinds=[data["kind"]] if data["kind"] else None,
                language=data["language"], parties=[data["party"]] if data["party"] else (),
                date_from=data["date_from"], date_to=data["date_to"],
            )
    else:
        query = str(form.data.get("q", "")).strip()[:MAX_QUERY]
    # "Showing 20 of 45" leads to that kind alone, with the same words and filters.
    kept = request.GET.copy()
    kept.pop("kind", None)
    kept.pop("page", None)
    return render(request, "search/results.html", {
        "form": form,
        "query": query,
        "kind": form.cleaned_data.get("kind", "") if hasattr(form, "cleaned_data") else "",
        "shown": form.shown_filters(),
        "kept": kept.urlencode(),
        "results": results,
    })
