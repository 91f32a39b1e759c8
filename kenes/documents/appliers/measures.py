"""Accepting a measure or an agreement found in a document: a new inventory record, or the known one
completed where it lacks something. The engine's stance becomes the measure's status through the
workflow (never around it); proposers are people and organisations found by exact folded name."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kenes.core.models import Topic
from kenes.directory.models import Party
from kenes.documents.appliers import register
from kenes.documents.appliers._directory import find_organization, find_person, language_of, lines
from kenes.inventory import services
from kenes.inventory.models import Agreement, Measure

# The extraction contract's stances, as statuses of the default workflow.
STANCE_STATUS = {"agreed": "adopted", "planned": "adopted", "discussed": "under_consideration",
                 "implemented": "implemented"}
AGREEMENT_STATUS = {"signed": "signed", "planned": "planned", "in_force": "in_force", "implemented": "in_force"}


def _reason(template: str, mention) -> str:
    return template % {"document": mention.document}


def measure_fields(mention) -> dict:
    values = mention.values or {}
    return {"text": str(values.get("text") or mention.label), "stance": str(values.get("stance") or ""),
            "proposers": "\n".join(lines(values.get("proposers"))), "topics": "\n".join(lines(values.get("topics")))}


def _proposers(names):
    people, organizations = [], []
    for name in lines(names):
        if (person := find_person(name)) and person not in people:
            people.append(person)
        elif (org := find_organization(name)) and org not in organizations:
            organizations.append(org)
    return people, organizations


def create_measure(actor, mention, values: dict) -> Measure:
    people, organizations = _proposers(values.get("proposers"))
    measure = services.create_measure(
        actor, **{f"title_{language_of(mention)}": str(values.get("text") or mention.label).strip()[:500]},
        topics=list(Topic.objects.filter(code__in=lines(values.get("topics")))),
        proposed_by_people=people, proposed_by_organizations=organizations,
        first_proposed_on=str(getattr(mention.document, "published", "") or "")[:10],
        visibility=mention.document.visibility, reason=_reason(_("Accepted from %(document)s"), mention))
    status = STANCE_STATUS.get(str(values.get("stance") or ""))
    if status:
        measure = services.transition(actor, measure, status, reason=_reason(_("As reported in %(document)s"), mention),
                                      evidence=mention.quote[:1000])
    return measure


def link_measure(actor, mention, measure: Measure, values: dict) -> Measure:
    """A later mention of a known measure: its title in this language, topics and proposers it lacks."""
    data, language = {}, language_of(mention)
    text = str(values.get("text") or "").strip()[:500]
    if text and not getattr(measure, f"title_{language}"):
        data[f"title_{language}"] = text
    topics = list(Topic.objects.filter(code__in=lines(values.get("topics"))).exclude(measures=measure))
    if topics:
        data["topics"] = [*measure.topics.all(), *topics]
    people, organizations = _proposers(values.get("proposers"))
    for name, found in (("proposed_by_people", people), ("proposed_by_organizations", organizations)):
        current = list(getattr(measure, name).all())
        if fresh := [record for record in found if record not in current]:
            data[name] = [*current, *fresh]
    if not data:
        return measure
    return services.update_measure(actor, measure, reason=_reason(_("Linked from %(document)s"), mention), **data)


def agreement_fields(mention) -> dict:
    values = mention.values or {}
    return {name: "" if values.get(name) is None else str(values.get(name)) for name in ("title", "status", "date",
                                                                                        "place")} | {
        "title": str(values.get("title") or mention.label), "parties": "\n".join(lines(values.get("parties")))}


def create_agreement(actor, mention, values: dict) -> Agreement:
    return services.create_agreement(
        actor, **{f"title_{language_of(mention)}": str(values.get("title") or mention.label).strip()[:500]},
        status=AGREEMENT_STATUS.get(str(values.get("status") or ""), Agreement.Status.SIGNED),
        signed_on=str(values.get("date") or "").strip(), place=str(values.get("place") or "").strip()[:300],
        parties=list(Party.objects.filter(code__in=[code.upper() for code in lines(values.get("parties"))])),
        visibility=mention.document.visibility, reason=_reason(_("Accepted from %(document)s"), mention))


def link_agreement(actor, mention, agreement: Agreement, values: dict) -> Agreement:
    data, language = {}, language_of(mention)
    title = str(values.get("title") or "").strip()[:500]
    if title and not getattr(agreement, f"title_{language}"):
        data[f"title_{language}"] = title
    for name, value in (("signed_on", str(values.get("date") or "").strip()),
                        ("place", str(values.get("place") or "").strip()[:300])):
        if value and not getattr(agreement, name):
            data[name] = value
    if not data:
        return agreement
    return services.update_agreement(actor, agreement, reason=_reason(_("Linked from %(document)s"), mention), **data)


register("measure", model=Measure, create=create_measure, link=link_measure, fields=measure_fields)
register("agreement", model=Agreement, create=create_agreement, link=link_agreement, fields=agreement_fields)
