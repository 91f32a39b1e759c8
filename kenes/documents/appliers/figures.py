"""Accepting a figure ("trade reached $4.4 bn in 2023"): an observation of the indicator for that period.

The reporting party is the document's party when it concerns exactly one; otherwise nobody is
guessed, and the figure is kept without one until a person says whose statistics they are.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kenes.documents.appliers import register
from kenes.documents.appliers._amounts import amount_fields, decimal_value, indicator_for, qualifier
from kenes.indicators import services
from kenes.indicators.models import Observation


def figure_fields(mention) -> dict:
    return amount_fields(mention, ("period",))


def _reporting_party(document):
    parties = list(document.parties.all()[:2])
    return parties[0] if len(parties) == 1 else None


def _source(document) -> str:
    return (document.source_url or str(document))[:1000]


def create_figure(actor, mention, values: dict) -> Observation:
    value = decimal_value(values.get("value"))
    indicator = indicator_for(actor, mention, values)
    document = mention.document
    return services.create_observation(
        actor, indicator=indicator, value=value, unit=str(values.get("unit") or ""),
        period=str(values.get("period") or "").strip(), qualifier=qualifier(values.get("qualifier")),
        reporting_party=_reporting_party(document), source=_source(document), source_url=document.source_url,
        evidence=mention.quote, visibility=document.visibility,
        reason=_("Accepted from %(document)s") % {"document": document})


def link_figure(actor, mention, observation: Observation, values: dict) -> Observation:
    """The known figure keeps its value; a period, source or party it lacks is filled in."""
    data = {}
    period = str(values.get("period") or "").strip()
    if period and not observation.period:
        data["period"] = period
    if not observation.source:
        data["source"] = _source(mention.document)
    if not observation.evidence and mention.quote:
        data["evidence"] = mention.quote
    if not observation.source_url and mention.document.source_url:
        data["source_url"] = mention.document.source_url
    if observation.reporting_party_id is None and (party := _reporting_party(mention.document)):
        data["reporting_party"] = party
    if not data:
        return observation
    return services.update_observation(actor, observation,
                                       reason=_("Linked from %(document)s") % {"document": mention.document}, **data)


register("figure", model=Observation, create=create_figure, link=link_figure, fields=figure_fields)
