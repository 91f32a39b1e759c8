"""Which known target or figure a mention may be: the same indicator, unit and (nearly) the same value.

Values within 0.5 % match, as in the extraction scorer: "$10 bn" and "10,000,000,000 dollars" are one goal.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kenes.core.translation import CONTENT_LANGUAGES
from kenes.documents.resolution import register, register_many
from kenes.extraction.translit import fold
from kenes.indicators.models import Indicator, Observation, Target
from kenes.indicators.units import normalize_unit

TOLERANCE = Decimal("0.005")


def _decimal(value) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def close(a: Decimal, b: Decimal) -> bool:
    if a == b:
        return True
    scale = max(abs(a), abs(b))
    return scale > 0 and abs(a - b) / scale <= TOLERANCE


def _indicators(name: str, known=None):
    """Live indicators named ``name`` in any language; ``known``: [(indicator, folded names)] read once."""
    key = fold(name or "")
    if not key:
        return []
    return [indicator for indicator, names in (known if known is not None else _known()) if key in names]


def _known() -> list[tuple]:
    return [(indicator, {fold(getattr(indicator, f"name_{code}") or "") for code in CONTENT_LANGUAGES})
            for indicator in Indicator.objects.live()]


def _candidates(mention, model, known=None, **filters) -> list[tuple]:
    values = mention.values or {}
    value = _decimal(values.get("value"))
    indicators = _indicators(str(values.get("indicator") or ""), known)
    if value is None or not indicators:
        return []
    unit = normalize_unit(str(values.get("unit") or ""))
    found = []
    for record in model.objects.live().filter(indicator__in=indicators, **filters).select_related("indicator")[:200]:
        if record.effective_unit == unit and close(record.value, value):
            found.append((record, 0.9, f"same indicator, unit {unit or '—'} and value within 0.5 %"))
    return found


@register("target")
def find_targets(mention) -> list[tuple]:
    return _candidates(mention, Target)


@register("figure")
def find_figures(mention, known=None) -> list[tuple]:
    period = str((mention.values or {}).get("period") or "").strip()
    return _candidates(mention, Observation, known, **({"period": period} if period else {}))


# The batch forms read the indicators once per document, not once per figure.
@register_many("target")
def find_many_targets(mentions) -> dict:
    known = _known()
    return {mention.pk: _candidates(mention, Target, known) for mention in mentions}


@register_many("figure")
def find_many_figures(mentions) -> dict:
    known = _known()
    return {mention.pk: find_figures(mention, known) for mention in mentions}
