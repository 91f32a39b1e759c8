"""What the target and figure appliers share: values as Decimal from the engine's strings, the indicator."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kenes.documents.appliers._directory import language_of
from kenes.indicators import services
from kenes.indicators.models import Qualifier


def amount_fields(mention, extra: tuple[str, ...]) -> dict:
    values = mention.values or {}
    names = ("indicator", "value", "unit", "qualifier", *extra)
    return {name: "" if values.get(name) is None else str(values.get(name)) for name in names}


def decimal_value(value) -> Decimal:
    """``Decimal("10000000000")`` from the engine's string: never through float."""
    text = str(value if value is not None else "").strip().replace(" ", "").replace("\u00a0", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError({"value": _("The value must be a number, e.g. 10000000000 or 4.4.")})
    return number


def qualifier(value) -> str:
    value = str(value or "").strip()
    return value if value in Qualifier.values else ""


def indicator_for(actor, mention, values: dict):
    name = str(values.get("indicator") or "").strip()
    if not name:
        raise ValidationError({"indicator": _("Name the indicator, e.g. mutual trade turnover.")})
    return services.find_or_create_indicator(
        actor, name, str(values.get("unit") or ""), language=language_of(mention),
        visibility=mention.document.visibility,
        reason=_("Accepted from %(document)s") % {"document": mention.document})
