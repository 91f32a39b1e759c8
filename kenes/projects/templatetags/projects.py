from django import template

from kenes.projects.charts import short_amount as _short_amount

register = template.Library()


@register.filter
def short_amount(value) -> str:
    """156000000 → "156 million": portfolio values as leaders state them."""
    return _short_amount(value)
