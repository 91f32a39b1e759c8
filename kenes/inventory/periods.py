"""Monitoring periods of compliance assessments: a year, a half, a quarter or a month.

Written as ``2025``, ``2025-H1``, ``2025-Q3`` or ``2025-07``; they sort as text in time
order within a year, and ``year_of`` groups them for the yearly compliance table.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kenes.core.models import PartialDateField

PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?:H(?P<half>[12])|Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$")


def validate_period(value: str) -> None:
    if not PERIOD.match(value or "") or not 1900 <= int(value[:4]) <= 2200:
        raise ValidationError(_("Write the period as 2025, 2025-H1, 2025-Q3 or 2025-07."), code="invalid_period")


def year_of(period: str) -> str:
    return period[:4]


class MonitoringPeriodField(PartialDateField):
    """A year or a month (partial dates), or a half or a quarter of a year; required, never a day."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", False)
        super().__init__(*args, **kwargs)
        self._validators = [validate_period]
        self.__dict__.pop("validators", None)
