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


# The active ISO 4217 codes (2025), so that a typing slip ("USS") is reported as an unknown
# currency instead of being stored as one. Kept here rather than in a dependency: it changes
# a few times a decade.
KNOWN_CURRENCIES = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF
CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF
GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD
LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP
PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND
TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XCD XCG XDR XOF XPF YER ZAR
ZMW ZWG ZWL
""".split())


def is_known_currency(unit: str) -> bool:
    return unit in KNOWN_CURRENCIES
