"""Accepting a target ("$10 billion mutual trade"): the indicator found or made by name and unit, then the target."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kenes.documents.appliers import register
from kenes.documents.appliers._amounts import amount_fields, decimal_value, indicator_for, qualifier
from kenes.indicators import services
from kenes.indicators.models import Target


def target_fields(mention) -> dict:
    return amount_fields(mention, ("deadline",))


def create_target(actor, mention, values: dict) -> Target:
    value = decimal_value(values.get("value"))
    indicator = indicator_for(actor, mention, values)
    return services.create_target(
        actor, indicator=indicator, value=value, unit=str(values.get("unit") or ""),
        qualifier=qualifier(values.get("qualifier")), deadline=str(values.get("deadline") or "").strip(),
        # Set when the document says it was, until a reader names the meeting: the words stay as evidence.
        set_on=mention.document.published, source_url=mention.document.source_url, evidence=mention.quote,
        visibility=mention.document.visibility,
        reason=_("Accepted from %(document)s") % {"document": mention.document})


def link_target(actor, mention, target: Target, values: dict) -> Target:
    """The known target keeps its value; a deadline or qualifier it lacks is filled in."""
    data = {}
    deadline = str(values.get("deadline") or "").strip()
    if deadline and not target.deadline:
        data["deadline"] = deadline
    if not target.qualifier and (kind := qualifier(values.get("qualifier"))):
        data["qualifier"] = kind
    if not target.evidence and mention.quote:
        data["evidence"] = mention.quote
        if not target.source_url:
            data["source_url"] = mention.document.source_url
    if not data:
        return target
    return services.update_target(actor, target, reason=_("Linked from %(document)s") % {"document": mention.document},
                                  **data)


register("target", model=Target, create=create_target, link=link_target, fields=target_fields)
