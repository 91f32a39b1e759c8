"""Periods of an observation: a year, a month, a quarter, or a part-year range of months.

``2023``, ``2023-07``, ``2023-Q3`` and ``2023-01/2023-09`` (January to September). Stored as
text; a part-year period is never taken for the full year (``is_full_year``).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kenes.core.models import PartialDateField

YEAR = re.compile(r"^\d{4}$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
RANGE = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")


def validate_period(value: str) -> None:
    if not value:
        return
    if YEAR.match(value) or QUARTER.match(value):
        return
    if match := MONTH.match(value):
        _check_month(value, int(match.group(2)))
        return
    if match := RANGE.match(value):
        start_year, start_month, end_year, end_month = (int(part) for part in match.groups())
        _check_month(value, start_month)
        _check_month(value, end_month)
        if (end_year, end_month) < (start_year, start_month):
            raise ValidationError(_("The period %(value)s ends before it starts.") % {"value": value},
                                  code="backwards_period")
        return
    raise ValidationError(
        _("Enter a period as YYYY, YYYY-MM, YYYY-Qn or YYYY-MM/YYYY-MM (for example 2023, 2023-07, 2023-Q3 "
          "or 2023-01/2023-09)."), code="invalid_period")


def _check_month(value: str, month: int) -> None:
    if not 1 <= month <= 12:
        raise ValidationError(_("%(value)s has no month %(month)s.") % {"value": value, "month": month},
                              code="invalid_period")


def is_full_year(value: str) -> bool:
    """True for a calendar year, including the range January–December of one year."""
    if YEAR.match(value or ""):
        return True
    match = RANGE.match(value or "")
    return bool(match and match.group(1) == match.group(3) and match.group(2) == "01" and match.group(4) == "12")


def year_of(value: str) -> str:
    return (value or "")[:4]


class PeriodField(PartialDateField):
    """A partial date widened to quarters and part-year ranges; every year or month is also a period.

    Built on ``PartialDateField`` because a year or a month is exactly a partial date; the
    day is left out (observations are not daily) and quarters and ranges are added.
    """

    api_pattern = r"^([0-9]{4}(-[0-9]{2}|-Q[1-4]|-[0-9]{2}/[0-9]{4}-[0-9]{2})?)?$"
    api_description = ("A period: a year, a month, a quarter or a part-year range of months "
                       "(2023, 2023-07, 2023-Q3, 2023-01/2023-09).")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 15)
        super().__init__(*args, **kwargs)
        self._validators = [validate_period]
        self.__dict__.pop("validators", None)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 15:
            kwargs.pop("max_length")
        return name, path, args, kwargs
