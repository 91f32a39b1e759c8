"""Lists of records: sortable columns, pages, and CSV / XLSX downloads of exactly what is listed.

Every app's list view uses this one helper. It declares its columns once;
the helper reads ``?sort=``, ``?page=`` and ``?format=`` and gives the
template what it needs for the header row, the download links and the pages::

    COLUMNS = [
        Column("name", _("Name"), "name", sort=services.by_display_name),
        Column("party", _("Party"), "party.code", sort="party__code"),
        Column("kind", _("Kind"), "get_kind_display", sort=by_choice_label("kind", Kind.choices)),
        Column("visibility", _("Visibility"), "get_visibility_display", only_for=signed_in),
    ]

    def thing_list(request):
        listing = Listing(request, services.search_things(request.user, ...), COLUMNS,
                          name="things", default_sort="name")
        if response := listing.download():
            return response
        return render(request, "app/thing_list.html", {"listing": listing, "page": listing.page})

The page's filter form has ``id="list-filters"`` and ``hx-target="#results"``;
the rows template (what htmx gets back) extends ``web/_list_table.html`` and
fills its ``count`` and ``rows`` blocks, each cell with
``data-label="{{ listing.labels.<key> }}"``. Sort, page and download links
keep the current filters; the sort rides along with the next filter change.

The queryset must already be filtered with the user's visibility applied;
a column showing a related record goes through ``if_visible`` (which asks
``kenes.core.visibility.visible_related``). Sort keys come from the declaration only: a
request never reaches ``order_by`` with a value of its own.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import tablib
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kenes.core import caching
from kenes.core.visibility import visible_related

PER_PAGE = 25
# Lists count their rows up to this many; beyond it they say "at least" (see CappedPaginator).
COUNT_CAP = 10_000
# Enough for any real list of this platform; beyond it a download is better narrowed by filters
# than built in one request's memory.
EXPORT_MAX_ROWS = 50_000
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters that XLSX cannot hold and CSV readers choke on (tab and newlines stay).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class CappedPaginator(Paginator):
    """A paginator that counts at most ``COUNT_CAP`` rows: past that the exact number costs a scan of
    every row on each page (100,000 measures: 30–40 ms), and nobody pages that far; filters narrow.

    ``capped`` tells the template to say "at least"; pages past the cap are not offered.
    """

    capped = False

    @cached_property
    def count(self) -> int:
        capped = self.object_list.order_by()[:COUNT_CAP + 1]
        found = caching.count(self.object_list, capped.count, name="count:capped")
        if found > COUNT_CAP:
            self.capped = True
            return COUNT_CAP
        return found

    def get_page(self, number) -> Page:
        """The first page is read before anything is counted: when it is not full, its rows are the whole
        list and the count is theirs. A narrow filter (the usual search) then costs one query, not two
        (with a text search over 100,000 measures on PostgreSQL each ran ~10 ms)."""
        if str(number or "1").strip() != "1" or "count" in self.__dict__ or self.orphans:
            return super().get_page(number)
        rows = list(self.object_list[:self.per_page + 1])
        if len(rows) <= self.per_page:
            self.__dict__["count"] = len(rows)  # what the cached property would have counted
        return self._get_page(rows[:self.per_page], 1, self)


@dataclass(frozen=True)
class SortBy:
    """An ORDER BY expression built when the request is sorted (in the reader's language)."""

    expression: Callable[[], Any]


Ordering = str | SortBy | Callable[[QuerySet], QuerySet]


def signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


@dataclass(frozen=True)
class Column:
    """One column of a list, declared once for the page and for the downloads.

    ``value`` is an attribute path (``"party.code"``, ``"get_kind_display"``; a
    callable at the end of the path is called) or a function ``(record, user)``.
    ``sort`` is a field path (``"party__code"``) or a function ordering a queryset
    in ascending order (``by_display_name``); without it the column is not sortable.
    ``only_for(user)`` hides the column, in the page and the downloads, from other users.
    ``on_page=False`` keeps a column for the downloads only.
    """

    key: str
    label: Any
    value: str | Callable[[Any, Any], Any]
    sort: Ordering | None = None
    only_for: Callable[[Any], bool] | None = None
    on_page: bool = True

    def text(self, record, user) -> str:
        value = self.value(record, user) if callable(self.value) else _follow(record, self.value)
        return as_text(value)


def _follow(record, path: str):
    value = record
    for attribute in path.split("."):
        if value is None:
            return None
        value = getattr(value, attribute)
        if callable(value) and not isinstance(value, QuerySet):
            value = value()
    return value


def as_text(value) -> str:
    """A value as the reader sees it: no None, translated labels, dates in ISO, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes") if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, QuerySet) or (isinstance(value, Iterable) and not isinstance(value, str)):
        return "; ".join(as_text(item) for item in value)
    return force_str(value)


def safe_cell(text: str) -> str:
    """The text a spreadsheet shows as text: never a formula, never a control character."""
    text = CONTROL_CHARACTERS.sub("", text)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def if_visible(path: str, show: str | Callable[[Any], Any] = "name") -> Callable[[Any, Any], Any]:
    """A column value naming a related record only when the user may see that record."""

    def value(record, user):
        related = visible_related(_follow(record, path), user)
        if related is None:
            return None
        return show(related) if callable(show) else _follow(related, show)

    return value


def _choice_rank(field: str, ranked: Sequence[tuple[str, Any]]):
    # Blank and unknown codes rank NULL, which sorts last in both directions.
    return Case(*[When(**{field: code}, then=Value(position)) for position, (code, _label) in enumerate(ranked)],
                default=Value(None), output_field=IntegerField())


def by_choice_label(field: str, choices: Sequence[tuple[str, Any]]) -> SortBy:
    """Order by a choice's label in the reader's language, not by its stored code."""
    return SortBy(lambda: _choice_rank(field, sorted(choices, key=lambda choice: str(choice[1]).casefold())))


def by_choice_order(field: str, choices: Sequence[tuple[str, Any]]) -> SortBy:
    """Order by the choices' own order (public, internal, restricted)."""
    return SortBy(lambda: _choice_rank(field, choices))


@dataclass(frozen=True)
class HeaderCell:
    key: str
    label: str
    url: str | None
    aria_sort: str | None
    arrow: str


class Listing:
    """A list as one request asks for it: the columns this user sees, the sort, the page."""

    form_id = "list-filters"
    target = "#results"

    def __init__(self, request, queryset: QuerySet, columns: Sequence[Column], *, name: str,
                 title: Any = None, default_sort: str | None = None, per_page: int = PER_PAGE,
                 max_rows: int | None = None, download_related: Sequence[str] = ()):
        self.request = request
        self.user = request.user
        self.name = name
        self.title = title
        self.max_rows = EXPORT_MAX_ROWS if max_rows is None else max_rows
        self.columns = [c for c in columns if c.only_for is None or c.only_for(self.user)]
        self.page_columns = [c for c in self.columns if c.on_page]
        self.labels = {c.key: force_str(c.label) for c in self.columns}
        sortable = {c.key: c for c in self.columns if c.sort is not None}

        requested = request.GET.get("sort", "").strip()
        key = requested.removeprefix("-")
        if key in sortable:
            self.sort_key, self.descending, self.sort_param = key, requested.startswith("-"), requested
        else:
            # Unknown keys are ignored: the list keeps its default order ("-key": newest first).
            default_key = (default_sort or "").removeprefix("-")
            self.sort_key, self.descending, self.sort_param = (
                default_key if default_key in sortable else None), bool(default_sort and default_sort.startswith("-")), ""
        if self.sort_key:
            queryset = _ordered(queryset, sortable[self.sort_key].sort, self.descending)
        self.queryset = queryset
        self.per_page = per_page
        # Relations only the downloads' columns read (the page names them otherwise, or not at all).
        self.download_related = tuple(download_related)
        self._page = None

    # --- the page ---------------------------------------------------------------------------

    @property
    def page(self) -> Page:
        if self._page is None:
            self._page = CappedPaginator(self.queryset, self.per_page).get_page(self.request.GET.get("page"))
        return self._page

    def _url(self, **changes) -> str:
        """This list's address with the current filters and sort, changed as given (None drops)."""
        query = QueryDict(mutable=True)
        for key, values in self.request.GET.lists():
            # Empty filters (the form sends every field) would only lengthen the address.
            if key not in ("page", "format") and (kept := [value for value in values if value]):
                query.setlist(key, kept)
        for key, value in changes.items():
            query.pop(key, None)
            if value not in (None, ""):
                query[key] = str(value)
        encoded = query.urlencode()
        return f"{self.request.path}?{encoded}" if encoded else self.request.path

    @property
    def header(self) -> list[HeaderCell]:
        cells = []
        for column in self.page_columns:
            if column.sort is None:
                cells.append(HeaderCell(column.key, self.labels[column.key], None, None, ""))
                continue
            current = column.key == self.sort_key
            descending_next = current and not self.descending
            cells.append(HeaderCell(
                column.key, self.labels[column.key],
                self._url(sort=("-" if descending_next else "") + column.key),
                ("descending" if self.descending else "ascending") if current else None,
                ("▼" if self.descending else "▲") if current else "",
            ))
        return cells

    @property
    def colspan(self) -> int:
        return len(self.page_columns)

    @property
    def csv_url(self) -> str:
        return self._url(format="csv")

    @property
    def xlsx_url(self) -> str:
        return self._url(format="xlsx")

    @property
    def previous_url(self) -> str | None:
        return self._url(page=self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self) -> str | None:
        return self._url(page=self.page.next_page_number()) if self.page.has_next() else None

    # --- the downloads ----------------------------------------------------------------------

    def download(self) -> HttpResponse | None:
        """The whole list, filtered and sorted, as a file when ``?format=csv|xlsx`` asks; else None."""
        file_format = self.request.GET.get("format", "")
        if file_format not in FORMATS:
            return None
        total = self.queryset.count()
        if total > self.max_rows:
            messages.error(self.request, ngettext(
                "This list has %(count)s row; a download holds at most %(max)s. Narrow the filters and try again.",
                "This list has %(count)s rows; a download holds at most %(max)s. Narrow the filters and try again.",
                total) % {"count": total, "max": self.max_rows})
            return HttpResponseRedirect(self._url())
        dataset = self.dataset()
        if file_format == "csv":
            # The byte-order mark tells Excel the file is UTF-8: Cyrillic opens readable.
            body = ("\ufeff" + dataset.export("csv")).encode("utf-8")
        else:
            body = dataset.export("xlsx")
        response = HttpResponse(body, content_type=FORMATS[file_format])
        filename = f"{self.name}-{timezone.localdate().isoformat()}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        self._record_restricted_export(file_format, total)
        return response

    def _record_restricted_export(self, file_format: str, total: int) -> None:
        """A download holding restricted records goes into the security log: who took what, when."""
        from kenes.core.models import Record, Visibility

        if not issubclass(self.queryset.model, Record):
            return
        restricted = self.queryset.filter(visibility=Visibility.RESTRICTED).count()
        if restricted:
            from kenes.accounts import audit

            audit.record(audit.Kind.RESTRICTED_EXPORT, user=self.user,
                         detail=f"{self.name} ({file_format}): {total} rows, {restricted} restricted")

    def dataset(self) -> tablib.Dataset:
        dataset = tablib.Dataset(headers=[safe_cell(self.labels[c.key]) for c in self.columns])
        if self.title:
            dataset.title = force_str(self.title)
        rows = self.queryset.prefetch_related(*self.download_related).iterator(chunk_size=2000)
        for record in rows:
            dataset.append([safe_cell(column.text(record, self.user)) for column in self.columns])
        return dataset


def _ordered(queryset: QuerySet, sort: Ordering, descending: bool) -> QuerySet:
    if callable(sort):
        # A queryset's own ordering (e.g. by_display_name): descending is its exact reverse.
        ordered = sort(queryset)
        return ordered.reverse() if descending else ordered
    if isinstance(sort, str) and not _may_be_null(queryset.model, sort):
        # A column that is never empty needs no rule for empty values, and an index on it serves both
        # directions (with "NULLS LAST", PostgreSQL read 100,000 measures to sort by last change).
        return queryset.order_by(f"-{sort}" if descending else sort, "-pk" if descending else "pk")
    expression = F(sort) if isinstance(sort, str) else sort.expression()
    # Empty values last in both directions: the rows that say something come first.
    ordered = expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
    return queryset.order_by(ordered, "-pk" if descending else "pk")


def _may_be_null(model, path: str) -> bool:
    """Whether the column at ``path`` (a field, or a path through relations) can hold NULL in a row."""
    from django.core.exceptions import FieldDoesNotExist

    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return True
        if field.null or not field.concrete:
            return True
        model = field.related_model
        if model is None:
            return False
    return True  # a relation itself sorts by the related model's ordering: keep the general rule


__all__ = ["Column", "Listing", "SortBy", "as_text", "by_choice_label", "by_choice_order", "if_visible", "safe_cell",
           "signed_in"]


def list_response(request, rows_template: str, page_template: str, context: dict):
    """The rows alone for htmx's live filtering, the whole page otherwise (and caches told they differ)."""
    from django.shortcuts import render
    from django.utils.cache import patch_vary_headers

    partial = bool(getattr(request, "htmx", False)) and not request.htmx.history_restore_request
    response = render(request, rows_template if partial else page_template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
