"""Partial dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), stored as text.

Sources often give only a year or a month ("in 2022", "in December 2022");
storing them as such keeps what is known and nothing more. ISO text sorts in
date order, so ordering by the column is correct.
"""

from __future__ import annotations

import calendar
import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def validate_partial_date(value: str) -> None:
    if not value:
        return
    match = PARTIAL_DATE.match(value)
    if not match:
        raise ValidationError(
            _("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD (for example 2024, 2024-08 or 2024-08-28)."),
            code="invalid_partial_date",
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValidationError(_("%(value)s has no month %(month)s.") % {"value": value, "month": month})
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValidationError(_("%(value)s is not a day of the calendar.") % {"value": value})


def display_partial_date(value: str | None) -> str:
    """``2024`` / ``August 2024`` / ``28 August 2024`` in the active language."""
    if not value:
        return ""
    match = PARTIAL_DATE.match(value)
    if not match:
        return value
    year, month, day = match.groups()
    if month is None:
        return year
    if day is None:
        return formats.date_format(datetime.date(int(year), int(month), 1), "YEAR_MONTH_FORMAT")
    return formats.date_format(datetime.date(int(year), int(month), int(day)), "DATE_FORMAT")


__all__ = ["PARTIAL_DATE", "display_partial_date", "validate_partial_date"]
