"""Meeting times across zones: typed in the meeting's zone, stored in UTC, shown in the reader's.

A secretary in Tashkent types 10:00 for a meeting set in Tashkent; it is stored as 05:00 UTC,
and a reader whose account says Moscow reads "08:00 Moscow · 10:00 Tashkent". Zones are
named by cities, never by offsets, because offsets change (Kazakhstan moved from UTC+6 to
UTC+5 on 1 March 2024, so Astana and Tashkent now read the same clock).

Zones with summer time (the European ones guests come from) have two awkward hours a year:
in spring an hour that never happens on the wall clock (02:30 in Berlin on 31 March 2024),
in autumn one that happens twice (02:30 on 27 October 2024). A time in the gap is refused
with a message that says why; a time in the fold is taken at its first occurrence, still
in summer time, which is when a person reading the wall clock first sees it.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django import forms
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kenes.council.models import TIME_ZONES

UTC = datetime.UTC
# Where the tz database has whole regions; its other names (US/Eastern, Etc/GMT+5) are old aliases.
REGIONS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe", "Indian",
           "Pacific")


class UnknownZone(ValueError):
    pass


class NonexistentTime(ValueError):
    """A wall-clock time the zone skips when its clocks go forward."""

    def __init__(self, local: datetime.datetime, zone: zoneinfo.ZoneInfo):
        self.local, self.zone = local, zone
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _("%(time)s does not exist in %(city)s on %(date)s: the clocks go forward that night. "
                 "Choose an earlier or a later time.") % {
            "time": self.local.strftime("%H:%M"), "city": city(self.zone),
            "date": formats.date_format(self.local.date(), "DATE_FORMAT")}


def get_zone(name) -> zoneinfo.ZoneInfo:
    """The zone called ``name`` (a ZoneInfo passes through); ``UnknownZone`` when there is none."""
    if isinstance(name, zoneinfo.ZoneInfo):
        return name
    try:
        return zoneinfo.ZoneInfo(str(name or ""))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise UnknownZone(_("%(zone)s is not a time zone.") % {"zone": name}) from None


def zone_or_utc(name) -> zoneinfo.ZoneInfo:
    """For showing times: a zone that went missing is read as UTC rather than breaking the page."""
    try:
        return get_zone(name)
    except UnknownZone:
        return zoneinfo.ZoneInfo("UTC")


def to_utc(local: datetime.datetime | None, zone) -> datetime.datetime | None:
    """A wall-clock time in ``zone`` (a name or ZoneInfo) as an aware UTC datetime.

    An aware ``local`` already says which instant it is and is only converted. A time the
    zone skips raises ``NonexistentTime``; a time it passes twice is the first (summer) one.
    """
    if local is None:
        return None
    if timezone.is_aware(local):
        return local.astimezone(UTC)
    tz = get_zone(zone)
    first = local.replace(tzinfo=tz, fold=0)
    # In a gap the round trip lands on another wall-clock time (02:30 becomes 03:30).
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != local:
        raise NonexistentTime(local, tz)
    return first.astimezone(UTC)


def in_zone(moment: datetime.datetime | None, zone) -> datetime.datetime | None:
    """An aware datetime as the wall clock in ``zone`` reads it (still aware)."""
    if moment is None:
        return None
    return moment.astimezone(zone_or_utc(zone))


def is_ambiguous(local: datetime.datetime, zone) -> bool:
    """True for a wall-clock time the zone passes twice (the autumn fold)."""
    tz = get_zone(zone)
    return local.replace(tzinfo=tz, fold=0).utcoffset() != local.replace(tzinfo=tz, fold=1).utcoffset()


def zone_key(zone) -> str:
    return getattr(zone, "key", None) or str(zone)


def city(zone) -> str:
    """The name people know a zone by: "Astana" for Asia/Almaty, "Tashkent", "UTC", "Paris"."""
    key = zone_key(zone)
    label = dict(TIME_ZONES).get(key)
    if label is not None:
        return str(label).split(",")[0].strip()
    return key.rsplit("/", 1)[-1].replace("_", " ")


def zone_choices() -> list:
    """For a person choosing their zone: the council's zones by city first, then every region's zones."""
    listed = {key for key, _label in TIME_ZONES}
    others = sorted(key for key in zoneinfo.available_timezones()
                    if key.split("/")[0] in REGIONS and key not in listed)
    return [(gettext_lazy("Council's zones"), list(TIME_ZONES)),
            (gettext_lazy("All zones"), [(key, key.replace("_", " ")) for key in others])]


# Showing times.

def _clock(moment: datetime.datetime) -> str:
    return moment.strftime("%H:%M")


def _day(moment: datetime.datetime) -> str:
    return formats.date_format(moment.date(), "DATE_FORMAT")


def span_text(start, end, tz, with_date: bool = False) -> str:
    """The span on the clock of ``tz``: "10:00–12:00 Tashkent", or "28 August 2024, 10:00–12:00 Tashkent"."""
    tz = zone_or_utc(tz)
    start = start.astimezone(tz)
    text = f"{_day(start)}, {_clock(start)}" if with_date else _clock(start)
    if end is not None:
        end = end.astimezone(tz)
        text += f"–{_clock(end)}" if end.date() == start.date() else f" – {_day(end)}, {_clock(end)}"
    return f"{text} {city(tz)}"


def describe(start, end=None, zone=None, *, with_date: bool = False) -> SafeString:
    """``start`` (–``end``) in the reader's zone, with the meeting's zone beside it when that differs.

    "08:00–10:00 Moscow · 10:00–12:00 Tashkent"; with the date, the meeting's side repeats
    the date only when its day is not the reader's. Empty for no start.
    """
    if start is None:
        return SafeString("")
    reader = timezone.get_current_timezone()
    meeting = zone_or_utc(zone) if zone else reader
    iso = start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    own = format_html('<time datetime="{}">{}</time>', iso, span_text(start, end, reader, with_date))
    if zone_key(meeting) == zone_key(reader):
        return own
    other_day = start.astimezone(meeting).date() != start.astimezone(reader).date()
    return format_html('{}<span class="other-zone"> · {}</span>', own,
                       span_text(start, end, meeting, with_date and other_day))


# Forms.

class WallClockField(forms.DateTimeField):
    """A date and time as typed, with no zone yet: the form knows the zone only once it is cleaned.

    Django's own field would read the time in the *reader's* zone, and refuse a time that is
    awkward there, when what matters is the meeting's zone.
    """

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            parsed = None
        if parsed is None:
            raise forms.ValidationError(_("Enter a date and time, for example 2024-08-28 10:00."), code="invalid")
        return parsed

    def prepare_value(self, value):
        return value  # shown as stored in ``initial``: already the meeting's wall clock


class MeetingTimesMixin:
    """For a model form with ``starts_at``/``ends_at`` and ``time_zone``: times typed in the meeting's zone.

    ``class MeetingForm(MeetingTimesMixin, RecordForm)``. Editing shows the stored UTC times
    as the meeting's wall clock; saving reads what was typed in the zone chosen on the same
    form and hands the model aware UTC datetimes (or field errors for a skipped time).
    """

    zoned_fields = ("starts_at", "ends_at")
    zone_field = "time_zone"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = zone_or_utc(self.initial.get(self.zone_field) or getattr(self.instance, self.zone_field, None))
        for name in self.zoned_fields:
            if name not in self.fields:
                continue
            old = self.fields[name]
            self.fields[name] = WallClockField(label=old.label, help_text=old.help_text, required=old.required)
            value = self.initial.get(name)  # the stored UTC time when editing
            if isinstance(value, datetime.datetime) and timezone.is_aware(value):
                self.initial[name] = in_zone(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get(self.zone_field) or getattr(self.instance, self.zone_field, None) or "UTC"
        for name in self.zoned_fields:
            value = cleaned.get(name)
            if value is None:
                continue
            try:
                cleaned[name] = to_utc(value, zone)
            except (NonexistentTime, UnknownZone) as problem:
                self.add_error(name, str(problem))
        return cleaned
