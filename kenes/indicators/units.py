"""Units of indicators, targets and figures, as the extraction contract writes them.

An ISO 4217 currency code in capitals (``USD``, ``KZT``) for money, otherwise a lower-case
noun (``percent``, ``tonnes``, ``projects``). Amounts in different units are never compared.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

CURRENCY = re.compile(r"^[A-Z]{3}$")
NOUN = re.compile(r"^[a-z][a-z\- ]{0,38}[a-z]$|^[a-z]$")


def normalize_unit(value: str) -> str:
    """A currency code stays as written (``USD``); anything else is a noun, in lower case."""
    value = " ".join((value or "").split())
    return value if CURRENCY.match(value) else value.lower()


def validate_unit(value: str) -> None:
    if not value or CURRENCY.match(value) or NOUN.match(value):
        return
    raise ValidationError(_("Give the unit as a currency code (USD, KZT) or a lower-case noun "
                            "(percent, tonnes, projects)."), code="invalid_unit")


def is_currency(unit: str) -> bool:
    return bool(CURRENCY.match(unit or ""))
