"""Accepting a meeting: a new council meeting, or the known one completed where it lacks something.

The body, organisers and participants are found among live directory records by their exact
folded name (or acronym); a name that matches nothing is left out rather than guessed.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kenes.council import services
from kenes.council.models import Meeting
from kenes.documents.appliers import register
from kenes.documents.appliers._directory import find_organization, find_person, language_of, lines

TEXT_FIELDS = ("title", "body", "ordinal", "date", "format", "place")


def meeting_fields(mention) -> dict:
    values = mention.values or {}
    fields = {name: "" if values.get(name) is None else str(values.get(name)) for name in TEXT_FIELDS}
    fields["title"] = fields["title"] or mention.label
    fields["organizers"] = "\n".join(lines(values.get("organizers")))
    fields["participants"] = "\n".join(lines(values.get("participants")))
    return fields


def _ordinal(value) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    if not text.isdigit() or len(text) > 6:
        raise ValidationError({"ordinal": _("The number of a meeting is a whole number, e.g. 2.")})
    return int(text)


def _format(value) -> str:
    value = str(value or "").strip()
    return value if value in Meeting.Format.values else ""


def _found(names, finder) -> list:
    found = []
    for name in lines(names):
        record = finder(name)
        if record is not None and record not in found:
            found.append(record)
    return found


def _reason(template: str, mention) -> str:
    return template % {"document": mention.document}


def create_meeting(actor, mention, values: dict) -> Meeting:
    language = language_of(mention)
    data = {
        f"title_{language}": str(values.get("title") or mention.label).strip()[:500],
        "body": find_organization(str(values.get("body") or "")),
        "ordinal": _ordinal(values.get("ordinal")),
        "date": str(values.get("date") or "").strip(),
        "format": _format(values.get("format")),
        "place": str(values.get("place") or "").strip()[:300],
        "organizers": _found(values.get("organizers"), find_organization),
        "participants": _found(values.get("participants"), find_person),
        "visibility": mention.document.visibility,
    }
    # A meeting reported with a date already past was held; one ahead is planned.
    today = datetime.date.today().isoformat()
    if data["date"] and data["date"] < today[: len(data["date"])]:
        data["status"] = Meeting.Status.HELD
    return services.create_meeting(actor, reason=_reason(_("Accepted from %(document)s"), mention), **data)


def link_meeting(actor, mention, meeting: Meeting, values: dict) -> Meeting:
    """Fill what the known meeting lacks: its title in this language, body, number, date, format, place, people."""
    language = language_of(mention)
    data = {}
    title = str(values.get("title") or "").strip()[:500]
    if title and not getattr(meeting, f"title_{language}"):
        data[f"title_{language}"] = title
    if meeting.body_id is None and (body := find_organization(str(values.get("body") or ""))):
        data["body"] = body
    if meeting.ordinal is None and (ordinal := _ordinal(values.get("ordinal"))) is not None:
        data["ordinal"] = ordinal
    for name in ("date", "place"):
        value = str(values.get(name) or "").strip()
        if value and not getattr(meeting, name):
            data[name] = value
    if not meeting.format and (kind := _format(values.get("format"))):
        data["format"] = kind
    for name, finder in (("organizers", find_organization), ("participants", find_person)):
        current = list(getattr(meeting, name).all())
        fresh = [record for record in _found(values.get(name), finder) if record not in current]
        if fresh:
            data[name] = [*current, *fresh]
    if not data:
        return meeting
    return services.update_meeting(actor, meeting, reason=_reason(_("Linked from %(document)s"), mention), **data)


register("meeting", model=Meeting, create=create_meeting, link=link_meeting, fields=meeting_fields)
