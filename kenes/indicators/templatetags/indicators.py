from decimal import Decimal

from django import template
from django.utils.dates import MONTHS as MONTHS_STANDALONE
from django.utils.formats import number_format
from django.utils.translation import pgettext, pgettext_lazy

from kenes.indicators.models import format_value
from kenes.indicators.periods import MONTH, QUARTER, RANGE

register = template.Library()


@register.filter
def amount(value) -> str:
    """A Decimal with thousands separators in the reader's language, never in scientific notation."""
    if value is None or value == "":
        return ""
    text = format_value(value)
    places = len(text.partition(".")[2])
    return number_format(Decimal(text), decimal_pos=places, force_grouping=True)


# (threshold, divisor, label): a figure of the size leaders speak in ("4.97 bn"), in the reader's language.
_SCALES = [
    (Decimal(10) ** 9, pgettext_lazy("short for billion, after a number", "bn")),
    (Decimal(10) ** 6, pgettext_lazy("short for million, after a number", "m")),
    (Decimal(10) ** 3, pgettext_lazy("short for thousand, after a number", "k")),
]


@register.filter
def short_amount(value) -> str:
    """4970000000 → "4.97 bn" (ru "4,97 млрд"): three significant digits at most, for charts and bars."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    for size, label in _SCALES:
        if abs(number) >= size:
            scaled = (number / size).quantize(Decimal("0.01")).normalize()
            places = max(0, -scaled.as_tuple().exponent)
            return f"{number_format(scaled, decimal_pos=places)} {label}"
    return amount(number)


@register.filter
def percent(share, places: int = 1) -> str:
    """0.4970 → "49.7 %" in the reader's language; empty for None."""
    if share is None or share == "":
        return ""
    value = (Decimal(str(share)) * 100).quantize(Decimal(1).scaleb(-int(places)))
    return f"{number_format(value, decimal_pos=int(places))} %"


@register.filter
def signed_percent(share, places: int = 1) -> str:
    """0.0261 → "+2.6 %", −0.024 → "−2.4 %": growth rates read with their sign."""
    if share is None or share == "":
        return ""
    text = percent(abs(Decimal(str(share))), places)
    return ("−" if Decimal(str(share)) < 0 else "+") + text


@register.filter
def period_label(value: str) -> str:
    """2025-01/2025-09 → "January–September 2025", 2023-Q3 → "Q3 2023", 2023-07 → "July 2023"; a year as it is."""
    value = value or ""
    if match := RANGE.match(value):
        start_year, start_month, end_year, end_month = match.groups()
        start, end = _month_name(int(start_month)), _month_name(int(end_month))
        if start_year == end_year:
            return f"{start}–{end} {end_year}"
        return f"{start} {start_year} – {end} {end_year}"
    if match := QUARTER.match(value):
        return pgettext("quarter of a year", "Q%(quarter)s %(year)s") % {"quarter": match.group(2), "year": match.group(1)}
    if match := MONTH.match(value):
        return f"{_month_name(int(match.group(2)))} {match.group(1)}"
    return value


def _month_name(month: int) -> str:
    return str(MONTHS_STANDALONE[month]) if 1 <= month <= 12 else str(month)


@register.inclusion_tag("indicators/_target_bars.html", takes_context=True)
def target_bars(context, limit: int = 6):
    """Each current target the reader may see as progress bars, one per reporting side: the dashboard's."""
    from kenes.indicators.services import current_targets_progress

    return {"items": current_targets_progress(context["request"].user, limit=limit)}
