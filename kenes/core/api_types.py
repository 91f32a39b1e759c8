"""Bounded types for API parameters, shared by every app's ``api.py``.

A number the database cannot hold (SQLite and PostgreSQL integers end at 2**63 - 1) is a 422
from the schema, never an overflow inside a query. Use ``Id`` for every id in a path, query or
body, and ``@paginated`` on every list: ``tests/core/test_hostile_input.py`` checks that each
integer in the OpenAPI document has both bounds.
"""

from __future__ import annotations

import typing
from typing import Annotated

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import StringConstraints, create_model

from kenes.core import caching

BIGINT_MAX = 2**63 - 1

# 0 is allowed and matches nothing (``parent_id: 0`` has always meant "no parent").
Id = Annotated[int, Field(ge=0, le=BIGINT_MAX)]
# Search terms and filters; the middleware refuses longer query values before this is reached.
Text = Annotated[str, StringConstraints(max_length=1000)]


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset pages with an offset the database can take, and ``sort`` when the list allows it.

    ``sort=field`` or ``sort=-field`` (descending) over the fields the endpoint names; the default order
    (the view's own) stays when it is absent, and the primary key breaks ties, so pages never overlap.
    """

    class Input(Schema):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=BIGINT_MAX)

    def __init__(self, *, sortable: dict[str, str] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.sortable = sortable or {}
        if self.sortable:
            self.Input = _sorted_input(self.sortable)

    def paginate_queryset(self, queryset, pagination, request, **params):
        sort = getattr(pagination, "sort", None)
        if sort:
            queryset = self._sorted(queryset, sort)
        return super().paginate_queryset(queryset, pagination, request, **params)

    def _items_count(self, items) -> int:
        # The total is kept until the listed model changes (kenes.core.caching.count): an API client paging
        # through 100,000 measures no longer has them all counted for each page.
        queryset = items.queryset if isinstance(items, Mapped) else items
        if isinstance(queryset, QuerySet):
            return caching.count(queryset)
        return super()._items_count(items)

    def _sorted(self, items, sort: str):
        name = sort.removeprefix("-")
        if name not in self.sortable:
            allowed = ", ".join(_sort_values(self.sortable))
            raise ValidationError({"sort": [_("Sort by one of: %(allowed)s.") % {"allowed": allowed}]})
        path, descending = self.sortable[name], sort.startswith("-")
        if isinstance(items, Mapped):
            return Mapped(self._sorted(items.queryset, sort), items.convert)
        if isinstance(items, QuerySet):
            # NULLs last both ways, as on PostgreSQL and SQLite alike; the primary key keeps equal values in order.
            order = F(path).desc(nulls_last=True) if descending else F(path).asc(nulls_last=True)
            return items.order_by(order, "pk")
        # A list of answers (dicts) already in primary-key order: Python's sort is stable, so ties keep it.
        present = [item for item in items if item.get(path) is not None]
        return sorted(present, key=lambda item: item[path], reverse=descending) + \
            [item for item in items if item.get(path) is None]


class Mapped:
    """A queryset turned into answers one page at a time: counting and slicing stay in the database.

    ``return Mapped(document.mentions.all(), lambda mention: _mention_out(mention, user))`` from a
    ``@paginated`` view serialises the page asked for, not every row; ``sort`` orders the queryset.
    """

    def __init__(self, queryset: QuerySet, convert: typing.Callable):
        self.queryset, self.convert = queryset, convert

    def all(self) -> Mapped:
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index: slice) -> list:
        return [self.convert(row) for row in self.queryset[index]]


def _sort_values(sortable) -> list[str]:
    return [value for name in sortable for value in (name, f"-{name}")]


def _sorted_input(sortable: dict[str, str]) -> type[Schema]:
    """``Pagination.Input`` with ``sort``: a plain string, checked in ``_sorted`` so the 422 names the allowed values."""
    # An empty ``sort=`` (a form left blank) is the default order, so the document allows it too.
    values = ["", *_sort_values(sortable)]
    described = Field(None, max_length=100, description="Sort by this field; `-field` for descending; empty or "
                      "absent: the default order (by id).", json_schema_extra={"enum": values})
    return create_model("SortedPaginationInput", __base__=Pagination.Input, sort=(str | None, described))


def paginated(view=None, *, sort: typing.Iterable[str] | dict[str, str] = ()):
    """``@paginate(Pagination)``, for views in modules with ``from __future__ import annotations``.

    ``@paginated(sort=("name_en", "founded"))`` allows ``?sort=`` over those fields (a dict maps a public
    name to the model's path: ``{"party": "party__code"}``). ninja resolves the view's annotations in the
    globals of its own pagination wrapper, where ``Id`` or ``Text`` are unknown; resolving them here, in the
    view's module, avoids that.
    """
    if view is None:
        return lambda function: paginated(function, sort=sort)
    view.__annotations__ = typing.get_type_hints(view, include_extras=True)
    sortable = dict(sort) if isinstance(sort, dict) else {name: name for name in sort}
    return paginate(Pagination, sortable=sortable)(view)
