"""Which known meeting a meeting mention may be: the same date, and better, the same body."""

from __future__ import annotations

from kenes.council.models import Meeting
from kenes.documents.resolution import register
from kenes.extraction.translit import fold


def _body_keys(meeting: Meeting) -> set[str]:
    body = meeting.body
    if body is None:
        return set()
    return {fold(name) for name in [*body.names(), body.acronym] if name and fold(name)}


@register("meeting")
def find_meetings(mention) -> list[tuple]:
    values = mention.values or {}
    date = str(values.get("date") or "").strip()
    if not date:
        # Without a date "the meeting of the council" could be any of them: nothing is proposed.
        return []
    body = fold(str(values.get("body") or ""))
    found = []
    for meeting in Meeting.objects.live().filter(date=date).select_related("body")[:50]:
        if body and body in _body_keys(meeting):
            found.append((meeting, 0.9, f"same body and date ({date})"))
        else:
            found.append((meeting, 0.5, f"same date ({date})"))
    return sorted(found, key=lambda item: -item[1])
