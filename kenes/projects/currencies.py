"""ISO 4217 currency codes in use, so that "USX" is refused rather than stored as money.

``kenes.indicators.units`` checks the shape of a code (three capitals); this list says
whether the code names a currency. It is the ISO 4217 list of active codes (2024),
without the fund, precious-metal and testing codes (XAU, XDR, XTS…), which no
project is valued in. Moving it next to ``units`` would let indicators use it too.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kenes.indicators.units import is_currency

ISO_4217 = frozenset("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF
XPF YER ZAR ZMW ZWL
""".split())


def normalize_currency(value: str) -> str:
    return (value or "").strip().upper()


def is_known_currency(code: str) -> bool:
    return is_currency(code) and code in ISO_4217


def validate_currency(value: str) -> None:
    """Empty is allowed (a project without a value needs no currency); anything else must be a known code."""
    if value and not is_known_currency(value):
        raise ValidationError(_("%(code)s is not an ISO 4217 currency code; use e.g. USD, KZT or UZS.")
                              % {"code": value}, code="unknown_currency")
