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
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import StringConstraints

BIGINT_MAX = 2**63 - 1

# 0 is allowed and matches nothing (``parent_id: 0`` has always meant "no parent").
Id = Annotated[int, Field(ge=0, le=BIGINT_MAX)]
# Search terms and filters; the middleware refuses longer query values before this is reached.
Text = Annotated[str, StringConstraints(max_length=1000)]


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset pages with an offset the database can take."""

    class Input(Schema):
        limit: int = Field(settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=BIGINT_MAX)


def paginated(view):
    """``@paginate(Pagination)``, for views in modules with ``from __future__ import annotations``.

    ninja resolves the view's annotations in the globals of its own pagination wrapper, where
    ``Id`` or ``Text`` are unknown; resolving them here, in the view's module, avoids that.
    """
    view.__annotations__ = typing.get_type_hints(view, include_extras=True)
    return paginate(Pagination)(view)
