"""What the council makes searchable: meetings and events (see kenes/search/registry.py).

A meeting's entry holds its body's name only when whoever can find the meeting may read
the body too (``levels_readable_with``); participants stay out of the entry for the same reason.
It also holds the agenda (titles, descriptions) and what speakers said, which are parts of
the meeting and exactly as visible: "water" finds the meeting where water was discussed, and
the expert pool (``kenes.council.experts``) reads only the statements of meetings it finds.
Every change to the agenda or its speakers saves the meeting (``services._meeting_change``),
which refreshes this entry; speakers' names stay out, as participants do.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kenes.council.models import Event, Meeting
from kenes.directory.models import Organization
from kenes.search import registry
from kenes.search.index import is_searchable


def meeting_titles(meeting: Meeting) -> list[str]:
    return registry.translations(meeting, "title")


def meeting_text(meeting: Meeting) -> list[str]:
    levels = registry.levels_readable_with(meeting.visibility)
    body = meeting.body
    names = []
    if body is not None and body.visibility in levels and is_searchable(body):
        names = [*body.names(), body.acronym]
    return [*registry.translations(meeting, "summary"), meeting.place, meeting.date, *names, *agenda_text(meeting)]


def agenda_text(meeting: Meeting) -> list[str]:
    texts = []
    for item in meeting.agenda_items.all():
        texts += [*registry.translations(item, "title"), *registry.translations(item, "description")]
        for speaker in item.speakers.all():
            texts += registry.translations(speaker, "summary")
    return texts


def meetings_of(org: Organization):
    if org.pk is None:
        return Meeting._base_manager.none()
    return Meeting._base_manager.filter(body_id=org.pk)


registry.register(Meeting, kind=_("Meetings"), title=meeting_titles, body=meeting_text,
                  queryset=lambda: Meeting._base_manager.select_related("body").prefetch_related("agenda_items__speakers"))
registry.register_related(Organization, affects=meetings_of)


def event_titles(event) -> list[str]:
    return registry.translations(event, "title")


def event_text(event) -> list[str]:
    return [*registry.translations(event, "description"), event.place, event.start_date]


registry.register(Event, kind=_("Events"), title=event_titles, body=event_text,
                  queryset=lambda: Event._base_manager.all())
