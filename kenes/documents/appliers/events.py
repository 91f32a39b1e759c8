"""Accepting an event: a new conference or forum of the council's calendar, or the known one completed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kenes.council import services
from kenes.council.models import Event
from kenes.documents.appliers import register
from kenes.documents.appliers._directory import language_of

# The engine's status words (EXTRACTION.md) as the event's status; anything else leaves it planned.
STATUSES = {"planned": Event.Status.PLANNED, "held": Event.Status.HELD, "cancelled": Event.Status.CANCELLED,
            "postponed": Event.Status.POSTPONED}


def event_fields(mention) -> dict:
    values = mention.values or {}
    return {"title": str(values.get("name") or mention.label), "date": str(values.get("date") or ""),
            "place": str(values.get("place") or ""), "status": str(values.get("status") or "")}


def _kind(title: str) -> str:
    lowered = title.lower()
    for kind, cues in ((Event.Kind.FORUM, ("forum", "форум")), (Event.Kind.ROUND_TABLE, ("round table", "круглый стол"))):
        if any(cue in lowered for cue in cues):
            return kind
    return Event.Kind.CONFERENCE if any(cue in lowered for cue in ("conference", "конференц", "konferens")) \
        else Event.Kind.OTHER


def create_event(actor, mention, values: dict) -> Event:
    title = str(values.get("title") or mention.label).strip()[:500]
    return services.create_event(
        actor, **{f"title_{language_of(mention)}": title}, kind=_kind(title),
        status=STATUSES.get(str(values.get("status") or "").strip(), Event.Status.PLANNED),
        start_date=str(values.get("date") or "").strip(), place=str(values.get("place") or "").strip()[:300],
        visibility=mention.document.visibility, reason=_("Accepted from %(document)s") % {"document": mention.document})


def link_event(actor, mention, event: Event, values: dict) -> Event:
    """Fill what the known event lacks: its title in this language, date, place; a newer status."""
    data = {}
    language = language_of(mention)
    title = str(values.get("title") or "").strip()[:500]
    if title and not getattr(event, f"title_{language}"):
        data[f"title_{language}"] = title
    if (date := str(values.get("date") or "").strip()) and not event.start_date:
        data["start_date"] = date
    if (place := str(values.get("place") or "").strip()[:300]) and not event.place:
        data["place"] = place
    status = STATUSES.get(str(values.get("status") or "").strip())
    if status and status != event.status and event.status == Event.Status.PLANNED:
        data["status"] = status
    if not data:
        return event
    return services.update_event(actor, event, reason=_("Linked from %(document)s") % {"document": mention.document},
                                 **data)


register("event", model=Event, create=create_event, link=link_event, fields=event_fields)
