"""iCalendar feeds of meetings and events: the public one, and one per person behind a secret address.

A calendar app fetches the address every few hours without signing in, so the personal
feed's token *is* the credential: it shows what its owner may see on the pages (the same
``visible_to`` rule), stops working the moment it is replaced or the account is disabled,
and is never logged in a referrer. Times are written in UTC (``…Z``), which every app reads
in its own zone; a day without a time is an all-day entry whose end is the next day, as
RFC 5545 counts. A record known only to its month or year has no place in a calendar
app and is left out.
"""

from __future__ import annotations

import datetime
import secrets

import icalendar
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from kenes.accounts.models import User
from kenes.core.models import Visibility
from kenes.core.translation import translated_value
from kenes.council.calendar import page_url, partial_day
from kenes.council.models import CalendarFeed, Event, Meeting
from kenes.council.timezones import span_text

UTC = datetime.UTC
# UIDs must never change (apps match updates by them), so they name no host that could move.
UID_DOMAIN = "kenes"
ONE_DAY = datetime.timedelta(days=1)
# How often apps should fetch again (RFC 7986 REFRESH-INTERVAL and Outlook's X-PUBLISHED-TTL).
REFRESH = datetime.timedelta(hours=1)

MEETING_STATUS = {
    Meeting.Status.PLANNED: "TENTATIVE", Meeting.Status.CONFIRMED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED", Meeting.Status.CANCELLED: "CANCELLED",
}
EVENT_STATUS = {
    Event.Status.PLANNED: "TENTATIVE", Event.Status.CONFIRMED: "CONFIRMED", Event.Status.HELD: "CONFIRMED",
    Event.Status.POSTPONED: "TENTATIVE", Event.Status.CANCELLED: "CANCELLED",
}
# A shared calendar hides the details of private entries: internal and restricted records say so.
ACCESS_CLASS = {Visibility.PUBLIC: "PUBLIC", Visibility.INTERNAL: "PRIVATE", Visibility.RESTRICTED: "CONFIDENTIAL"}


# The personal address.

def new_token() -> str:
    return secrets.token_urlsafe(32)


def feed_for(user) -> CalendarFeed:
    """The user's feed, made with a fresh token the first time it is asked for."""
    try:
        feed, _created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": new_token()})
    except IntegrityError:  # two first visits at once: the other one made it
        feed = CalendarFeed.objects.get(user=user)
    return feed


@transaction.atomic
def replace_token(user) -> CalendarFeed:
    """A new address for the user's feed; the old one answers 404 from now on."""
    feed = feed_for(user)
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    feed.token = new_token()
    feed.save(update_fields=["token"])
    return feed


def user_for_token(token: str) -> User | None:
    """The active user whose feed address this is, or None."""
    if not token:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


# The calendar.

def build_calendar(user, *, base_url: str, language: str, name: str) -> bytes:
    """Every meeting and event ``user`` may see (anonymous: public only) that has a day, as iCalendar."""
    with translation.override(language):
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//Kenes//Council calendar//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(REFRESH))
        for meeting in Meeting.objects.visible_to(user).order_by("pk"):
            component = meeting_component(meeting, base_url, language)
            if component is not None:
                calendar.add_component(component)
        for event in Event.objects.visible_to(user).order_by("pk"):
            component = event_component(event, base_url, language)
            if component is not None:
                calendar.add_component(component)
        return calendar.to_ical()


def meeting_component(meeting: Meeting, base_url: str, language: str) -> icalendar.Event | None:
    component = icalendar.Event()
    component.add("uid", f"meeting-{meeting.pk}@{UID_DOMAIN}")
    if meeting.starts_at is not None:
        component.add("dtstart", meeting.starts_at.astimezone(UTC))
        if meeting.ends_at is not None:
            component.add("dtend", meeting.ends_at.astimezone(UTC))
    else:
        day = partial_day(meeting.date)
        if day is None:
            return None
        component.add("dtstart", day)
        component.add("dtend", day + ONE_DAY)
    title = translated_value(meeting, "title", language) or str(meeting)
    description = [translated_value(meeting, "summary", language)]
    if meeting.starts_at is not None:
        # The time where the meeting is held, for readers whose app shows it in another zone.
        description.insert(0, _("Local time: %(time)s") % {
            "time": span_text(meeting.starts_at, meeting.ends_at, meeting.time_zone, with_date=True)})
    _describe(component, meeting, title, MEETING_STATUS.get(meeting.status, "TENTATIVE"), meeting.place,
              description, base_url)
    return component


def event_component(event: Event, base_url: str, language: str) -> icalendar.Event | None:
    start = partial_day(event.start_date)
    if start is None:
        return None
    end = partial_day(event.end_date)
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{UID_DOMAIN}")
    component.add("dtstart", start)
    component.add("dtend", max(end or start, start) + ONE_DAY)
    title = translated_value(event, "title", language)
    _describe(component, event, title, EVENT_STATUS.get(event.status, "TENTATIVE"), event.place,
              [translated_value(event, "description", language)], base_url)
    return component


def _describe(component, record, title: str, status: str, place: str, description: list[str], base_url: str):
    # Many apps ignore STATUS in a subscribed calendar: the title says it too.
    if record.status == "cancelled":
        title = _("Cancelled: %(title)s") % {"title": title}
    elif record.status == "postponed":
        title = _("Postponed: %(title)s") % {"title": title}
    component.add("summary", title)
    component.add("status", status)
    if place:
        component.add("location", place)
    text = "\n\n".join(part for part in description if part)
    if text:
        component.add("description", text)
    url = page_url(record)
    if url:
        component.add("url", base_url.rstrip("/") + url)
    changed = record.updated_at.astimezone(UTC)
    component.add("dtstamp", changed)
    component.add("last-modified", changed)
    # RFC 5545 counts revisions from 0; records count versions from 1.
    component.add("sequence", max((record.version or 1) - 1, 0))
    component.add("class", ACCESS_CLASS.get(record.visibility, "PRIVATE"))

