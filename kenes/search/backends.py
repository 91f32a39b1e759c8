"""Full text over ``SearchEntry.folded`` on the database in use: one small interface, two databases.

SQLite: an FTS5 table ``search_fts`` (rowid = entry id), written here by ``index`` in the same
transaction as the entry. Python rather than triggers: the one writer of entries already runs
here, the same code path serves both databases, and ``rebuild_search_index`` repairs any drift.
PostgreSQL: a GIN index on ``to_tsvector('simple', folded)`` that follows the column by itself.
Any other database has no full text: search then uses folded ``contains`` only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q

from kenes.search.models import SearchEntry

FTS_TABLE = "search_fts"
# Enough to rank and count a group; a query matching more is not a useful query.
MAX_CANDIDATES = 1000


def _entries_table() -> str:
    return connection.ops.quote_name(SearchEntry._meta.db_table)


def _placeholders(values: list) -> str:
    return ", ".join(["%s"] * len(values))


@dataclass(frozen=True)
class Filters:
    """What the entry's filter columns must hold: all given filters apply, an empty one is no filter.

    ``parties``: any of these codes. Dates are partial ISO dates, already validated; an entry is in
    the range when its date overlaps it (a document of "2024" is in 2024-03 … 2024-06), and an
    entry without a date is left out by any date filter.
    """

    language: str = ""
    parties: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""

    def __bool__(self) -> bool:
        return bool(self.language or self.parties or self.date_from or self.date_to)

    def q(self) -> Q:
        q = Q()
        if self.language:
            q &= Q(language=self.language)
        if self.parties:
            # A code with a space inside would match across two codes of " KZ UZ ": it matches nothing.
            codes = [code for code in self.parties if code.strip() and not any(c.isspace() for c in code)]
            any_party = Q(pk__in=[])
            for code in codes:
                any_party |= Q(parties__contains=f" {code} ")
            q &= any_party
        if self.date_from or self.date_to:
            q &= ~Q(date="")
        if self.date_from:
            # Ends on or after the start: later as text, or a year/month the start lies in.
            prefixes = {self.date_from[:length] for length in (4, 7, 10) if length <= len(self.date_from)}
            q &= Q(date__gte=self.date_from) | Q(date__in=sorted(prefixes))
        if self.date_to:
            # Begins on or before the end: earlier as text, or a day/month inside the end's month/year.
            q &= Q(date__lte=self.date_to) | Q(date__startswith=self.date_to)
        return q


def _filtered(filters: Filters | None) -> tuple[str, list]:
    """The filters as SQL over the entries table ``e``: ``e.id IN (…)``, ready to AND into a query."""
    try:
        sql, params = SearchEntry.objects.filter(filters.q()).values("id").query.sql_with_params()
    except EmptyResultSet:
        return "1 = 0", []
    return f"e.id IN ({sql})", list(params)


def write(entry_id: int, folded: str) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry_id])
            cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, folded) VALUES (%s, %s)", [entry_id, folded])


def delete(entry_ids: list[int]) -> None:
    if connection.vendor == "sqlite" and entry_ids:
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [[pk] for pk in entry_ids])


def clear() -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")


def full_text(terms: list[str], *, levels: list[str], kinds: list[str] | None,
              filters: Filters | None = None) -> list[tuple[int, float]] | None:
    """(entry id, score: higher is better) for entries holding every term as a word prefix.

    ``terms`` are folded stems (only [0-9a-z]), so they cannot break the query syntax.
    None when the database has no full-text search.
    """
    if not terms:
        return []
    where, params = [f"e.visibility IN ({_placeholders(levels)})"], list(levels)
    if kinds:
        where.append(f"e.kind IN ({_placeholders(kinds)})")
        params.extend(kinds)
    if filters:
        clause, clause_params = _filtered(filters)
        where.append(clause)
        params.extend(clause_params)
    if connection.vendor == "sqlite":
        match = " AND ".join(f'"{term}"*' for term in terms)
        sql = (f"SELECT e.id, -bm25({FTS_TABLE}) FROM {FTS_TABLE} JOIN {_entries_table()} e ON e.id = {FTS_TABLE}.rowid "
               f"WHERE {FTS_TABLE} MATCH %s AND {' AND '.join(where)} ORDER BY bm25({FTS_TABLE}) LIMIT %s")
        params = [match, *params, MAX_CANDIDATES]
    elif connection.vendor == "postgresql":
        tsquery = " & ".join(f"{term}:*" for term in terms)
        # The expression must be written exactly as in the index (migration 0002) for the index to serve.
        sql = (f"SELECT e.id, ts_rank(to_tsvector('simple', e.folded), q) FROM {_entries_table()} e, "
               f"to_tsquery('simple', %s) q WHERE to_tsvector('simple', e.folded) @@ q AND {' AND '.join(where)} "
               f"ORDER BY 2 DESC LIMIT %s")
        params = [tsquery, *params, MAX_CANDIDATES]
    else:
        return None
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(pk, float(score)) for pk, score in cursor.fetchall()]


def containing(terms: list[str], *, levels: list[str], kinds: list[str] | None,
               filters: Filters | None = None) -> list[tuple[int, float]]:
    """The fallback: entries whose folded text contains every term anywhere ("kaev" finds Tokayev)."""
    entries = SearchEntry.objects.filter(visibility__in=levels)
    if kinds:
        entries = entries.filter(kind__in=kinds)
    if filters:
        entries = entries.filter(filters.q())
    for term in terms:
        entries = entries.filter(folded__contains=term)
    return [(pk, 0.0) for pk in entries.values_list("pk", flat=True)[:MAX_CANDIDATES]]


def id_list_sql(ids: list[int]) -> tuple[str, list]:
    """SQL selecting the given ids, passed as one parameter whatever their number."""
    if connection.vendor == "postgresql":
        # The array's text form, cast by the server: psycopg adapting a list of 5,000 ints element by
        # element cost the inventory 6 ms a query.
        return "SELECT unnest(%s::bigint[])", ["{" + ",".join(str(int(i)) for i in ids) + "}"]
    import json

    return "SELECT value FROM json_each(%s)", [json.dumps(list(ids))]


def record_ids_sql(terms: list[str], kind: str) -> tuple[str, list] | None:
    """SQL selecting the record ids (``object_id``) of one kind whose entry holds every term as a word
    prefix, with no limit: for narrowing a list by words (``pk__in=RawSQL(...)``), where every match
    counts, not only the best thousand. None when the database has no full-text search."""
    if connection.vendor == "sqlite":
        match = " AND ".join(f'"{term}"*' for term in terms)
        sql = (f"SELECT e.object_id FROM {FTS_TABLE} JOIN {_entries_table()} e ON e.id = {FTS_TABLE}.rowid "
               f"WHERE {FTS_TABLE} MATCH %s AND e.kind = %s")
        return sql, [match, kind]
    if connection.vendor == "postgresql":
        tsquery = " & ".join(f"{term}:*" for term in terms)
        sql = (f"SELECT e.object_id FROM {_entries_table()} e WHERE to_tsvector('simple', e.folded) "
               f"@@ to_tsquery('simple', %s) AND e.kind = %s")
        return sql, [tsquery, kind]
    return None
