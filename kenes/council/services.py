"""The council's write path: what may change on a meeting; ``kenes.core.services`` says how."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from kenes.core import services as core
from kenes.council.models import Meeting

MEETING_FIELDS = core.editable_fields(Meeting)


def create_meeting(actor, *, reason: str = "", **data) -> Meeting:
    return core.create(actor, Meeting, data, allowed=MEETING_FIELDS, reason=reason or _("Created"))


def update_meeting(actor, meeting: Meeting, *, version: int | None = None, reason: str = "", **data) -> Meeting:
    return core.update(actor, meeting, data, allowed=MEETING_FIELDS, version=version, reason=reason)


# Reading.

def search_meetings(user, query: str = "", *, body: int | None = None, year: str = "", meeting_format: str = ""):
    """Meetings ``user`` may see; ``body`` only counts when the user may see that body too."""
    meetings = Meeting.objects.visible_to(user).select_related("body")
    if query:
        condition = Q()
        for word in query.split()[:8]:
            condition &= (Q(title_en__icontains=word) | Q(title_ru__icontains=word) | Q(title_kk__icontains=word)
                          | Q(title_uz__icontains=word) | Q(place__icontains=word))
        meetings = meetings.filter(condition)
    if body:
        from kenes.directory.models import Organization

        # Filtering by a hidden body must not tell what it did.
        meetings = meetings.filter(body_id=body, body__in=Organization.objects.visible_to(user))
    if year:
        meetings = meetings.filter(date__startswith=year[:4]) if year[:4].isdigit() else meetings.none()
    if meeting_format:
        meetings = meetings.filter(format=meeting_format)
    return meetings


def years(user) -> list[str]:
    """The years that have meetings the user may see, newest first (for the year filter)."""
    dates = Meeting.objects.visible_to(user).exclude(date="").values_list("date", flat=True)
    return sorted({date[:4] for date in dates}, reverse=True)

