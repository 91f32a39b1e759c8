from decimal import Decimal

from django import template
from django.utils.formats import number_format

from kenes.indicators.models import format_value

register = template.Library()


@register.filter
def amount(value) -> str:
    """A Decimal with thousands separators in the reader's language, never in scientific notation."""
    if value is None or value == "":
        return ""
    text = format_value(value)
    places = len(text.partition(".")[2])
    return number_format(Decimal(text), decimal_pos=places, force_grouping=True)
