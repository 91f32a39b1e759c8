"""What the fund makes searchable: funds and calls (see kenes/search/registry.py).

Applications are not in the platform search: who may read one depends on who applied and
who reviews it, which the search index's visibility levels cannot say. Funded ones are
listed on the public decisions page.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.fund.models import Call, Fund
from kenes.search import registry

registry.register(
    Fund, kind=_("Funds"),
    title=lambda fund: registry.translations(fund, "name"),
    body=lambda fund: registry.translations(fund, "description"),
)
registry.register(
    Call, kind=_("Calls for proposals"),
    title=lambda call: registry.translations(call, "title"),
    body=lambda call: registry.translations(call, "description"),
)
