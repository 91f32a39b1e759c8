"""What the inventory makes searchable: measures and agreements (see kenes/search/registry.py).

A measure's entry holds its topics in every language, so "вода" finds water measures, and
its agreement's title only when whoever can find the measure may read the agreement too.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.inventory.models import Agreement, Measure
from kenes.search import registry
from kenes.search.index import is_searchable


def measure_text(measure: Measure) -> list[str]:
    levels = registry.levels_readable_with(measure.visibility)
    topics = [" / ".join(n for n in (t.name_en, t.name_ru, t.name_kk, t.name_uz) if n) for t in measure.topics.all()]
    agreement = measure.agreement
    titles = []
    if agreement is not None and agreement.visibility in levels and is_searchable(agreement):
        titles = registry.translations(agreement, "title")
    return [*registry.translations(measure, "description"), measure.occasion, *topics, *titles]


def measures_of(agreement: Agreement):
    if agreement.pk is None:
        return Measure._base_manager.none()
    return Measure._base_manager.filter(agreement_id=agreement.pk)


registry.register(Measure, kind=_("Measures"), title=lambda measure: registry.translations(measure, "title"),
                  body=measure_text, date=lambda measure: measure.first_proposed_on or None,
                  parties=lambda measure: [party.code for party in measure.proposed_by_parties.all()],
                  queryset=lambda: Measure._base_manager.select_related("agreement").prefetch_related("topics"))
registry.register(Agreement, kind=_("Agreements"), title=lambda agreement: registry.translations(agreement, "title"),
                  body=lambda agreement: [*registry.translations(agreement, "summary"), agreement.place],
                  date=lambda agreement: agreement.signed_on or None,
                  parties=lambda agreement: [party.code for party in agreement.parties.all()])
registry.register_related(Agreement, affects=measures_of)
