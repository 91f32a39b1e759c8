"""Which known meeting a meeting mention may be: the same date, and better, the same body."""

from __future__ import annotations

from kenes.council.models import Meeting
from kenes.documents.resolution import register, register_many
from kenes.extraction.translit import fold


def _body_keys(meeting: Meeting) -> set[str]:
    body = meeting.body
    if body is None:
        return set()
    return {fold(name) for name in [*body.names(), body.acronym] if name and fold(name)}


PER_DATE = 50


def _date(mention) -> str:
    return str((mention.values or {}).get("date") or "").strip()


def _on(dates) -> dict[str, list[Meeting]]:
    """The live meetings on each of ``dates`` (the first ``PER_DATE`` of each, by id), in one query."""
    found: dict[str, list[Meeting]] = {}
    for meeting in Meeting.objects.live().filter(date__in=dates).select_related("body").order_by("pk"):
        same_day = found.setdefault(meeting.date, [])
        if len(same_day) < PER_DATE:
            same_day.append(meeting)
    return found


@register("meeting")
def find_meetings(mention, meetings_on=None) -> list[tuple]:
    date = _date(mention)
    if not date:
        # Without a date "the meeting of the council" could be any of them: nothing is proposed.
        return []
    body = fold(str((mention.values or {}).get("body") or ""))
    found = []
    for meeting in (meetings_on if meetings_on is not None else _on([date])).get(date, []):
        if body and body in _body_keys(meeting):
            found.append((meeting, 0.9, f"same body and date ({date})"))
        else:
            found.append((meeting, 0.5, f"same date ({date})"))
    return sorted(found, key=lambda item: -item[1])


@register_many("meeting")
def find_many_meetings(mentions) -> dict:
    meetings_on = _on({_date(mention) for mention in mentions} - {""})
    return {mention.pk: find_meetings(mention, meetings_on) for mention in mentions}
