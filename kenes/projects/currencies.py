"""The currency of a project's or a statement's value: a known ISO 4217 code, so "USX" is refused.

The list of codes is ``kenes.indicators.units.KNOWN_CURRENCIES`` (one list for the platform);
this module is the field's validator (named by the migrations) and its normaliser.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kenes.indicators.units import is_currency
from kenes.indicators.units import is_known_currency as _in_list


def normalize_currency(value: str) -> str:
    return (value or "").strip().upper()


def is_known_currency(code: str) -> bool:
    return is_currency(code) and _in_list(code)


def validate_currency(value: str) -> None:
    """Empty is allowed (a project without a value needs no currency); anything else must be a known code."""
    if value and not is_known_currency(value):
        raise ValidationError(_("%(code)s is not an ISO 4217 currency code; use e.g. USD, KZT or UZS.")
                              % {"code": value}, code="unknown_currency")
