"""What the indicators make searchable: indicators (see kenes/search/registry.py).

Targets and figures are found through their indicator's page; they join the search in issue 10
if readers need them on their own.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.indicators.models import Indicator
from kenes.search import registry

registry.register(
    Indicator, kind=_("Indicators"),
    title=lambda indicator: registry.translations(indicator, "name"),
    body=lambda indicator: [*registry.translations(indicator, "definition"), indicator.unit],
)
