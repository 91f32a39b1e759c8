"""The council's calendar: a month of meetings and events as one reader may see them, in their zone.

A meeting with a start time falls on the days it covers on the *reader's* clock (a 23:30 UTC
start is the next morning in Astana); a meeting or event known only to the day is an all-day
entry on that day; one known only to the month is listed under the month, not on a day; one
known only to the year is left out (the lists show it). Events span every day from their
first to their last. Cancelled entries stay, marked, so nobody travels to them.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import NoReverseMatch
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from kenes.core.dates import PARTIAL_DATE
from kenes.core.translation import translated_value
from kenes.council.models import Event, Meeting

# Four-digit years, as partial dates have; the grid of the last month reaches into the next year.
MIN_YEAR, MAX_YEAR = 1000, 9998
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthError(ValueError):
    pass


@dataclass
class Entry:
    """One meeting or event as the calendar shows it."""

    kind: str  # "meeting" or "event"
    record: object
    title: str
    url: str | None
    kind_label: str
    status: str
    status_label: str
    place: str = ""
    start: datetime.datetime | None = None  # timed meetings only (aware)
    end: datetime.datetime | None = None
    zone: str = ""
    first_day: datetime.date | None = None
    last_day: datetime.date | None = None

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def timed(self) -> bool:
        return self.start is not None

    @property
    def spans_days(self) -> bool:
        return self.first_day is not None and self.last_day is not None and self.last_day > self.first_day


@dataclass
class DayEntry:
    """An entry on one day of the grid: whether it began earlier or goes on later."""

    entry: Entry
    continued: bool
    continues: bool


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool
    entries: list[DayEntry] = field(default_factory=list)


@dataclass
class Month:
    first: datetime.date
    weeks: list[list[Day]]
    month_only: list[Entry]  # known only to this month
    today: datetime.date

    @property
    def label(self) -> str:
        return formats.date_format(self.first, "YEAR_MONTH_FORMAT")

    @property
    def key(self) -> str:
        return month_key(self.first)

    @property
    def previous(self) -> str | None:
        if (self.first.year, self.first.month) == (MIN_YEAR, 1):
            return None
        return month_key(self.first - datetime.timedelta(days=1))

    @property
    def next(self) -> str | None:
        if (self.first.year, self.first.month) == (MAX_YEAR, 12):
            return None
        return month_key(self.first + datetime.timedelta(days=31))

    @property
    def days_with_entries(self) -> list[Day]:
        """The phone's list: this month's days that have something on them."""
        return [day for week in self.weeks for day in week if day.in_month and day.entries]

    @property
    def is_empty(self) -> bool:
        return not self.month_only and not self.days_with_entries


def month_key(day: datetime.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(value: str | None, today: datetime.date) -> datetime.date:
    """The first day of the month ``value`` names ("2024-08"); this month when empty.

    Raises ``MonthError`` with a sentence for the reader when ``value`` is not a month.
    """
    value = (value or "").strip()
    if not value:
        return today.replace(day=1)
    match = MONTH.match(value)
    if not match:
        raise MonthError(_("“%(value)s” is not a month. Give it as YYYY-MM, for example 2024-08.")
                         % {"value": value[:40]})
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise MonthError(_("A year has no month %(month)s. Give it as YYYY-MM, for example 2024-08.")
                         % {"month": month})
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise MonthError(_("The calendar shows the years %(first)s to %(last)s.")
                         % {"first": MIN_YEAR, "last": MAX_YEAR})
    return datetime.date(year, month, 1)


def build_month(user, first: datetime.date, *, today: datetime.date | None = None) -> Month:
    """The month starting on ``first`` with everything ``user`` may see, in the active (reader's) zone."""
    today = today or timezone.localdate()
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(first.year, first.month)
    grid_first, grid_last = weeks[0][0], weeks[-1][-1]
    days = {day: Day(day, day.month == first.month, day == today) for week in weeks for day in week}
    month_only: list[Entry] = []
    for entry, precision in [*_meetings(user, grid_first, grid_last, first), *_events(user, grid_first, grid_last, first)]:
        if precision == "month":
            month_only.append(entry)
            continue
        day = max(entry.first_day, grid_first)
        while day <= min(entry.last_day, grid_last):
            days[day].entries.append(DayEntry(entry, day > entry.first_day, day < entry.last_day))
            day += datetime.timedelta(days=1)
    for day in days.values():
        # Whole-day and multi-day entries first, then by the time they begin.
        day.entries.sort(key=lambda item: (item.entry.timed, item.entry.start or datetime.datetime.min.replace(
            tzinfo=datetime.UTC), item.entry.title))
    month_only.sort(key=lambda entry: entry.title)
    return Month(first, [[days[day] for day in week] for week in weeks], month_only, today)


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def _meetings(user, grid_first: datetime.date, grid_last: datetime.date, first: datetime.date):
    window_start = _local_midnight(grid_first)
    window_end = _local_midnight(grid_last + datetime.timedelta(days=1))
    current = month_key(first)
    months = {month_key(grid_first), current, month_key(grid_last)}
    dated = Q()
    for key in months:
        dated |= Q(date__startswith=key)
    timed = (Q(starts_at__lt=window_end)
             & (Q(ends_at__gte=window_start) | Q(ends_at__isnull=True, starts_at__gte=window_start)))
    meetings = Meeting.objects.visible_to(user).filter(timed | (Q(starts_at__isnull=True) & dated))
    for meeting in meetings:
        entry = _meeting_entry(meeting)
        if meeting.starts_at is not None:
            reader = timezone.get_current_timezone()
            entry.first_day = meeting.starts_at.astimezone(reader).date()
            entry.last_day = _last_localpartial_day(meeting.starts_at, meeting.ends_at, reader)
            yield entry, "day"
            continue
        day = partial_day(meeting.date)
        if day is not None:
            entry.first_day = entry.last_day = day
            yield entry, "day"
        elif meeting.date == current:
            yield entry, "month"


def _last_localpartial_day(start, end, zone) -> datetime.date:
    if end is None or end <= start:
        return start.astimezone(zone).date()
    local_end = end.astimezone(zone)
    # A meeting until midnight does not take up the next day.
    if local_end.time() == datetime.time() and local_end.date() > start.astimezone(zone).date():
        return local_end.date() - datetime.timedelta(days=1)
    return local_end.date()


def _events(user, grid_first: datetime.date, grid_last: datetime.date, first: datetime.date):
    current = month_key(first)
    # Partial dates sort as text ("2024-08" < "2024-08-05"); the loop below sorts out precision.
    events = Event.objects.visible_to(user).filter(start_date__lte=grid_last.isoformat()).filter(
        Q(start_date__gte=grid_first.isoformat()[:7]) | Q(end_date__gte=grid_first.isoformat()[:7]))
    for event in events:
        start = partial_day(event.start_date)
        if start is not None:
            end = partial_day(event.end_date)
            entry = _event_entry(event)
            entry.first_day, entry.last_day = start, max(end or start, start)
            if entry.last_day >= grid_first and entry.first_day <= grid_last:
                yield entry, "day"
        elif len(event.start_date) == 7 and event.start_date <= current <= (event.end_date[:7] or event.start_date):
            yield _event_entry(event), "month"


def partial_day(value: str) -> datetime.date | None:
    """The day a partial date names, or None for a month or a year alone."""
    match = PARTIAL_DATE.match(value or "")
    if not match or match.group(3) is None:
        return None
    return datetime.date(*(int(part) for part in match.groups()))


def page_url(record) -> str | None:
    # Event pages are built alongside the calendar; an entry without a page shows without a link.
    try:
        return record.get_absolute_url()
    except NoReverseMatch:
        return None


def _meeting_entry(meeting: Meeting) -> Entry:
    return Entry("meeting", meeting, translated_value(meeting, "title") or str(meeting), page_url(meeting),
                 _("Meeting"), meeting.status, meeting.get_status_display(), meeting.place,
                 meeting.starts_at, meeting.ends_at, meeting.time_zone)


def _event_entry(event: Event) -> Entry:
    return Entry("event", event, translated_value(event, "title"), page_url(event), event.get_kind_display(),
                 event.status, event.get_status_display(), event.place)
