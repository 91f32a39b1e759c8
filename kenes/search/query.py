"""``search(user, text)``: the platform's search, grouped by kind, best first, only what the user may see.

Ranking: the whole query is one of the record's names (folded) → a name starts with it → every
query word begins a word of a name → the words are only in the descriptive text; inside each
tier by the database's full-text rank.

Filters (``language``, ``parties``, ``date_from``, ``date_to``) read the entry's own columns,
which each registered kind may fill (see ``registry.register``); they narrow the matches in SQL
before anything is ranked, so a group's count is the filtered count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from kenes.core.dates import validate_partial_date
from kenes.core.models import visible_levels
from kenes.search import backends, registry
from kenes.search.highlight import excerpt, highlight, matched_words
from kenes.search.models import SearchEntry
from kenes.search.text import folded_words, query_terms, query_words

EXACT, STARTS, IN_NAME, IN_TEXT = range(4)


@dataclass
class Result:
    kind: str
    title: str
    title_html: SafeString
    url: str
    snippet: SafeString
    visibility: str
    tier: int
    score: float


@dataclass
class Group:
    kind: str
    label: str
    count: int
    results: list[Result] = field(default_factory=list)


@dataclass
class SearchResults:
    query: str
    groups: list[Group]

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def _tier(entry: SearchEntry, phrase: str, stems: str, terms: list[str], inside: bool) -> int:
    names = [" ".join(folded_words(name)) for name in entry.names]
    if phrase in names or stems in names:
        return EXACT
    if any(name.startswith(phrase) for name in names):
        return STARTS
    name_words = {word for name in names for word in name.split()}
    if all(any((term in word) if inside else word.startswith(term) for word in name_words) for term in terms):
        return IN_NAME
    return IN_TEXT


def _snippet(entry: SearchEntry, terms: list[str], inside: bool) -> SafeString:
    # The descriptive part that matches best; else the other spellings of the name that matched
    # (a search for «Токаев» shows the Cyrillic name under the English heading); else the opening text.
    parts = entry.parts
    best = max(parts, key=lambda part: matched_words(part, terms, inside=inside), default="")
    if best and matched_words(best, terms, inside=inside):
        return excerpt(best, terms, inside=inside)
    other_names = [name for name in entry.names[1:] if matched_words(name, terms, inside=inside)]
    if other_names:
        return mark_safe(" · ".join(highlight(name, terms, inside=inside) for name in other_names))
    return excerpt(parts[0], terms) if parts else mark_safe("")


def make_filters(*, language: str = "", parties: Iterable[str] = (), date_from: str = "",
                 date_to: str = "") -> backends.Filters:
    """Filters from what a reader typed; a date that is not YYYY, YYYY-MM or YYYY-MM-DD is a ValidationError."""
    for value in (date_from, date_to):
        validate_partial_date((value or "").strip())
    codes = {str(code).strip().upper() for code in parties if code and str(code).strip()}
    return backends.Filters(
        language=(language or "").strip().lower(),
        parties=tuple(sorted(codes)),
        date_from=(date_from or "").strip(), date_to=(date_to or "").strip(),
    )


def search(user, text: str, *, kinds: list[str] | None = None, limit: int = 20, language: str = "",
           parties: Iterable[str] = (), date_from: str = "", date_to: str = "") -> SearchResults:
    """Entries matching every word of ``text`` (any script, prefixes), grouped by kind.

    ``language``: that language code only; ``parties``: concerning any of these party codes;
    ``date_from`` / ``date_to``: partial ISO dates, inclusive (a date of "2024" overlaps "2024-03").
    """
    filters = make_filters(language=language, parties=parties, date_from=date_from, date_to=date_to)
    words = query_words(text)
    terms = query_terms(text)
    if not terms:
        return SearchResults(query=text, groups=[])
    levels = visible_levels(user)
    inside = False
    matches = backends.full_text(terms, levels=levels, kinds=kinds, filters=filters)
    if not matches:
        # Short fragments inside a word ("kaev") are not word prefixes: look for them anywhere.
        inside = True
        matches = backends.containing(terms, levels=levels, kinds=kinds, filters=filters)
    scores = dict(matches)
    entries = SearchEntry.objects.filter(pk__in=list(scores), visibility__in=levels)
    if filters:
        entries = entries.filter(filters.q())
    phrase, stems = " ".join(words), " ".join(terms)

    ranked: dict[str, list[tuple[int, float, str, SearchEntry]]] = {}
    for entry in entries:
        tier = _tier(entry, phrase, stems, terms, inside)
        ranked.setdefault(entry.kind, []).append((tier, -scores[entry.pk], str(entry).casefold(), entry))

    order = {s.code: i for i, s in enumerate(registry.searchables())}
    groups = []
    for kind, rows in ranked.items():
        rows.sort(key=lambda row: row[:3])
        searchable = registry.by_code(kind)
        group = Group(kind=kind, label=str(searchable.kind) if searchable else kind, count=len(rows))
        for tier, negative_score, _name, entry in rows[:limit]:
            group.results.append(Result(
                kind=kind, title=str(entry), title_html=highlight(str(entry), terms, inside=inside),
                url=entry.url, snippet=_snippet(entry, terms, inside), visibility=entry.visibility,
                tier=tier, score=-negative_score,
            ))
        groups.append(group)
    # The group holding the best match comes first ("Aral" the organisation before people who
    # studied the Aral Sea); groups that rank alike keep the order the apps registered them in.
    groups.sort(key=lambda g: (g.results[0].tier, order.get(g.kind, len(order))))
    return SearchResults(query=text, groups=groups)


# How many matching records ``narrow`` passes on as a list of ids rather than as a subquery.
LISTED_MATCHES = 5000


def narrow(queryset, text: str):
    """``queryset`` (of a registered kind) narrowed to the records whose search entry matches every word of
    ``text``, with the platform search's rules: any script, folded, words as prefixes, names, texts and
    what the kind adds to its entry (a measure's topics in every language). Visibility stays the queryset's.
    """
    from django.db.models.expressions import RawSQL

    terms = query_terms(text)
    if not terms:
        return queryset
    searchable = registry.get(queryset.model)
    found = backends.record_ids_sql(terms, searchable.code) if searchable else None
    if found is None:
        matches = SearchEntry.objects.filter(kind=searchable.code if searchable else "")
        for term in terms:
            matches = matches.filter(folded__contains=term)
        return queryset.filter(pk__in=matches.values("object_id"))
    sql, params = found
    # The words are looked up once, here: a list runs its query twice (the page and the pager's count),
    # and with the lookup inside both the index was read twice. A few thousand ids travel as a list;
    # a query matching more keeps the lookup as a subquery (a list that long costs more than it saves).
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {LISTED_MATCHES + 1}", params)
        ids = [row[0] for row in cursor.fetchall()]
    if len(ids) <= LISTED_MATCHES:
        # One parameter holding the list (compiling thousands of "%s" costs more than the lookup saves).
        return queryset.filter(pk__in=RawSQL(*backends.id_list_sql(ids)))
    return queryset.filter(pk__in=RawSQL(sql, params))
